"""A status link that gained a trailing slash still opens the customer's page in a browser.

A link pasted or shortened on its way to the customer can end in ``/``. A browser asking
for ``/status/<token>/`` got the API's JSON 404, in English, telling it to write the path
without the slash: no page, and nothing a customer can act on. A browser's ``GET`` is now
sent on (308) to the path without it, as privately as the page is sent; an API client is
still told, as any sender of a path with a trailing slash is (no redirect: a sender may
count a 3xx as delivered).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "zh-CN"}


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Case]]:
    desk = Desk(
        load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=ManualClock(NOON)
    )
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "w-1",
                "customer": {"id": "c-1"},
                "received_at": NOON.isoformat(),
                "text": "收银员态度很差",
            }
        )
        yield client, case


def test_a_browser_is_sent_to_the_page_without_the_slash(served: tuple[httpx.Client, Case]) -> None:
    client, case = served
    sent = client.get(f"/status/{case.status_token}/?lang=en", headers=BROWSER)
    assert sent.status_code == 308
    assert sent.headers["location"] == f"/status/{case.status_token}?lang=en"
    assert sent.headers["cache-control"] == "no-store"
    assert sent.headers["referrer-policy"] == "no-referrer"
    page = client.get(sent.headers["location"], headers=BROWSER)
    assert page.status_code == 200
    assert case.id in page.text
    assert '<html lang="en">' in page.text


def test_an_unknown_token_with_a_slash_reaches_the_not_found_page(
    served: tuple[httpx.Client, Case],
) -> None:
    client, _ = served
    page = client.get("/status/nope/", headers=BROWSER, follow_redirects=True)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "找不到这个投诉" in page.text


def test_an_api_client_is_still_told_to_drop_the_slash(served: tuple[httpx.Client, Case]) -> None:
    client, case = served
    answer = client.get(f"/status/{case.status_token}/", headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert "without the trailing slash" in answer.json()["error"]
