"""A signed request's timestamp just outside the window: the refusal says how far outside
and which way, never a distance equal to the window it was refused for."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, request_problem, sign_request
from complaintkit.testing.server import running_server
from loopback import loopback_client

SECRET = "intake-secret-of-the-shop"
STAMP = 1_800_000_000
WINDOW = 300


@pytest.fixture
def served() -> Iterator[tuple[httpx.Client, ManualClock]]:
    clock = ManualClock(datetime.fromtimestamp(STAMP, UTC))
    desk = Desk(storage="memory:", clock=clock)
    app = create_app(desk, secret=SECRET, signature_window=WINDOW)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, clock


def _post(client: httpx.Client) -> httpx.Response:
    body = json.dumps(
        {"external_id": "边界-1", "customer": {"id": "客户7"}, "text": "送餐超时"},
        ensure_ascii=False,
    ).encode()
    headers = {TIMESTAMP_HEADER: str(STAMP), HEADER: sign_request(SECRET, body, STAMP)}
    return client.post("/complaints", content=body, headers=headers)


def test_a_stamp_a_fraction_past_the_window_is_refused_saying_it_is_past_it(
    served: tuple[httpx.Client, ManualClock],
) -> None:
    client, clock = served
    clock.advance(timedelta(seconds=WINDOW, milliseconds=400))
    response = _post(client)
    assert response.status_code == 401
    answer = response.json()
    assert answer["field"] == TIMESTAMP_HEADER
    assert f"is {WINDOW} s from" not in answer["error"]
    assert f"more than {WINDOW} s behind" in answer["error"]


def test_a_stamp_at_the_window_edge_is_taken(served: tuple[httpx.Client, ManualClock]) -> None:
    client, clock = served
    clock.advance(timedelta(seconds=WINDOW))
    assert _post(client).status_code == 201


@given(
    outside=st.integers(min_value=1, max_value=10**9),
    ahead=st.booleans(),
)
def test_a_refused_stamp_is_said_to_be_past_the_window_in_its_direction(
    outside: int, ahead: bool
) -> None:
    skew = timedelta(seconds=WINDOW, microseconds=outside)
    now = datetime.fromtimestamp(STAMP, UTC) + (-skew if ahead else skew)
    problem = request_problem(SECRET, b"{}", None, str(STAMP), now, WINDOW)
    assert problem is not None
    header, message = problem
    assert header == TIMESTAMP_HEADER
    assert f"more than {WINDOW} s {'ahead of' if ahead else 'behind'}" in message
