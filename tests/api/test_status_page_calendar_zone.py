"""A deadline counted on a calendar other than the policy's home one (a 12315 complaint
on the Shanghai calendar, in a policy whose home is London) is shown on the status page
as the wall clock of its own calendar, as its letters and the status JSON give it — not
the same instant read in London, which the page writes without a zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
calendars:
  london: {{timezone: Europe/London, hours: 24x7}}
  cn: {{timezone: Asia/Shanghai, hours: 24x7}}
sla:
  calendar: london
  targets:
    - when: {{field: complaint.channel, ==: "12315"}}
      first_response: {{within: 1 day, calendar: cn, ends: end_of_day}}
      resolution: {{within: 3 days, calendar: cn, ends: end_of_day}}
    - first_response: 1 day
"""


def test_the_page_shows_a_deadline_on_its_own_calendars_wall_clock(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    received = datetime(2026, 11, 23, 1, tzinfo=UTC)  # 09:00 in Shanghai, 01:00 in London
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "cn-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "买的电水壶漏水",
        }
    )
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        status = client.get(f"/status/{case.status_token}", headers={"accept": "application/json"})
        page = client.get(f"/status/{case.status_token}", headers={"accept": "text/html"}).text
    # 24:00 of the next day in Shanghai, the day after tomorrow's 00:00 there
    assert status.json()["promised"]["first_response"] == "2026-11-25T00:00:00+08:00"
    first = re.search(r'id="first-due">([^<]*)<', page)
    resolution = re.search(r'id="resolution-due">([^<]*)<', page)
    assert first is not None
    assert resolution is not None
    assert first.group(1) == "后天 00:00 (UTC+8)"  # not 明天 16:00, London's reading of it
    assert resolution.group(1) == "11月27日(周五) 00:00 (UTC+8)"


AFTER_HOURS = f"""
complaintkit: 1
extends: {BASE}
calendars:
  london: {{timezone: Europe/London, hours: {{mon-fri: ["09:00-18:00"]}}}}
  cn: {{timezone: Asia/Shanghai, hours: {{mon-fri: ["09:00-18:00"]}}}}
sla:
  calendar: london
  targets:
    - when: {{field: complaint.channel, ==: "12315"}}
      first_response: {{within: 1 business day, calendar: cn}}
    - first_response: 1 business day
templates:
  ack:
    zh: {{subject: "已受理", body: "我们将于 {{case.opens_at}} 开始处理。"}}
notifications:
  default_language: zh
  notifiers: {{log: {{type: log}}}}
  rules:
    - {{"on": opened, notify: [customer], via: log, template: ack}}
"""


def test_when_we_open_is_the_opening_of_the_calendar_the_clock_counts_on(tmp_path: Path) -> None:
    """Received at 20:00 in Shanghai, on a calendar opening at 09:00 there: the page and
    the letter say 09:00 (+08:00), not London's 01:00."""
    (tmp_path / "policy.yaml").write_text(AFTER_HOURS, encoding="utf-8")
    desk = Desk(
        load_policy(tmp_path / "policy.yaml"),
        clock=ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC)),
    )
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "cn-2",
            "received_at": "2026-11-23T20:00:00+08:00",
            "customer": {"id": "c2", "contact": "c2@example.cn"},
            "text": "买的电水壶漏水",
        }
    )
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        page = client.get(f"/status/{case.status_token}", headers={"accept": "text/html"}).text
    note = re.search(r'id="out-of-hours">([^<]*)<', page)
    assert note is not None
    assert "明天 09:00" in note.group(1)
    (letter,) = desk.storage.deliveries()
    assert letter.outgoing.payload["body"] == "我们将于 2026-11-24 09:00 +08:00 开始处理。"
