"""A business-time clock across New York's DST changes against a reference model, with its
pauses, resumptions and sweeps landing exactly where things fall due and on the local times
the clocks skip or repeat.

The model works from docs/sla.md alone, in UTC, interval by interval: working hours
09:00-12:00 and 13:00-18:00 on weekdays, a holiday, a worked Saturday (Monday's hours), and
the two Sundays the clocks change on worked with hours of their own, one boundary inside
the skipped hour (read with the offset before the change, so 02:30 is 03:30 EDT) and some
inside the repeated one (their first occurrence). A clock's budget is the business time
from its start to its deadline; it counts only while running; the deadline, each warning
and each escalation level falls due at the first instant the running clock has counted its
offset (a pause at that very instant included). The desk's clock and the complaint give
their instants in New York time, so a folded 01:30 must read as the later instant.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

ZONE = ZoneInfo("America/New_York")
MINUTE = timedelta(minutes=1)
WEEKDAY = ("09:00-12:00", "13:00-18:00")
HOLIDAYS = (date(2026, 3, 10), date(2026, 11, 3))  # Tuesdays after each change
#: dates worked whatever the week says: Saturdays with Monday's hours, and the Sundays the
#: clocks change on, whose hours start or end in the skipped and the repeated hour
WORKED: dict[date, tuple[str, ...]] = {
    date(2026, 3, 7): WEEKDAY,
    date(2026, 3, 8): ("01:00-02:30", "04:00-06:00"),
    date(2026, 10, 31): WEEKDAY,
    date(2026, 11, 1): ("00:30-01:30", "01:45-03:00"),
}
FRACTIONS = (0.25, 0.5, 1.0, 1.5)
WARNINGS: list[float | str] = [0.8, "30 minutes before"]
#: the receipt's first possible instant in each window, a few days before each change
WINDOWS = (datetime(2026, 3, 5, 5, tzinfo=UTC), datetime(2026, 10, 29, 4, tzinfo=UTC))
#: instants around the changes: the last minute before and the first after each, the skipped
#: 02:30 read as 03:30 EDT, the repeated 01:30 and 01:00 in EDT and again in EST
DST = sorted(
    [
        datetime(2026, 3, 8, 6, 59, tzinfo=UTC),
        datetime(2026, 3, 8, 7, tzinfo=UTC),
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
        datetime(2026, 3, 8, 8, tzinfo=UTC),
        datetime(2026, 11, 1, 5, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 59, tzinfo=UTC),
        datetime(2026, 11, 1, 6, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 7, tzinfo=UTC),
    ]
)


def _wall(day: date, text: str) -> datetime:
    hour, minute = (int(part) for part in text.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


def shifts(day: date) -> list[tuple[datetime, datetime]]:
    """The working intervals owned by a local date, as UTC instants."""
    if day in HOLIDAYS:
        texts: tuple[str, ...] = ()
    elif day in WORKED:
        texts = WORKED[day]
    else:
        texts = WEEKDAY if day.weekday() < 5 else ()
    return [(_wall(day, t.split("-")[0]), _wall(day, t.split("-")[1])) for t in texts]


DAYS = [date(2026, 2, 20) + timedelta(days=n) for n in range(300)]
INTERVALS = [span for day in DAYS for span in shifts(day)]


def business(a: datetime, b: datetime) -> timedelta:
    """Working time between two instants."""
    total = timedelta(0)
    for opens, closes in INTERVALS:
        lo, hi = max(opens, a), min(closes, b)
        if hi > lo:
            total += hi - lo
    return total


def add(a: datetime, span: timedelta) -> datetime:
    """The earliest instant by which ``span`` of working time has passed since ``a``."""
    if span <= timedelta(0):
        return a
    for opens, hi in INTERVALS:
        lo = max(opens, a)
        if hi <= lo:
            continue
        if hi - lo >= span:
            return lo + span
        span -= hi - lo
    raise AssertionError("past the model's dates")


def business_days(start: datetime, n: int) -> datetime:
    """The close of the n-th business day after the start's local date (n = 0: that date
    if it is still open, else the next business day)."""
    day = start.astimezone(ZONE).date()
    if n == 0:
        while not shifts(day) or shifts(day)[-1][1] <= start:
            day += timedelta(days=1)
        return shifts(day)[-1][1]
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        counted += bool(shifts(day))
    return shifts(day)[-1][1]


def offsets(budget: timedelta) -> dict[str, timedelta]:
    """Metric time at which each warning and level falls due, and the deadline."""
    found = {f"at_{f}": timedelta(microseconds=int(budget // US * f)) for f in FRACTIONS}
    found["warning 0.8"] = timedelta(microseconds=int(budget // US * 0.8))
    if budget > 30 * MINUTE:
        found["warning 30m"] = budget - 30 * MINUTE
    found["deadline"] = budget
    return found


US = timedelta(microseconds=1)


class Model:
    """The resolution clock as docs/sla.md describes it, fed the same moves as the desk."""

    def __init__(self, start: datetime, budget: timedelta) -> None:
        self.budget = budget
        self.marks = offsets(budget)
        self.reached: dict[str, datetime] = {}
        self.elapsed, self.resumed, self.running = timedelta(0), start, True

    def _run(self, until: datetime) -> None:
        ran = business(self.resumed, until)
        for name, offset in self.marks.items():
            if name not in self.reached and self.elapsed <= offset <= self.elapsed + ran:
                self.reached[name] = add(self.resumed, offset - self.elapsed)

    def upcoming(self) -> list[datetime]:
        """When the marks not yet reached fall due if the clock runs on."""
        if not self.running:
            return []
        left = [o for name, o in self.marks.items() if name not in self.reached]
        return sorted(add(self.resumed, o - self.elapsed) for o in left)

    def move(self, at: datetime, move: str) -> None:
        if self.running:
            self._run(at)
        if move == "pause" and self.running:
            self.elapsed += business(self.resumed, at)
            self.running = False
        elif move == "resume" and not self.running:
            self.running, self.resumed = True, at

    def due(self) -> datetime | None:
        """The due instant a running clock shows: where it ran out, or where it will."""
        if not self.running:
            return None
        if "deadline" in self.reached:
            return self.reached["deadline"]
        return add(self.resumed, self.budget - self.elapsed)


def _policy(within: str) -> dict[str, Any]:
    levels = [
        {
            "name": f"at_{f}",
            "trigger": {"sla": "resolution", "elapsed": f},
            "actions": [{"add_tags": [f"at_{f}"]}],
        }
        for f in FRACTIONS
    ]
    calendar = {
        "timezone": "America/New_York",
        "hours": {"mon-fri": list(WEEKDAY)},
        "holidays": [day.isoformat() for day in HOLIDAYS],
        "working_days": {day.isoformat(): list(hours) for day, hours in WORKED.items()},
    }
    return {
        "calendars": {"ny": calendar},
        "sla": {
            "calendar": "ny",
            "warnings": WARNINGS,
            "targets": [{"resolution": within}],
        },
        "escalation": {"ladders": [{"name": "std", "levels": levels}]},
    }


TARGETS = st.one_of(
    st.tuples(st.just("business hours"), st.integers(1, 20)),
    st.tuples(st.just("business days"), st.integers(0, 3)),
)
RECEIPTS = st.one_of(
    st.tuples(st.sampled_from(WINDOWS), st.integers(0, 5 * 24 * 60)).map(
        lambda pair: pair[0] + pair[1] * MINUTE
    ),
    st.sampled_from(DST).map(lambda at: at - 2 * timedelta(hours=1)),
)
#: how a step finds its instant: minutes on, one of the instants the clock's marks fall due
#: at if it runs on, or one of the DST instants still ahead
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["gap", "mark", "mark", "dst"]),
        st.integers(0, 3000),
        st.sampled_from(["pause", "resume", "tick"]),
    ),
    max_size=8,
)


def _resolve(kind: str, number: int, now: datetime, model: Model) -> datetime:
    if kind == "mark" and (ahead := [at for at in model.upcoming() if at >= now]):
        return ahead[number % len(ahead)]
    if kind == "dst" and (ahead := [at for at in DST if at >= now]):
        return ahead[number % len(ahead)]
    return now + (number % 600) * MINUTE


def _budget(received: datetime, target: tuple[str, int]) -> timedelta:
    unit, n = target
    if unit == "business hours":
        return n * timedelta(hours=1)
    return business(received, business_days(received, n))


def _events(desk: Any, case_id: str, kind: str) -> list[Any]:
    return [e for e in desk.history(case_id) if e.kind == kind]


def _local(at: datetime) -> datetime:
    return at.astimezone(ZONE)


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(RECEIPTS, TARGETS, STEPS)
# paused in the repeated hour, at 01:30 EST, after running through 01:30 EDT
@example(
    datetime(2026, 11, 1, 4, 45, tzinfo=UTC),
    ("business hours", 2),
    [("dst", 4, "pause"), ("gap", 30, "resume")],
)
# the skipped hour: running from 01:00 EST on the spring Sunday to 03:30 EDT
@example(datetime(2026, 3, 8, 6, tzinfo=UTC), ("business hours", 1), [("mark", 0, "pause")])
def test_a_business_clock_across_dst_keeps_to_the_model(
    received: datetime, target: tuple[str, int], steps: list[tuple[str, int, str]]
) -> None:
    within = f"{target[1]} {target[0]}"
    desk, clock = make_desk(_policy(within), start=_local(received))
    case_id = desk.intake(complaint(at=_local(received))).id
    desk.transition(case_id, "investigating", actor="li.na")
    model = Model(received, _budget(received, target))
    now, paused = received, False
    for kind, number, move in steps:
        now = _resolve(kind, number, now, model)
        clock.set(_local(now))
        model.move(now, move)
        act: Callable[[], object] = desk.tick
        if move == "pause" and not paused:
            act, paused = (
                (lambda: desk.transition(case_id, "waiting_on_customer", actor="li.na")),
                True,
            )
        elif move == "resume" and paused:
            act, paused = (lambda: desk.transition(case_id, "investigating", actor="li.na")), False
        act()
        state = desk.get(case_id).clocks.metrics["resolution"]
        if not paused:
            assert state.due_at == model.due(), (now, move)
    if paused:
        now += timedelta(hours=1)
        clock.set(_local(now))
        model.move(now, "resume")
        desk.transition(case_id, "investigating", actor="li.na")
    end = now + timedelta(days=40)
    model.move(end, "tick")
    clock.set(_local(end))
    desk.tick()
    expected = model.reached
    fired = {e.data["level"]: e for e in _events(desk, case_id, "escalated")}
    assert {k: datetime.fromisoformat(e.data["due_at"]) for k, e in fired.items()} == {
        k: v for k, v in expected.items() if k.startswith("at_")
    }
    for name, event in fired.items():
        due = datetime.fromisoformat(event.data["due_at"])
        assert event.at > due if float(name.removeprefix("at_")) >= 1 else event.at >= due
    warned = sorted(
        datetime.fromisoformat(e.data["due_at"]) for e in _events(desk, case_id, "sla_warning")
    )
    assert warned == sorted(v for k, v in expected.items() if k.startswith("warning"))
    breaches = [
        datetime.fromisoformat(e.data["due_at"]) for e in _events(desk, case_id, "sla_breached")
    ]
    assert breaches == [expected["deadline"]]
