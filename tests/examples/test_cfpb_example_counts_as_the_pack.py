"""examples/cfpb counts the company's 15 days as the shipped CFPB pack does
(policies/regulatory/cfpb.yaml, with its oracle in tests/sla/test_cfpb_date_sent_oracle.py):
from the export's "Date sent to company", to 24:00 Eastern on the 15th day after it. The
example counted 15 days from "Date received", to 00:00 of the 15th day: a complaint received
Friday 6 March 2020 and sent to the company Tuesday 10 March was due at the start of 21
March, where the pack (and the CFPB) gives the company until the end of 25 March."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = load_policy(ROOT / "examples" / "cfpb" / "policy.yaml")
PACK = load_policy(ROOT / "policies" / "regulatory" / "cfpb.yaml")
EASTERN = ZoneInfo("America/New_York")


def _due(policy: Policy, metric: str, received: date, sent: date) -> datetime | None:
    at = datetime.combine(received, time(0), EASTERN)  # a date alone is its start (the CSV)
    desk = Desk(policy, storage="memory:", clock=ManualClock(at))
    case = desk.intake(
        {
            "channel": "cfpb",
            "external_id": "3560000",
            "received_at": at.isoformat(),
            "customer": {"id": "c-1"},
            "text": "Their investigation did not fix an error on your report",
            "attributes": {"date_sent_to_company": sent.isoformat()},
        }
    )
    return desk.get(case.id).clocks.metrics[metric].due_at


def test_the_15_days_run_from_the_date_sent_to_the_end_of_the_15th_day() -> None:
    due = _due(EXAMPLE, "response", date(2020, 3, 6), date(2020, 3, 10))
    assert due == datetime(2020, 3, 26, 0, 0, tzinfo=EASTERN)


@settings(max_examples=12, deadline=None)
@given(st.dates(date(2019, 1, 1), date(2027, 12, 31)), st.integers(0, 20))
def test_the_example_and_the_pack_give_the_company_the_same_time(
    received: date, later: int
) -> None:
    sent = received + timedelta(days=later)
    assert _due(EXAMPLE, "response", received, sent) == _due(PACK, "first_response", received, sent)
