"""Every time a status page shows names its zone: "明天 18:00" alone left a customer in
another zone guessing whose 18:00 it was. Each reads ``(UTC+8)``, ``(UTC-5)``,
``(UTC+5:30)`` or ``(UTC)``: the offset of the wall clock it is read on, as unambiguous as
the ISO instants of the status JSON (an abbreviation is not: CST is China's and Chicago's)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.wording import plain_time
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
ZONES = ["Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Europe/London", "UTC"]
#: a time of day on a page, and what follows it
SHOWN = re.compile(r"\d\d:\d\d(?! \(UTC)")
LABEL = re.compile(r"\d\d:\d\d \((UTC(?:[+-]\d{1,2}(?::\d\d)?)?)\)")


def label(at: datetime, zone: ZoneInfo) -> str:
    offset = at.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


@given(
    at=st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 (hypothesis bounds are naive)
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    zone=st.sampled_from(ZONES),
    lang=st.sampled_from(["zh", "en"]),
)
def test_a_time_in_plain_words_names_its_offset(at: datetime, zone: str, lang: str) -> None:
    shown = plain_time(at, ZoneInfo(zone), at, lang)  # type: ignore[arg-type]
    assert shown.endswith(f" ({label(at, ZoneInfo(zone))})")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_time_on_the_page_names_its_zone(tmp_path: Path, zone: str, lang: str) -> None:
    policy = f"""
complaintkit: 1
extends: {BASE}
calendars:
  home: {{timezone: {zone}, hours: {{mon-fri: ["09:00-18:00"]}}}}
sla:
  calendar: home
  targets:
    - first_response: 1 business day
"""
    (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
    received = datetime(2026, 11, 21, 23, tzinfo=UTC)  # a Saturday or Sunday: out of hours
    desk = Desk(load_policy(tmp_path / "policy.yaml"), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "z-1",
            "received_at": received.isoformat(),
            "customer": {"id": "c1"},
            "text": "\u4e70\u7684\u7535\u6c34\u58f6\u6f0f\u6c34",
        }
    )
    desk.respond(case.id, "\u6211\u4eec\u5df2\u6536\u5230", actor="li.na")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        page = client.get(
            f"/status/{case.status_token}",
            headers={"accept": "text/html", "accept-language": lang},
        ).text
    labels = LABEL.findall(page)
    assert len(labels) >= 2  # received and answered, at least
    assert set(labels) == {label(received, ZoneInfo(zone))}
    assert SHOWN.findall(page) == []  # no time without its zone
