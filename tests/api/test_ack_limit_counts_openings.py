"""The acknowledgement limit counts acknowledgements sent: a client retrying the complaint
it already sent (after a timeout, a lost answer), a form sent twice, or a complaint refused
opens no case and sends nothing, so it must not use up the address's allowance."""

from __future__ import annotations

import re
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
notifications:
  notifiers: {log: {type: log}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: acknowledgement}
"""
)
START = datetime(2026, 12, 3, 2, tzinfo=UTC)
HTML = {"Accept": "text/html", "Accept-Language": "zh-CN"}
SUBMISSION = re.compile(r'name="submission" value="([0-9a-f]{20})"')
ADDRESS = "wang@example.cn"


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(
        load_policy(path),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(START),
    )
    app = create_app(desk, form_acknowledgements=2, form_acknowledgement_period=timedelta(hours=1))
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def acknowledged(desk: Desk) -> int:
    return sum(
        1 for d in desk.storage.deliveries("pending") if d.outgoing.payload["role"] == "customer"
    )


def complaint(key: str, text: str) -> dict[str, object]:
    return {"external_id": key, "customer": {"id": "c-1", "contact": ADDRESS}, "text": text}


def test_retries_of_one_posted_complaint_count_once(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    answers = [client.post("/complaints", json=complaint("A-1", "漏水")) for _ in range(4)]
    assert [a.status_code for a in answers] == [201, 200, 200, 200]
    second = client.post("/complaints", json=complaint("A-2", "又漏水"))
    assert second.status_code == 201
    assert acknowledged(desk) == 2


def test_a_complaint_under_a_held_key_counts_once(served: tuple[httpx.Client, Desk]) -> None:
    """Unsigned, the key reused with other words is a case of its own (``unsigned_keys``):
    acknowledged once, its retries nothing."""
    client, desk = served
    assert client.post("/complaints", json=complaint("A-1", "漏水")).status_code == 201
    answers = [client.post("/complaints", json=complaint("A-1", "改了")) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 200, 200]
    assert client.post("/complaints", json=complaint("A-2", "又漏水")).status_code == 201
    assert acknowledged(desk) == 2
    assert len(desk.find()) == 3


def test_a_refused_complaint_counts_nothing(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    assert client.post("/complaints", json=complaint("A-1", "漏水")).status_code == 201
    refused = {**complaint("A-3", "改了"), "amount": {"amount": "-1", "currency": "CNY"}}
    for _ in range(3):  # refused, kept, nothing sent
        assert client.post("/complaints", json=refused).status_code == 422
    assert client.post("/complaints", json=complaint("A-2", "又漏水")).status_code == 201
    assert acknowledged(desk) == 2


def test_a_form_sent_again_counts_once(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    page = client.get("/", headers=HTML).text
    found = SUBMISSION.search(page)
    assert found is not None
    fields = {"text": "牛奶变质了", "contact": ADDRESS, "submission": found.group(1)}
    for _ in range(3):  # a double click, then a reload
        assert client.post("/", data=fields, headers=HTML).status_code == 303
    other = {"text": "另一件事", "contact": ADDRESS}
    assert client.post("/", data=other, headers=HTML).status_code == 303
    assert len(desk.find()) == 2
    assert acknowledged(desk) == 2


@given(steps=st.lists(st.tuples(st.integers(0, 1800), st.booleans()), max_size=40))
def test_given_back_acknowledgements_leave_room_and_no_period_holds_more(
    steps: list[tuple[int, bool]],
) -> None:
    """Each acknowledgement counted is either sent or given back; only those sent count."""
    limit = AcknowledgementLimit(2, timedelta(hours=1))
    at = START
    sent: list[datetime] = []
    for gap, opened in steps:
        at += timedelta(seconds=gap)
        recent = [s for s in sent if s > at - timedelta(hours=1)]
        reason = limit.withheld(ADDRESS, at)
        assert (reason is None) == (len(recent) < 2)
        if reason is None and opened:
            sent.append(at)
        elif reason is None:
            limit.give_back(ADDRESS, at)
