"""A resolution clock over a case's whole life against a reference model of business time.

The model works from docs/sla.md alone: working intervals of a London calendar with a lunch
break, a holiday and a worked Saturday, crossing the spring DST change; a clock's budget
is the business time from its start to its period's end; it counts only while running,
and each running segment's due instant is the budget left added to its start, then ended
by the end rule; a warning at a fraction of the unpaused span stays as far before the due
instant as it was (end rules) or falls at that share of metric time (exact); a breach is
recorded at the due instant once an instant after it is reached while running.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

ZONE = ZoneInfo("Europe/London")
HOURS = {"mon-fri": ["09:00-12:00", "13:00-17:30"]}
HOLIDAY = date(2026, 3, 31)  # a Tuesday, two days after the clocks go forward
WORKED = date(2026, 3, 28)  # a Saturday worked with Monday's hours
US = timedelta(microseconds=1)
#: event instants carry this odd fraction of a minute, so that none coincides with a due
#: instant or a warning of the model (which fall on whole minutes, or on shares of them)
ODD = timedelta(seconds=7, microseconds=123457)
BASE = datetime(2026, 3, 20, tzinfo=UTC)  # a Friday; the DST change is on 29 March


def _calendar() -> dict[str, Any]:
    return {
        "timezone": "Europe/London",
        "hours": HOURS,
        "holidays": [HOLIDAY.isoformat()],
        "working_days": {WORKED.isoformat(): "mon"},
    }


def _wall(day: date, text: str) -> datetime:
    hour, minute = (int(part) for part in text.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


def _shifts(day: date) -> list[tuple[datetime, datetime]]:
    if day == HOLIDAY or (day.weekday() >= 5 and day != WORKED):
        return []
    texts = HOURS["mon-fri"]
    return [(_wall(day, t.split("-")[0]), _wall(day, t.split("-")[1])) for t in texts]


DAYS = [date(2026, 3, 1) + timedelta(days=n) for n in range(120)]
INTERVALS = [span for day in DAYS for span in _shifts(day)]


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


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def next_opening(moment: datetime) -> datetime:
    return next(max(lo, moment) for lo, hi in INTERVALS if hi > moment)


def working(moment: datetime) -> bool:
    return any(lo <= moment < hi for lo, hi in INTERVALS)


def close_of(day: date) -> datetime:
    return _shifts(day)[-1][1]


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=ZONE).astimezone(UTC)


def business_days(start: datetime, n: int) -> datetime:
    """The close of the n-th business day after the start's date (n = 0: the start's own
    date if it is still open, else the next business day)."""
    day = local_day(start)
    if n == 0:
        while not _shifts(day) or close_of(day) <= start:
            day += timedelta(days=1)
        return close_of(day)
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        counted += bool(_shifts(day))
    return close_of(day)


def is_business_day(day: date) -> bool:
    return bool(_shifts(day))


def finish(
    due: datetime, ends: str, roll: bool, business_time: bool, in_hours: bool = False
) -> datetime:
    """The end rule and the roll-forward on a due instant. A period in business time ends
    in the business day it runs out in; one in calendar time on the local date it falls on,
    moved to the next business day when it rolls. A period in hours (``in_hours``, or one of
    no days) closes at the first close of business at or after it runs out."""
    if ends == "exact" and not roll:
        return due
    if ends == "close_of_business" and in_hours:
        day = local_day(due - US)
        while not is_business_day(day) or close_of(day) < due:
            day += timedelta(days=1)
        return close_of(day)
    day = local_day(due - US) if business_time else local_day(due)
    moved = 0
    while roll and not is_business_day(day):
        day, moved = day + timedelta(days=1), moved + 1
    if ends == "end_of_day":
        return end_of(day)
    if ends == "close_of_business":
        return close_of(day) if is_business_day(day) else end_of(day)
    wall = due.astimezone(ZONE).replace(tzinfo=None) + timedelta(days=moved)
    return wall.replace(tzinfo=ZONE).astimezone(UTC)


def deadline(start: datetime, unit: str, n: int) -> datetime:
    """A period of ``n`` ``unit`` from ``start``, as the durations table says."""
    if unit == "business hours":
        return add(start, timedelta(hours=n))
    if unit == "business days":
        return business_days(start, n)
    if unit == "hours":
        return start + timedelta(hours=n)
    days = n * 7 if unit == "weeks" else n
    wall = start.astimezone(ZONE).replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=ZONE).astimezone(UTC)


def wall(moment: datetime) -> datetime:
    """``moment`` as the calendar's wall clock shows it."""
    return moment.astimezone(ZONE).replace(tzinfo=None)


def wall_add(start: datetime, span: timedelta) -> datetime:
    """``span`` of wall-clock time after ``start`` (a skipped hour: after it)."""
    return (wall(start) + span).replace(tzinfo=ZONE).astimezone(UTC)


def lengthened(end: datetime, unit: str, n: int) -> datetime:
    """``n`` more ``unit`` after a period that ended at ``end``: business days are those
    after the business day it ran out in."""
    if unit != "business days":
        return deadline(end, unit, n)
    return business_days(datetime.combine(local_day(end - US), time(), tzinfo=ZONE), n)


def points(warnings: list[float | str], span: timedelta) -> dict[str, timedelta]:
    """Metric time into the clock at which each warning falls: a share of the span to the
    due instant, or an offset before it (left out when it would precede the start)."""
    found = {}
    for point in warnings:
        if isinstance(point, float):
            # the first microsecond by which the share written is used (0.5 of an odd span)
            found[f"{point * 100:g}%"] = US * math.ceil(span // US * Fraction(repr(point)))
        elif span > timedelta(hours=int(point.split()[0])):
            found[point] = span - timedelta(hours=int(point.split()[0]))
    return found


def model(
    received: datetime,
    target: tuple[str, int],
    ends: str,
    roll: bool,
    next_open: bool,
    moves: list[tuple[datetime, str]],
    warnings: list[float | str],
    end: datetime,
    extension: tuple[str, int] = ("by", 0),
) -> dict[str, Any]:
    """What docs/sla.md says the resolution clock does: its due instant after each move
    (None while paused), the warnings and the breach with their instants, and the metric
    time it ran by ``end``."""
    start = received
    if next_open and not working(start):
        start = next_opening(start)
    unit, n = target
    in_business = unit.startswith("business")
    # a period in hours, or of no days at all (0日: received or resumed after the close, the
    # next close), ends at the first close at or after its time runs out (docs/sla.md)
    first_close = unit.endswith("hours") or (unit == "days" and n == 0)
    measure = business if in_business else (lambda a, b: max(b - a, timedelta(0)))
    advance = add if in_business else (lambda a, span: a + max(span, timedelta(0)))
    budget = measure(start, deadline(start, unit, n))
    ruled = ends != "exact" or roll
    # a period in calendar days ending at the end (or close) of its last day keeps its time
    # left after a pause in days and hours on the wall clock (docs/sla.md)
    on_the_wall = unit in ("days", "weeks") and ends != "exact"
    wall_used = timedelta(0)  # the running segments' lengths as the wall clock shows them
    resumptions = 0

    def due_from(resumed: datetime, elapsed: timedelta, paused_before: bool = False) -> datetime:
        if on_the_wall and paused_before:
            left = wall(start + budget) - wall(start) - wall_used
            raw = wall_add(resumed, left) if left > timedelta(0) else resumed
        else:
            raw = advance(resumed, budget - elapsed)
            if ruled and in_business and budget <= elapsed:
                # nothing left: the end rule ends the business day it resumes in, after a
                # close the next one, as it would with a minute left (docs/sla.md)
                raw = next_opening(resumed)
        return finish(raw, ends, roll, in_business, first_close)

    span = measure(start, due_from(start, timedelta(0))) if ruled else budget
    offsets = points(warnings, span)
    warned: list[tuple[str, datetime]] = []
    breach: datetime | None = None
    dues: list[datetime | None] = []
    elapsed, resumed = timedelta(0), start
    running = True

    floor: datetime | None = None  # the deadline when the clock last paused

    def current() -> datetime:
        if breach is not None and elapsed >= budget:
            return breach
        if floor is not None and elapsed >= budget and resumed <= floor:
            # its time run out (at the very instant of the pause, too), a clock keeps its
            # deadline through a pause that ends by then (docs/sla.md)
            return floor
        due = due_from(resumed, elapsed, resumptions > 0)
        # a pause never brings the deadline earlier: rolled forward, a later end of the time
        # can end earlier (Sunday 23:59 rolls to Monday 23:59, Monday 00:01 stays)
        return due if floor is None else max(floor, due)

    def run(until: datetime) -> None:
        """Record what falls due while running up to ``until``: warnings at it or before
        (a pause does not hold back what the clock had reached), a breach only before it."""
        nonlocal breach
        due = current()
        for label, offset in sorted(offsets.items(), key=lambda item: item[1]):
            if label in dict(warned):
                continue
            if not ruled:
                at = advance(resumed, offset - elapsed)
            else:
                at = advance(resumed, measure(resumed, due) - (span - offset))
            if at <= until:
                warned.append((label, at))
        if breach is None and due < until:
            breach = due

    extended = False
    # a clock paused at the very instant its time ran out keeps that deadline while it waits,
    # and the first change or sweep after it records the breach there (docs/sla.md)
    overdue: datetime | None = None
    for at, move in moves:
        if running:
            run(at)
        elif overdue is not None and at > overdue and breach is None:
            breach = overdue
        if move == "extend" and not extended and breach is None:
            extended = True
            mode, more = extension
            if mode == "to":
                new_end = deadline(start, unit, more)
            else:
                old_end = advance(start, budget)
                if roll:
                    old_end = finish(old_end, "exact", True, in_business)
                new_end = lengthened(old_end, unit, more)
            budget = max(budget, measure(start, new_end))
            span = measure(start, due_from(start, timedelta(0))) if ruled else budget
            offsets = points(warnings, span)
        if move == "pause" and running:
            floor = current()
            overdue = floor if breach is None and floor == at else None
            used = measure(resumed, at)
            elapsed += used
            wall_used += wall(resumed + used) - wall(resumed)
            running = False
        elif move == "resume" and not running:
            running, resumed = True, max(at, start)  # a clock counts from its start
            resumptions += 1
            overdue = None
        dues.append(current() if running else overdue)
    if running:
        run(end)
        elapsed += measure(resumed, end)
    elif overdue is not None and end > overdue and breach is None:
        breach = overdue
    return {"dues": dues, "warned": warned, "breach": breach, "elapsed": elapsed}


def _instant(minutes: int) -> datetime:
    return BASE + timedelta(minutes=minutes) + ODD


TARGETS = st.one_of(
    st.tuples(st.just("business hours"), st.integers(1, 30)),
    st.tuples(st.just("business days"), st.integers(0, 6)),
    st.tuples(st.just("hours"), st.integers(1, 100)),
    st.tuples(st.just("days"), st.integers(0, 9)),
    st.tuples(st.just("weeks"), st.integers(1, 2)),
)
MOVES = st.lists(
    st.tuples(st.integers(1, 3 * 24 * 60), st.sampled_from(["pause", "resume", "tick", "extend"])),
    max_size=6,
)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(0, 6 * 24 * 60),
    st.booleans(),
    st.integers(0, 3 * 24 * 60),
    TARGETS,
    st.sampled_from(["exact", "close_of_business", "end_of_day"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["by", "to"]),
    st.integers(0, 4),
    st.sampled_from([[0.5, 0.8], [0.25, "3 hours before"]]),
    MOVES,
    st.integers(1, 20 * 24 * 60),
)
# received on Friday evening, counted from Monday's opening; a wait over the weekend, before
# the clock has run at all, moved 24h to Monday 10:00 (the resumption plus 24 hours)
@example(
    1200,
    True,
    0,
    ("hours", 24),
    "exact",
    False,
    True,
    "by",
    0,
    [0.5, 0.8],
    [(14 * 60, "pause"), (24 * 60, "resume")],
    60,
)
# paused, then extended while paused: under the close-of-business end rule the longer span
# put the 25% warning 2 s before the pause, and it fired at the extension though the clock
# had not reached it while it ran (an extension never brings a warning earlier)
@example(
    818,
    False,
    348,
    ("business hours", 26),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [0.25, "3 hours before"],
    [(1, "pause"), (3715, "resume"), (314, "pause"), (1, "extend")],
    1,
)
# a day received Wednesday, paused Saturday 21:56 GMT (a worked day) and resumed 23:02: its
# time left runs out Monday 00:00 BST, which is no roll; it was to run out on Sunday
# 22:54 BST and roll to Monday 22:54, and a pause never brings the deadline earlier
@example(
    7887,
    False,
    0,
    ("days", 1),
    "exact",
    True,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(1, "pause"), (627, "pause"), (4320, "resume"), (1, "pause"), (66, "resume")],
    1,
)
# a week received Saturday 05:05 GMT, paused a minute later and resumed Monday 23:01: the
# week left in days and hours on the wall clock runs out Monday 30 March 23:00 BST, and ends
# at that day's close, not at the real hours left (Tuesday 00:00 BST, a holiday)
@example(
    1745,
    False,
    0,
    ("weeks", 1),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(1, "pause"), (3955, "resume")],
    1,
)
# received Friday 09:00:07, 15 business hours: the clock reaches half of them at the very
# instant it pauses on Monday, and the 50% warning fires there (docs/sla.md: a pause does not
# hold back what the clock had already reached)
@example(
    540,
    False,
    3377,
    ("business hours", 15),
    "exact",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(1, "pause"), (1, "resume"), (941, "pause")],
    1,
)
# 1 business hour received Friday 16:31, ending at the close: paused Monday 17:30, the very
# instant it falls due, the clock keeps that deadline while it waits and the next sweep
# records the breach there
@example(
    991,
    True,
    1699,
    ("business hours", 1),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(1, "resume"), (2679, "pause")],
    1,
)
# an hour received Friday 00:00:07.123457 (an odd number of microseconds to its close at
# 17:30): the 50% warning falls at the first microsecond by which half of it is used
@example(
    0,
    False,
    0,
    ("hours", 1),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [],
    525,
)
# 0日 ending at the close, received Friday 20:00, after it: Monday's close, not Friday's
# hours before the complaint came (docs/sla.md); and one received Friday 00:00, paused at
# 12:56 and resumed after the close: the end rule puts the resumption at Monday's close
@example(
    20 * 60,
    False,
    0,
    ("days", 0),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [],
    [(1, "tick")],
    1,
)
@example(
    0,
    False,
    775,
    ("days", 0),
    "close_of_business",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(1, "pause"), (1, "pause"), (273, "resume")],
    1,
)
@example(  # run out on Thursday, resumed after Friday's close: the worked Saturday ends it
    1020,
    False,
    3276,
    ("business hours", 23),
    "end_of_day",
    False,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(564, "resume"), (4320, "pause"), (1950, "resume")],
    1,
)
@example(  # paused the instant 1 day ran out on Saturday, resumed a minute on: Monday's roll
    0,
    False,
    655,
    ("days", 1),
    "exact",
    True,
    False,
    "by",
    0,
    [0.5, 0.8],
    [(785, "pause"), (1, "resume")],
    1,
)
def test_a_paused_and_resumed_clock_keeps_to_the_model(
    receipt: int,
    on_the_minute: bool,
    delay: int,
    target: tuple[str, int],
    ends: str,
    roll: bool,
    next_open: bool,
    mode: str,
    more: int,
    warnings: list[float | str],
    gaps: list[tuple[int, str]],
    last: int,
) -> None:
    received = _instant(receipt) - (ODD if on_the_minute else timedelta(0))
    within = f"{target[1]} {target[0]}"
    row: dict[str, Any] = {"within": within, "ends": ends}
    if roll:
        row["roll"] = "next_business_day"
    if mode == "to":
        more += target[1] + 1
    elif target[0] in ("business hours", "hours"):
        more += 1
    row["extend"] = [{"upon": "holding_reply", mode: f"{more} {target[0]}"}]
    if next_open:
        row["after_hours"] = "next_opening"
    document = {
        "calendars": {"office": _calendar()},
        "sla": {
            "calendar": "office",
            "warnings": warnings,
            "targets": [{"resolution": row}],
        },
    }
    intake = received + timedelta(minutes=delay)
    desk, clock = make_desk(document, start=intake)
    case = desk.intake(complaint(at=received))
    desk.transition(case.id, "investigating", actor="li.na")
    moves: list[tuple[datetime, str]] = []
    now = intake
    for gap, move in gaps:
        now += timedelta(minutes=gap)
        moves.append((now, move))
    end = now + timedelta(minutes=last)
    expected = model(received, target, ends, roll, next_open, moves, warnings, end, (mode, more))
    paused = False
    for (at, move), due in zip(moves, expected["dues"], strict=True):
        clock.set(at)
        if move == "pause" and not paused:
            desk.transition(case.id, "waiting_on_customer", actor="li.na")
            paused = True
        elif move == "resume" and paused:
            desk.transition(case.id, "investigating", actor="li.na")
            paused = False
        elif move == "extend":
            desk.record_event(case.id, "holding_reply", actor="li.na")
        else:
            desk.tick()
        state = desk.get(case.id).clocks.metrics["resolution"]
        assert state.due_at == due, (at, move)
    clock.set(end)
    desk.tick()
    history = desk.history(case.id)
    warned = [
        (e.data["label"], datetime.fromisoformat(e.data["due_at"]))
        for e in history
        if e.kind == "sla_warning"
    ]
    assert warned == expected["warned"]
    breaches = [
        datetime.fromisoformat(e.data["due_at"]) for e in history if e.kind == "sla_breached"
    ]
    assert breaches == ([expected["breach"]] if expected["breach"] else [])
    if paused:
        desk.transition(case.id, "investigating", actor="li.na")
    state = desk.resolve(case.id, "退款", actor="li.na").clocks.metrics["resolution"]
    assert state.elapsed == expected["elapsed"]


def test_a_wait_before_the_clock_starts_does_not_bring_its_deadline_forward() -> None:
    """A clock counted from a later instant than the change that started it (the next
    opening, a date the complaint gives) has not run before that instant: a wait that ends
    before it leaves the deadline where it was."""
    document = {
        "calendars": {"office": _calendar()},
        "sla": {
            "calendar": "office",
            "targets": [
                {
                    "first_response": {"within": "24h", "after_hours": "next_opening"},
                    "resolution": {"within": "3 days", "from": "complaint.attributes.sent"},
                }
            ],
        },
    }
    friday = datetime(2026, 3, 20, 20, tzinfo=UTC)  # after close; Monday opens at 09:00
    desk, clock = make_desk(document, start=friday)
    case = desk.intake(complaint(at=friday, sent="2026-03-22"))  # forwarded on Sunday
    desk.transition(case.id, "investigating", actor="li.na")
    before = desk.get(case.id).clocks.metrics
    assert before["first_response"].due_at == datetime(2026, 3, 24, 9, tzinfo=UTC)
    assert before["resolution"].due_at == datetime(2026, 3, 25, tzinfo=UTC)
    clock.set(friday + timedelta(hours=14))
    desk.transition(case.id, "waiting_on_customer", actor="li.na")
    clock.set(friday + timedelta(hours=20))
    after = desk.transition(case.id, "investigating", actor="li.na").clocks.metrics
    assert after["first_response"].due_at == before["first_response"].due_at
    assert after["resolution"].due_at == before["resolution"].due_at


def test_a_clock_resumed_by_a_reopening_before_it_started_counts_from_its_start() -> None:
    """Resolved and reopened before its next-opening start, a clock that carries on
    (``reopen: resume``) has run nothing and is due as it was at intake."""
    document = {
        "calendars": {"office": _calendar()},
        "sla": {
            "calendar": "office",
            "metrics": {"resolution": {"reopen": "resume"}},
            "targets": [{"resolution": {"within": "24h", "after_hours": "next_opening"}}],
        },
    }
    friday = datetime(2026, 3, 20, 20, tzinfo=UTC)
    desk, clock = make_desk(document, start=friday)
    case = desk.intake(complaint(at=friday))
    desk.transition(case.id, "investigating", actor="li.na")
    clock.set(friday + timedelta(hours=14))
    desk.resolve(case.id, "已退款", actor="li.na")
    clock.set(friday + timedelta(hours=20))
    state = desk.reopen(case.id, actor="li.na", reason="退款未到账").clocks.metrics["resolution"]
    assert state.due_at == datetime(2026, 3, 24, 9, tzinfo=UTC)


def test_rebase_keep_elapsed_does_not_count_the_time_a_case_was_resolved() -> None:
    """A resolution clock resolved after a day and carried on at a reopening four weeks
    later has used one day: moved to a new policy version that keeps the time used, it is
    due as before, not at once (the weeks resolved counted as time run)."""
    office = {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]}}
    v1: dict[str, Any] = {
        "calendars": {"office": office},
        "sla": {"calendar": "office", "targets": [{"resolution": "10 business days"}]},
    }
    v2 = {
        "calendars": {"office": office},
        "sla": {**v1["sla"], "migrate": {"mode": "rebase_keep_elapsed"}},
    }
    monday = datetime(2026, 3, 2, 1, tzinfo=UTC)  # 09:00 in Shanghai
    desk, clock = make_desk(v1, start=monday, version="1")
    case = desk.intake(complaint(at=monday))
    desk.transition(case.id, "investigating", actor="li.na")
    clock.set(monday + timedelta(days=1))
    desk.resolve(case.id, "已换货", actor="li.na")
    clock.set(monday + timedelta(days=28))
    case = desk.reopen(case.id, actor="li.na", reason="又坏了")
    before = case.clocks.metrics["resolution"].due_at
    assert before == datetime(2026, 4, 10, 10, tzinfo=UTC)  # Friday 18:00, 9 days left
    desk2, _ = make_desk(v2, start=clock.now(), storage=desk.storage, version="2")
    desk2.clock = clock
    state = desk2.note(case.id, "migrated", actor="li.na").clocks.metrics["resolution"]
    assert state.due_at == before
    assert state.elapsed == timedelta(hours=7, minutes=30)
