"""An acknowledgement never promises a date already past: last month's complaints imported
from a CSV file were due before they were taken in, and a letter saying "we will answer by
3 November" on 3 December misleads. Such a letter is held back as a dead letter naming the
deadline; one that promises no date, or a date still ahead, goes as usual."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}}
sla: {calendar: office, targets: [{first_response: 24h, resolution: 5 business days}]}
templates:
  acknowledgement:
    zh: {subject: "您的投诉 {case.id} 已受理", body: "我们将在 {case.first_response_due} 前答复您。"}
  resolution_promise:
    zh: {subject: "处理时限", body: "我们将在 {case.due.resolution} 前处理完毕。"}
  received:
    zh: {subject: "您的投诉 {case.id} 已收到", body: "我们已收到您的投诉。"}
  owner_notice:
    zh: {subject: "新投诉", body: "首次答复时限 {case.first_response_due}"}
notifications:
  notifiers: {log: {type: log}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: log, template: acknowledgement}
    - {"on": opened, notify: [customer], via: log, template: resolution_promise}
    - {"on": opened, notify: [customer], via: log, template: received}
    - {"on": opened, notify: [owner], via: log, template: owner_notice}
"""
)
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)  # Thursday 3 December, 10:00 in Shanghai


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(path), storage="memory:", clock=ManualClock(NOW))


def _complaint(received_at: str) -> dict[str, Any]:
    return {
        "channel": "csv",
        "external_id": f"row-{received_at}",
        "received_at": received_at,
        "customer": {"id": "c-1", "contact": "wang@example.cn"},
        "text": "退款还没有到账",
    }


def _sent(desk: Desk) -> dict[str, str]:
    return {
        d.outgoing.payload["data"]["template"]: d.outgoing.payload["body"]
        for d in desk.storage.deliveries("pending")
    }


def test_an_imported_complaint_past_both_deadlines_gets_no_letter_promising_them(
    desk: Desk,
) -> None:
    case = desk.intake(_complaint("2026-11-02T10:00:00+08:00"))  # a month ago
    assert set(_sent(desk)) == {"received", "owner_notice"}
    reasons = sorted(letter.reason for letter in desk.storage.dead_letters())
    assert len(reasons) == 2
    assert all(case.id in reason for reason in reasons)
    assert "first_response by 2026-11-03 10:00 +08:00" in reasons[0]
    assert "resolution by 2026-11-09 18:00 +08:00" in reasons[1]


def test_one_past_deadline_holds_only_the_letter_that_names_it(desk: Desk) -> None:
    # received on Monday 10:00: the 24 hours have run, the 5 business days have not
    desk.intake(_complaint("2026-11-30T10:00:00+08:00"))
    sent = _sent(desk)
    assert set(sent) == {"resolution_promise", "received", "owner_notice"}
    assert sent["resolution_promise"] == "我们将在 2026-12-07 18:00 +08:00 前处理完毕。"
    (held,) = desk.storage.dead_letters()
    assert "first_response by 2026-12-01 10:00 +08:00" in held.reason


def test_a_complaint_taken_in_on_time_is_acknowledged_with_its_deadlines(desk: Desk) -> None:
    desk.intake(_complaint("2026-12-03T09:30:00+08:00"))
    sent = _sent(desk)
    assert sent["acknowledgement"] == "我们将在 2026-12-04 09:30 +08:00 前答复您。"
    assert len(sent) == 4
    assert desk.storage.dead_letters() == []
