"""The status page of a case with no first-answer deadline (a desk without a policy, or a
category with no SLA) shows no time, so its next step must not point at one, nor, waiting
on its customer with no answer sent, at a message; and the page's language is defined
however ``?lang`` is written: the first one it knows wins, in any case of letters and with
a region; with none it knows, the page falls back as it would without one."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOW = datetime(2026, 12, 1, 3, 12, tzinfo=UTC)
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    db = tmp_path_factory.mktemp("nodeadline") / "c.db"
    desk = Desk(storage=f"sqlite:///{db}", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "n-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "店员态度很差",
        }
    )
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        yield client, f"/status/{case.status_token}"


def next_step(page: str) -> str:
    found = re.search(r'id="next-step">(.*?)</p>', page, re.S)
    assert found is not None, page
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_no_deadline_the_next_step_points_at_no_time(
    served: tuple[httpx.Client, str], lang: str
) -> None:
    client, url = served
    page = client.get(f"{url}?lang={lang}", headers=HTML).text
    assert 'id="first-due"' not in page
    step = next_step(page)
    assert step.strip()
    assert "shown above" not in step
    assert "上面写明" not in step


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("lang=zh&lang=en", "zh-CN"),
        ("lang=en&lang=zh", "en"),
        ("lang=EN", "en"),
        ("lang=en-GB", "en"),
        ("lang=zh_CN", "zh-CN"),
        ("lang=fr&lang=en", "en"),
    ],
)
@pytest.mark.parametrize("path", ["status", "form"])
def test_the_first_lang_it_knows_wins(
    served: tuple[httpx.Client, str], query: str, shown: str, path: str
) -> None:
    client, url = served
    where = url if path == "status" else "/"
    page = client.get(f"{where}?{query}", headers={**HTML, "Accept-Language": "zh-CN"})
    assert page.status_code == 200
    assert f'<html lang="{shown}">' in page.text


@pytest.mark.parametrize("query", ["lang=fr", "lang=", "lang=%00", "lang=%FF", "lang=e%CC%81n"])
@pytest.mark.parametrize(("path", "shown"), [("status", "zh-CN"), ("form", "en")])
def test_a_lang_it_does_not_know_falls_back(
    served: tuple[httpx.Client, str], query: str, path: str, shown: str
) -> None:
    """To the complaint's language on its status page (its words are Chinese), to the
    browser's on the form."""
    client, url = served
    where = url if path == "status" else "/"
    page = client.get(f"{where}?{query}", headers={**HTML, "Accept-Language": "en-US"})
    assert page.status_code == 200
    assert f'<html lang="{shown}">' in page.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_waiting_for_a_reply_to_no_message_does_not_point_at_one(tmp_path: Path, lang: str) -> None:
    """A case set to wait on its customer with no answer sent to them (a phone call, or a
    slip) has no "latest message" on the page to answer."""
    desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "店员态度很差",
        }
    )
    desk.transition(case.id, "investigating", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na")
    url = f"/status/{case.status_token}?lang={lang}"
    with running_server(create_app(desk)) as base, loopback_client(base_url=base) as client:
        step = next_step(client.get(url, headers=HTML).text)
    assert "latest message" not in step
    assert "最近一条消息" not in step
    assert step.strip()
