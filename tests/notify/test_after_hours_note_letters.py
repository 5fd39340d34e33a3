"""No letter names an opening already past as when we will start.

A complaint received at 20:00, after closing, is told "we will start at 09:00 tomorrow".
Taken in only at 11:00 the next day (last night's e-mail read in the morning, a CSV export
of yesterday's forms), its acknowledgement would say it will start at 09:00 — two hours
ago — and so would any other letter of an event after the opening, before the first
answer. The note and ``{case.opens_at}`` are empty once the letter's event is at or after
the opening, as the status page drops its note once we are open. Once the customer has had
an answer, no letter tells them when we open any more: a response sent two days after such
a complaint said "we will start on it at 09:00 yesterday".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
calendars:
  cn: {{timezone: Asia/Shanghai, hours: {{mon-fri: ["09:00-18:00"]}}}}
sla:
  calendar: cn
  targets:
    - first_response: 1 business day
templates:
  note:
    zh: {{subject: "s", body: "[{{case.after_hours_note}}|{{case.opens_at}}]"}}
notifications:
  default_language: zh
  notifiers: {{log: {{type: log}}}}
  rules:
    - {{"on": opened, notify: [customer], via: log, template: note}}
    - {{"on": holding_reply, notify: [customer], via: log, template: note}}
    - {{"on": responded, notify: [customer], via: log, template: note}}
"""
RECEIVED = "2026-11-23T20:00:00+08:00"  # a Monday, after 18:00
OPENING = datetime(2026, 11, 24, 1, tzinfo=UTC)  # Tuesday 09:00 in Shanghai
NOTE = (
    "[您的投诉是在营业时间外收到的\uff0c我们将于 2026-11-24 09:00 +08:00 开始处理\u3002"
    "|2026-11-24 09:00 +08:00]"
)


def _letters(
    tmp_path: Path, taken_in: datetime, event_at: datetime, received: str = RECEIVED
) -> list[str]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(taken_in)
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=clock)
    case = desk.intake(
        {
            "channel": "email",
            "external_id": "night-1",
            "received_at": received,
            "customer": {"id": "c1", "contact": "c1@example.cn"},
            "text": "买的电水壶漏水",
        }
    )
    clock.set(event_at)
    desk.record_event(case.id, "holding_reply", actor="li.na")
    return [d.outgoing.payload["body"] for d in desk.storage.deliveries()]


@pytest.mark.parametrize(
    ("taken_in", "event_at", "expected"),
    [
        # taken in at night: the acknowledgement names the opening; a letter at 08:59 too
        (OPENING - timedelta(hours=12), OPENING - timedelta(minutes=1), [NOTE, NOTE]),
        # taken in at night, a letter at 09:00 and at 11:00: we are open
        (OPENING - timedelta(hours=12), OPENING, [NOTE, "[|]"]),
        (OPENING - timedelta(hours=12), OPENING + timedelta(hours=2), [NOTE, "[|]"]),
        # last night's e-mail taken in at 11:00: no letter names the 09:00 past
        (OPENING + timedelta(hours=2), OPENING + timedelta(hours=3), ["[|]", "[|]"]),
    ],
)
def test_the_note_names_only_an_opening_ahead_of_the_letter(
    tmp_path: Path, taken_in: datetime, event_at: datetime, expected: list[str]
) -> None:
    assert _letters(tmp_path, taken_in, event_at) == expected


def test_a_letter_after_the_first_answer_says_nothing_of_when_we_open(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "night-1",
            "received_at": RECEIVED,
            "customer": {"id": "c1", "contact": "c1@example.cn"},
            "text": "买的电水壶漏水",
        }
    )
    clock.advance(timedelta(days=2))
    desk.respond(case.id, "我们已为您换新", actor="li.na")
    assert [d.outgoing.payload["body"] for d in desk.storage.deliveries()] == [NOTE, "[|]"]


def test_the_opening_is_named_on_the_calendar_s_clock_whatever_the_receipt_s_offset(
    tmp_path: Path,
) -> None:
    """The same 20:00 in Shanghai, stamped in UTC by the mail server: the letter names
    09:00 +08:00, as it names the deadlines, not 01:00 +00:00."""
    received = "2026-11-23T12:00:00+00:00"
    letters = _letters(tmp_path, OPENING - timedelta(hours=12), OPENING, received)
    assert letters[0] == NOTE
