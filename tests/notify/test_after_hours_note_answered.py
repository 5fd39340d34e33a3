"""Once the customer has had an answer, no letter tells them when we open any more: a
response sent two days after a complaint received at night said "we will start on it at
09:00 yesterday". The status page drops its note then too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    - {{"on": responded, notify: [customer], via: log, template: note}}
"""


def test_a_letter_after_the_first_answer_says_nothing_of_when_we_open(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "night-1",
            "received_at": "2026-11-23T20:00:00+08:00",
            "customer": {"id": "c1", "contact": "c1@example.cn"},
            "text": "买的电水壶漏水",
        }
    )
    clock.advance(timedelta(days=2))
    desk.respond(case.id, "我们已为您换新", actor="li.na")
    bodies = [d.outgoing.payload["body"] for d in desk.storage.deliveries()]
    assert bodies[0] == (
        "[您的投诉是在营业时间外收到的\uff0c我们将于 2026-11-24 09:00 +08:00 开始处理\u3002"
        "|2026-11-24 09:00 +08:00]"
    )
    assert bodies[1] == "[|]"
