"""Oracles over every shipped policy's deadlines, for receipts around the instants where
calendars are hardest: the spring-forward gap and fall-back overlap of London, New York
and Sydney, the eve of China's breaks (国庆, 春节, the provisional 2027 ones), New Year
and the leap day of 2028.

- a complaint received later is never due sooner (for the same words, every metric);
- nothing is due before it was received;
- a deadline counted in business time ends in working time: the instant before it is
  working time on the metric's calendar (a deadline never lands in a closed night, a
  lunch break or a holiday, though it may fall at the very close), unless the target
  ends at the end of its last day (``end: end_of_day``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.desk.provisional import provisional_case
from complaintkit.model import Complaint, Customer
from complaintkit.model.case import Case
from complaintkit.policy.compiled import Policy, load_policy

ROOT = Path(__file__).parents[2]
PATHS = [
    *sorted(p for p in (ROOT / "policies").rglob("*.yaml") if not p.name.endswith(".tests.yaml")),
    ROOT / "examples" / "cfpb" / "policy.yaml",
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
]
POLICIES = [p for p in (load_policy(path) for path in PATHS) if p.sla is not None]
TEXTS = [
    "\u725b\u5976\u53d8\u8d28\u4e86",  # the milk went off: urgent food safety
    "\u5feb\u9012\u592a\u6162\u4e86",  # the parcel is slow
    "\u7269\u4e1a\u8d39\u6536\u9519\u4e86",  # the property fee is wrong
    "\u7535\u68af\u574f\u4e86",  # the lift is broken
    "The bank took my money twice",
    "My flight was cancelled",
    "The cashier was rude",
]
ANCHORS = [
    datetime(2026, 3, 29, 1, tzinfo=UTC),  # London springs forward
    datetime(2026, 10, 25, 1, tzinfo=UTC),  # London falls back
    datetime(2026, 3, 8, 7, tzinfo=UTC),  # New York springs forward
    datetime(2026, 11, 1, 6, tzinfo=UTC),  # New York falls back
    datetime(2026, 4, 4, 16, tzinfo=UTC),  # Sydney falls back
    datetime(2026, 10, 3, 16, tzinfo=UTC),  # Sydney springs forward
    datetime(2026, 9, 30, 10, tzinfo=UTC),  # 国庆 2026
    datetime(2027, 2, 5, 10, tzinfo=UTC),  # 春节 2027 (provisional)
    datetime(2026, 12, 31, 16, tzinfo=UTC),  # New Year 2027 in Shanghai
    datetime(2028, 2, 28, 16, tzinfo=UTC),  # the leap day of 2028
]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))


def case_at(policy: Policy, text: str, received: datetime) -> Case:
    complaint = Complaint(
        channel="web",
        external_id="x",
        received_at=received,
        customer=Customer(id="c"),
        text=text,
    )
    return provisional_case(policy, complaint)


@st.composite
def receipts(draw: st.DrawFn) -> tuple[datetime, datetime]:
    """Two receipts near one anchor, the second later by a minute to three days."""
    first = draw(st.sampled_from(ANCHORS)) + timedelta(minutes=draw(st.integers(-4320, 4320)))
    later = draw(st.sampled_from([1, 15, 59, 60, 61, 90, 600, 1440, 4320]))
    return first, first + timedelta(minutes=later)


@SETTINGS
@given(st.sampled_from(POLICIES), st.sampled_from(TEXTS), receipts())
def test_a_later_receipt_is_never_due_sooner(
    policy: Policy, text: str, pair: tuple[datetime, datetime]
) -> None:
    early, late = (case_at(policy, text, at) for at in pair)
    for name, clock in early.clocks.metrics.items():
        later = late.clocks.metrics.get(name)
        if clock.due_at is None or later is None or later.due_at is None:
            continue
        assert clock.due_at >= pair[0], name
        assert later.due_at >= clock.due_at, (name, clock.target)


@SETTINGS
@given(st.sampled_from(POLICIES), st.sampled_from(TEXTS), receipts())
def test_a_business_time_deadline_ends_in_working_time(
    policy: Policy, text: str, pair: tuple[datetime, datetime]
) -> None:
    assert policy.sla is not None
    case = case_at(policy, text, pair[0])
    for name, clock in case.clocks.metrics.items():
        if not clock.business or clock.due_at is None or clock.end == "end_of_day":
            continue  # end_of_day: at 24:00 of the last business day (ASIC's "end of")
        assert clock.calendar is not None
        calendar = policy.sla.calendars[clock.calendar]
        assert calendar.is_working(clock.due_at - timedelta(microseconds=1)), (
            name,
            clock.target,
            clock.due_at,
        )
