"""A client refusing JSON (``Accept: application/json;q=0``) is not sent JSON.

``q=0`` means "not acceptable" (RFC 9110, section 12.4.2). The status endpoint, which has a
page and JSON, sent JSON to a client that refused it and named nothing else, as if the
header had said nothing. It now sends what the client did not refuse (the page), and a
406 when it refuses both; a client refusing the page still gets JSON, and one naming
neither (``image/png``, none at all) the API's JSON as before. A wildcard counts only
where nothing names the type more exactly (``*/*;q=0, text/html`` is the page)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request

from complaintkit.api.app import create_app
from complaintkit.api.pages import representation
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
JSON, HTML = "application/json", "text/html"


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


def _chosen(accept: str) -> str | None:
    return representation(Request({"type": "http", "headers": [(b"accept", accept.encode())]}))


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("application/json;q=0", HTML),
        ("application/*;q=0", HTML),
        ("application/json;q=0, image/png", HTML),
        ("application/json;q=0, text/html;q=0", None),
        ("*/*;q=0", None),
        ("*/*;q=0, text/html", HTML),
        ("*/*;q=0, application/json;q=0.1", JSON),
        ("text/html;q=0", JSON),
        ("text/*;q=0, application/json;q=0", None),
        ("image/png", JSON),
        ("", JSON),
        ("*/*", JSON),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),
        ("application/json, text/html", JSON),
        ("text/html, application/json", HTML),
    ],
)
def test_what_each_header_is_sent(accept: str, chosen: str | None) -> None:
    assert _chosen(accept) == chosen


@given(
    json_q=st.sampled_from(["0", "0.0", "0.000"]),
    others=st.lists(st.sampled_from(["image/png", "text/plain;q=0.5", "application/xml"])),
)
def test_json_refused_is_never_chosen(json_q: str, others: list[str]) -> None:
    assert _chosen(", ".join([f"application/json;q={json_q}", *others])) == HTML


def test_the_status_endpoint_sends_the_page_to_a_client_refusing_json(
    served: tuple[httpx.Client, Case],
) -> None:
    client, case = served
    answer = client.get(f"/status/{case.status_token}", headers={"Accept": "application/json;q=0"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert case.id in answer.text


def test_and_a_406_to_one_refusing_both(served: tuple[httpx.Client, Case]) -> None:
    client, case = served
    answer = client.get(
        f"/status/{case.status_token}", headers={"Accept": "application/json;q=0, text/html;q=0"}
    )
    assert answer.status_code == 406
    assert case.id not in answer.text


def test_the_api_description_lists_the_406(served: tuple[httpx.Client, Case]) -> None:
    client, _ = served
    described = client.get("/openapi.json").json()
    assert "406" in described["paths"]["/status/{token}"]["get"]["responses"]
