"""A server without a secret keeps a bounded number of the bodies it refuses.

Anyone may post to it, and each refused body (a 422 for JSON that is no complaint, a 413
for one too large) was kept as a dead letter: a client sending garbage in a loop filled the
dead-letter store without end. Now each sender address has at most ``refusals_kept``
refused bodies kept in any ``refusals_kept_period`` (and all senders together ten times
that); a body past it is answered with the same 4xx naming what is wrong, saying it was
not kept (``"kept": false``), so its sender knows to mend it and send it again. Nothing
accepted is lost: a good complaint is taken in whatever the refusals before it, and a
signed server keeps every body whose signature it verified."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.refusals_kept import DEFAULT_COUNT, RefusalsKept, sender
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.testing.server import running_server
from loopback import loopback_client

NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
GOOD = {"external_id": "K-1", "customer": {"id": "c-1"}, "text": "the milk was sour"}


def _desk(tmp_path: Path) -> Desk:
    return Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")


def test_garbage_in_a_loop_keeps_no_more_than_the_default_allowance(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    with (
        desk.storage,
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        answers = [
            client.post("/complaints", content=b"{not json") for _ in range(DEFAULT_COUNT + 3)
        ]
        assert {a.status_code for a in answers} == {422}
        assert all(a.json()["field"] == "body" for a in answers)
        assert [a.json().get("kept") for a in answers[DEFAULT_COUNT:]] == [False] * 3
        assert all("kept" not in a.json() for a in answers[:DEFAULT_COUNT])
        assert len(desk.storage.dead_letters()) == DEFAULT_COUNT
        taken = client.post("/complaints", content=json.dumps(GOOD))
        assert taken.status_code == 201  # a real complaint is never held back
        assert desk.storage.find_by_key("http", "K-1") is not None


def test_a_refusal_past_the_allowance_names_what_is_wrong_and_that_it_was_not_kept(
    tmp_path: Path,
) -> None:
    desk = _desk(tmp_path)
    app = create_app(desk, max_body=100, refusals_kept=1)
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        first = client.post("/complaints", content=json.dumps({**GOOD, "history": []}))
        second = client.post("/complaints", content=json.dumps({**GOOD, "history": []}))
        big = client.post("/complaints", content=b"x" * 200)
        assert (first.status_code, second.status_code, big.status_code) == (422, 422, 413)
        assert second.json()["field"] == "history"
        assert big.json()["field"] == "body"
        assert "not kept" in second.json()["error"]
        assert "not kept" in big.json()["error"]
        assert (second.json()["kept"], big.json()["kept"]) == (False, False)
        [letter] = desk.storage.dead_letters()
        described = client.get("/openapi.json").json()["components"]["schemas"]["Error"]
    assert letter.source == f"http:http:{first.json()['request_id']}"
    assert set(second.json()) <= set(described["properties"])  # "kept" is documented


def test_the_allowance_comes_back_after_its_period(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    app = create_app(desk, refusals_kept=1, refusals_kept_period=timedelta(minutes=1))
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        client.post("/complaints", content=b"[]")
        assert client.post("/complaints", content=b"[]").json()["kept"] is False
        clock.advance(timedelta(minutes=1))
        assert "kept" not in client.post("/complaints", content=b"[]").json()
        assert len(desk.storage.dead_letters()) == 2


def test_a_signed_server_keeps_every_body_whose_signature_it_verified(tmp_path: Path) -> None:
    secret = "s" * 32
    desk = _desk(tmp_path)
    app = create_app(desk, secret=secret, refusals_kept=1)
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        for _ in range(3):
            body = b"{not json"
            stamp = str(int(time.time()))
            mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
            headers = {
                "X-Complaintkit-Timestamp": stamp,
                "X-Complaintkit-Signature": f"sha256={mac.hexdigest()}",
            }
            answer = client.post("/complaints", content=body, headers=headers)
            assert answer.status_code == 422
            assert "kept" not in answer.json()
        assert len(desk.storage.dead_letters()) == 3


def test_senders_are_counted_apart_and_together() -> None:
    limit = RefusalsKept(count=2, period=timedelta(minutes=1), total=3)
    now = NOON
    assert [limit.unkept("10.0.0.1", now) for _ in range(3)][:2] == [None, None]
    assert limit.unkept("10.0.0.1", now) is not None
    assert limit.unkept("10.0.0.2", now) is None  # its own allowance
    assert limit.unkept("10.0.0.3", now) is not None  # all senders' is spent
    # one IPv6 network of 64 bits is one sender: it holds addresses without end
    six = RefusalsKept(count=1, period=timedelta(minutes=1))
    assert six.unkept("2001:db8::1", now) is None
    assert six.unkept("2001:db8::2", now) is not None


@pytest.mark.parametrize("count", [-1, True, 1.5])
def test_an_allowance_that_is_no_count_is_a_config_error(tmp_path: Path, count: object) -> None:
    with pytest.raises(ConfigError, match="refusals_kept"):
        create_app(_desk(tmp_path), refusals_kept=count)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(
    calls=st.lists(
        st.tuples(
            st.sampled_from(["10.0.0.1", "10.0.0.2", "::ffff:10.0.0.1", "2001:db8::9", None]),
            st.integers(0, 120),
        ),
        max_size=60,
    )
)
def test_no_window_of_a_period_keeps_more_than_the_allowances(
    calls: list[tuple[str | None, int]],
) -> None:
    limit = RefusalsKept(count=3, period=timedelta(seconds=30), total=5)
    kept: list[tuple[str, datetime]] = []
    at = NOON
    for host, pause in calls:
        at += timedelta(seconds=pause)
        if limit.unkept(host, at) is None:
            kept.append((sender(host), at))
    for _, start in kept:  # every window of one period, from each letter kept
        window = [who for who, when in kept if start <= when < start + timedelta(seconds=30)]
        assert len(window) <= 5
        assert all(window.count(who) <= 3 for who in window)
