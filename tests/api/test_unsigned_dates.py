"""Who may date a complaint over HTTP: a signed caller (a system holding the shared secret)
may say when a complaint arrived; an anonymous one may not back-date it.

Without a secret anyone can post. A complaint dated 1900 — or last month — opened with its
clocks long run out: breaches and escalations fired at once for a complaint just made up,
and the daily report counted a day a century back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
SECRET = "intake-secret-of-the-shop"


def _complaint(external_id: str, received_at: datetime | None) -> dict[str, Any]:
    body: dict[str, Any] = {"external_id": external_id, "customer": {"id": "c"}, "text": "漏水"}
    if received_at is not None:
        body["received_at"] = received_at.isoformat()
    return body


@pytest.fixture(name="anonymous")
def anonymous_fixture() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:", clock=ManualClock(NOW))
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize(
    "received_at",
    [datetime(1900, 1, 1, tzinfo=UTC), NOW - timedelta(days=30), NOW - timedelta(minutes=6)],
    ids=["1900", "a month back", "six minutes back"],
)
def test_an_anonymous_caller_cannot_back_date_a_complaint(
    anonymous: tuple[httpx.Client, Desk], received_at: datetime
) -> None:
    client, desk = anonymous
    answer = client.post("/complaints", json=_complaint("A-1", received_at))
    assert answer.status_code == 422
    assert answer.json()["field"] == "received_at"
    assert "sign" in answer.json()["error"]
    assert desk.storage.find_by_key("http", "A-1") is None
    assert desk.storage.dead_letters()[-1].source.endswith(answer.json()["request_id"])


@pytest.mark.parametrize(
    "received_at",
    [None, NOW, NOW - timedelta(minutes=4), NOW.astimezone(UTC) + timedelta(minutes=4)],
    ids=["left out", "now", "a sender's clock behind", "a sender's clock ahead"],
)
def test_an_anonymous_caller_may_give_the_time_it_is(
    anonymous: tuple[httpx.Client, Desk], received_at: datetime | None
) -> None:
    client, desk = anonymous
    answer = client.post("/complaints", json=_complaint("A-2", received_at))
    assert answer.status_code == 201
    case = desk.get(answer.json()["case_id"])
    assert case.complaint.received_at == (received_at or NOW)


def test_a_signed_caller_dates_its_complaints() -> None:
    """An integration forwarding complaints its own desk took in last week says when."""
    stamp = int(time.time())  # the signature's timestamp must be near the Desk's clock
    now = datetime.fromtimestamp(stamp, UTC)
    desk = Desk(storage="memory:", clock=ManualClock(now))
    body = json.dumps(_complaint("S-1", now - timedelta(days=7))).encode()
    headers = {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(SECRET, body, stamp)}
    with running_server(create_app(desk, secret=SECRET)) as url, loopback_client(base_url=url) as c:
        answer = c.post("/complaints", content=body, headers=headers)
    assert answer.status_code == 201, answer.text
    assert desk.get(answer.json()["case_id"]).complaint.received_at == now - timedelta(days=7)
