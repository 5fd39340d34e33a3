"""The regulatory packs give the dates a person counting on a wall calendar gets.

Each expected instant below was counted by hand from the rule and the published holidays:
China's 2026 arrangement (春节 15-23 Feb with make-up Saturdays 14 and 28 Feb; 清明 4-6
Apr; 劳动节 1-5 May with make-up Saturday 9 May; 国庆 1-7 Oct with make-up Saturday
10 Oct), England's and Scotland's bank holidays (Boxing Day 2026 falls on a Saturday and
is observed on Monday 28 December; Scotland's 2 January 2027, a Saturday, on Monday 4
January), and the DST changes in New York (8 March 2026) and London (25 October 2026).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

REGULATORY = Path(__file__).parents[2] / "policies" / "regulatory"


def _deadlines(
    pack: str,
    received: str,
    attributes: dict[str, Any] | None = None,
    events: tuple[tuple[str, str], ...] = (),
) -> dict[str, str | None]:
    clock = ManualClock(datetime.fromisoformat(received))
    desk = Desk(load_policy(REGULATORY / pack), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "hand-1",
            "received_at": received,
            "customer": {"id": "c-1"},
            "text": "退款没有到账",
            "attributes": attributes or {},
        }
    )
    for at, kind in events:
        clock.set(datetime.fromisoformat(at))
        desk.record_event(case.id, kind, actor="office")
    metrics = desk.get(case.id).clocks.metrics
    return {name: None if s.due_at is None else s.due_at.isoformat() for name, s in metrics.items()}


@pytest.mark.parametrize(
    ("received", "acceptance"),
    [
        # Thu 12 Feb: Fri 13 (1), Sat 14 make-up (2), 24-27 Feb (3-6), Sat 28 make-up (7)
        ("2026-02-12T10:00:00+08:00", "2026-02-28T17:30:00+08:00"),
        # Wed 30 Sep: 1-7 Oct off; 8 (1), 9 (2), Sat 10 make-up (3), 12-15 Oct (4-7)
        ("2026-09-30T16:00:00+08:00", "2026-10-15T17:30:00+08:00"),
        # received on a holiday: the days after it count from the first working day
        ("2026-10-03T16:00:00+08:00", "2026-10-15T17:30:00+08:00"),
    ],
)
def test_samr_seven_working_days_to_decide_acceptance(received: str, acceptance: str) -> None:
    assert _deadlines("samr-complaints.yaml", received)["acceptance"] == acceptance


def test_samr_forty_five_working_days_of_mediation_from_acceptance() -> None:
    # accepted Wed 1 Apr: 2-3 Apr (1-2), 4-6 off, 7-30 Apr (3-20), 1-5 May off, 6-8 May
    # (21-23), Sat 9 May make-up (24), 11 May-5 Jun (25-44), Mon 8 Jun (45)
    found = _deadlines(
        "samr-complaints.yaml",
        "2026-03-30T10:00:00+08:00",
        events=(("2026-04-01T10:00:00+08:00", "acceptance_decided"),),
    )
    assert found["mediation"] == "2026-06-08T17:30:00+08:00"


def test_samr_fifteen_working_days_to_check_a_report_across_the_new_year() -> None:
    # Wed 30 Dec: Thu 31 (1), Fri 1 Jan off, 4-8 Jan (2-6), 11-15 (7-11), 18-21 (12-15)
    found = _deadlines(
        "samr-complaints.yaml", "2026-12-30T10:00:00+08:00", attributes={"kind": "report"}
    )
    assert found["report_check"] == "2027-01-21T17:30:00+08:00"


def test_cfpb_fifteen_and_sixty_days_end_at_midnight_eastern_after_the_dst_change() -> None:
    # sent Mon 2 Mar (EST); day 15 is Tue 17 Mar, day 60 Fri 1 May, both in EDT (-04:00)
    found = _deadlines(
        "cfpb.yaml", "2026-03-02T10:00:00-05:00", attributes={"date_sent_to_company": "2026-03-02"}
    )
    assert found["first_response"] == "2026-03-17T23:00:00-05:00"  # 18 Mar 00:00 -04:00
    assert found["resolution"] == "2026-05-01T23:00:00-05:00"  # 2 May 00:00 -04:00


def test_fca_three_business_days_and_eight_weeks_across_the_autumn_change() -> None:
    # Tue 20 Oct (BST): 21, 22, 23 Oct; eight weeks on is Tue 15 Dec, ending at 24:00 GMT
    found = _deadlines("fca-disp.yaml", "2026-10-20T10:00:00+01:00")
    assert found["summary_resolution"] == "2026-10-23T17:00:00+01:00"
    assert found["disp_response"] == "2026-12-16T01:00:00+01:00"  # 16 Dec 00:00 +00:00
    assert found["resolution"] == "2026-12-16T01:00:00+01:00"


@pytest.mark.parametrize(
    ("jurisdiction", "resolution"),
    [
        # 15-24 Dec (1-8), 25 Dec and Mon 28 (Boxing Day observed) off, 29-31 (9-11),
        # 1 Jan off, 4-7 Jan (12-15): ends at 24:00 on Thu 7 January
        ("england", "2027-01-08T00:00:00+00:00"),
        # and Scotland's 2 January, a Saturday, is observed on Monday 4 January: 5-8 Jan
        ("scotland", "2027-01-09T00:00:00+00:00"),
    ],
)
def test_psd2_fifteen_business_days_over_christmas(jurisdiction: str, resolution: str) -> None:
    found = _deadlines(
        "psd2-art101.yaml", "2026-12-14T10:00:00+00:00", attributes={"jurisdiction": jurisdiction}
    )
    assert found["resolution"] == resolution
