"""The public form acknowledges at most so many complaints giving one address in a
period: a script typing a stranger's address again and again has each complaint kept, but
the stranger is not sent an acknowledgement for each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.ack_limit import AcknowledgementLimit
from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from complaintkit.testing.server import running_server
from loopback import loopback_client

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement:
    zh: {subject: "您的投诉 {case.id} 已受理", body: "我们已收到。"}
  owner_notice:
    zh: {subject: "新投诉", body: "{case.id}"}
notifications:
  notifiers: {log: {type: log}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: acknowledgement}
    - {"on": opened, notify: [owner], via: log, template: owner_notice}
"""
)
HTML = {"Accept": "text/html", "Accept-Language": "zh-CN"}
START = datetime(2026, 12, 3, 2, tzinfo=UTC)


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk, ManualClock]]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(START)
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    app = create_app(desk, form_acknowledgements=2, form_acknowledgement_period=timedelta(hours=1))
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk, clock


def sent_to(desk: Desk, role: str) -> list[str]:
    return [
        d.outgoing.payload["to"]
        for d in desk.storage.deliveries("pending")
        if d.outgoing.payload["role"] == role
    ]


def test_past_the_limit_complaints_are_kept_but_not_acknowledged(
    served: tuple[httpx.Client, Desk, ManualClock],
) -> None:
    client, desk, clock = served
    typed = ["wang@example.cn", "Wang@Example.cn", " wang@example.cn ", "wang@example.cn"]
    for number, contact in enumerate(typed):
        answer = client.post("/", data={"text": f"第{number}次投诉", "contact": contact})
        assert answer.status_code == 303
    cases = desk.find()
    assert len(cases) == 4
    assert len(sent_to(desk, "customer")) == 2
    assert len(sent_to(desk, "owner")) == 4  # the desk hears of every one
    withheld = [
        e.data["acknowledgement_withheld"]
        for c in cases
        for e in desk.storage.events(c.id)
        if e.kind == "opened" and "acknowledgement_withheld" in e.data
    ]
    assert len(withheld) == 2
    other = client.post("/", data={"text": "另一个人", "contact": "li@example.cn"})
    assert other.status_code == 303
    assert len(sent_to(desk, "customer")) == 3
    clock.advance(timedelta(hours=1, seconds=1))
    client.post("/", data={"text": "一小时后", "contact": "wang@example.cn"})
    assert len(sent_to(desk, "customer")) == 4


@pytest.mark.parametrize(
    "settings",
    [
        {"form_acknowledgements": -1},
        {"form_acknowledgements": 1.5},
        {"form_acknowledgement_period": timedelta(0)},
        {"form_acknowledgement_period": 3600},
    ],
)
def test_a_limit_that_is_no_limit_is_refused_at_start(settings: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="form_acknowledgement"):
        create_app(Desk(), **settings)  # type: ignore[arg-type]


@given(
    count=st.integers(0, 4),
    gaps=st.lists(st.integers(0, 7200), max_size=40),
)
def test_no_period_holds_more_acknowledgements_than_the_limit(count: int, gaps: list[int]) -> None:
    limit = AcknowledgementLimit(count, timedelta(hours=1))
    at, sent = START, []
    for gap in gaps:
        at += timedelta(seconds=gap)
        if limit.withheld("key", at) is None:
            sent.append(at)
        else:  # withheld only when the period before it already holds the limit
            assert len([s for s in sent if s > at - timedelta(hours=1)]) == count
    for first in sent:
        assert len([s for s in sent if first <= s < first + timedelta(hours=1)]) <= count


def signed(body: bytes) -> dict[str, str]:
    stamp = int(START.timestamp())
    return {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request("s" * 32, body, stamp)}


def _complaint(number: int, contact: str) -> dict[str, object]:
    return {
        "external_id": f"api-{number}",
        "received_at": START.isoformat(),
        "customer": {"id": f"c-{number}", "contact": contact},
        "text": f"第{number}次投诉",
    }


def test_unsigned_complaints_posted_to_the_api_share_the_limit(
    served: tuple[httpx.Client, Desk, ManualClock],
) -> None:
    """Without a secret, POST /complaints is as open as the form: the same limit holds."""
    client, desk, _ = served
    for number in range(4):
        answer = client.post("/complaints", json=_complaint(number, "wang@example.cn"))
        assert answer.status_code == 201, answer.text
    assert len(desk.find()) == 4
    assert len(sent_to(desk, "customer")) == 2
    assert len(sent_to(desk, "owner")) == 4
    client.post("/", data={"text": "表单", "contact": "WANG@example.cn"})
    assert len(sent_to(desk, "customer")) == 2  # one count for the address, however it came


def test_signed_complaints_are_not_limited(tmp_path: Path) -> None:
    """A complaint the server's secret signs comes from the organisation's own systems."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage="memory:", clock=ManualClock(START))
    app = create_app(desk, secret="s" * 32, form_acknowledgements=1)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        for number in range(3):
            body = json.dumps(_complaint(number, "wang@example.cn")).encode()
            answer = client.post("/complaints", content=body, headers=signed(body))
            assert answer.status_code == 201, answer.text
    assert len(sent_to(desk, "customer")) == 3
