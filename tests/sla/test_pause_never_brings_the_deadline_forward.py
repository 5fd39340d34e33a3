"""A pause never brings a deadline, a warning or an escalation level earlier, and a pause
that ends where it starts moves none of them.

Rolling a last day forward keeps its time of day, so the end rule alone is not monotone:
5日 received Monday 07:42 end on Saturday 07:42, rolled to Monday 07:42, while a period
that ran to Sunday 00:27 would end on Monday 00:27. A resume never takes the deadline
before the one the clock had, and a clock whose time has run out keeps its deadline
through a pause that ends by it (docs/sla.md, "A pause and the end rule").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk, shared_plugins

from complaintkit.desk import Desk
from complaintkit.model.complaint import parse_instant
from complaintkit.sla.work import Work

LONDON = {
    "timezone": "Europe/London",
    "hours": {"mon-fri": ["09:00-17:00"]},
    "holiday_country": "GB",
    "holiday_subdivision": "ENG",
}
RECEIVED = datetime(2025, 11, 3, 7, 42, tzinfo=UTC)  # Monday
FIVE_DAYS = {"within": "5日", "roll": "next_business_day", "ends": "exact"}
FRACTIONS = (0.5, 1.0, 1.5)
#: what falls due at an instant, and the kinds of event that record it when it fires
FIRED = {"sla_warning": "warning", "escalated": "level", "sla_breached": "breach"}


def _policy(target: dict[str, Any]) -> dict[str, Any]:
    levels = [
        {
            "name": f"at_{fraction}",
            "trigger": {"sla": "resolution", "elapsed": fraction},
            "actions": [{"add_tags": [f"at_{fraction}"]}],
        }
        for fraction in FRACTIONS
    ]
    return {
        "calendars": {"london": LONDON},
        "sla": {"calendar": "london", "warnings": [0.5], "targets": [{"resolution": target}]},
        "escalation": {"ladders": [{"name": "std", "levels": levels}]},
    }


def _pending(desk: Desk, case_id: str) -> dict[str, datetime]:
    """What the case waits for, by name, with the instant each falls due."""
    assert desk.sla is not None
    found = {}
    for at, _, kind, _, detail in desk.sla.due.items(Work(desk.get(case_id))):
        name = {"warning": detail, "level": getattr(detail, "name", "")}.get(kind, "")
        found[f"{kind}:{name}"] = at
    return found


def _fired_since(desk: Desk, case_id: str, count: int) -> dict[str, datetime]:
    """What fired in the events after the first ``count``, by name, with when it fell due."""
    found = {}
    for event in desk.history(case_id)[count:]:
        kind = FIRED.get(event.kind)
        if kind is None:
            continue
        name = {"warning": event.data.get("label"), "level": event.data.get("level")}.get(kind, "")
        found[f"{kind}:{name}"] = parse_instant(event.data["due_at"], "due_at")
    return found


def _paused(
    target: dict[str, Any], received: datetime, pause: datetime, resume: datetime
) -> tuple[dict[str, datetime], dict[str, datetime], datetime | None, datetime | None]:
    """What was pending just before the pause, when each fell due after it, and the
    deadline before and after."""
    desk, clock = make_desk(_policy(target), start=received, plugins=shared_plugins())
    case_id = desk.intake(complaint(at=received)).id
    clock.set(pause)
    desk.tick()
    desk.transition(case_id, "investigating", actor="li.na")
    before = _pending(desk, case_id)
    due_before = desk.get(case_id).clocks.metrics["resolution"].due_at
    count = len(desk.history(case_id))
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.set(resume)
    desk.transition(case_id, "investigating", actor="li.na")
    after = {**_pending(desk, case_id), **_fired_since(desk, case_id, count)}
    state = desk.get(case_id).clocks.metrics["resolution"]
    return before, after, due_before, state.breached_at or state.due_at


def test_a_pause_and_resume_at_one_instant_in_the_roll_keeps_monday_0742() -> None:
    pause = datetime(2025, 11, 9, 0, 27, tzinfo=UTC)  # Sunday
    before, after, due_before, due_after = _paused(FIVE_DAYS, RECEIVED, pause, pause)
    assert due_before == due_after == datetime(2025, 11, 10, 7, 42, tzinfo=UTC)
    assert after == before


def test_a_two_hour_pause_before_saturday_keeps_monday_2300() -> None:
    received = datetime(2025, 11, 4, 23, 0, tzinfo=UTC)  # runs out Sunday 23:00
    pause = datetime(2025, 11, 5, 10, 0, tzinfo=UTC)
    *_, due_before, due_after = _paused(FIVE_DAYS, received, pause, pause + timedelta(hours=2))
    assert due_before == due_after == datetime(2025, 11, 10, 23, 0, tzinfo=UTC)


_WITHIN = ("5日", "3 business days", "10 business hours", "30h")
_TARGETS = st.builds(
    lambda within, ends, roll: {
        "within": within,
        "ends": ends,
        **({"roll": "next_business_day"} if roll else {}),
    },
    st.sampled_from(_WITHIN),
    st.sampled_from(("exact", "end_of_day", "close_of_business")),
    st.booleans(),
)
#: receipts over two years (hypothesis bounds are naive; the instants it gives are UTC)
_RECEIPTS = st.datetimes(
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001
    max_value=datetime(2026, 12, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
_LENGTHS = st.one_of(
    st.just(timedelta(0)),
    st.sampled_from([timedelta(hours=h) for h in (1, 2, 7, 17, 24, 41, 72)]),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=6)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target=_TARGETS,
    received=_RECEIPTS,
    where=st.one_of(st.just(1.0), st.floats(min_value=0, max_value=1)),
    length=_LENGTHS,
)
@example(FIVE_DAYS, RECEIVED, (5 * 24 * 60 + 16 * 60 + 45) / (7 * 24 * 60), timedelta(0))
def test_a_pause_never_brings_what_falls_due_earlier(
    target: dict[str, Any], received: datetime, where: float, length: timedelta
) -> None:
    desk, _ = make_desk(_policy(target), start=received, plugins=shared_plugins())
    case = desk.intake(complaint(at=received))
    deadline = case.clocks.metrics["resolution"].due_at
    assert deadline is not None
    span = (deadline - received).total_seconds()
    pause = received + timedelta(seconds=round(span * where))
    pause = max(received, min(pause, deadline))
    before, after, due_before, due_after = _paused(target, received, pause, pause + length)
    assert due_before is not None
    assert due_after is not None
    if length == timedelta(0):
        assert due_after == due_before
        assert after == before
    else:
        assert due_after >= due_before
        for name, at in before.items():
            assert name not in after or after[name] >= at, name
