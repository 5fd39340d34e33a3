"""Weekly working hours written as local wall-clock intervals.

Hours are kept as seconds after local midnight rather than ``datetime.time`` so that an
overnight shift (``22:00-06:00``) is simply an interval whose end passes 24:00; turning
wall-clock hours into real instants is the calendar's job, which is where DST is handled.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

import attrs

from complaintkit.errors import InvalidInput, InvalidInputs
from complaintkit.policy.as_written import as_written, got
from complaintkit.sla import chinese_hours

DAY_SECONDS = 86_400
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_INTERVAL = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*$")
_HINT = "write HH:MM-HH:MM, e.g. '09:00-12:00' (overnight: '22:00-06:00')"


@attrs.frozen(order=True)
class Shift:
    """One working interval of a day, in seconds after local midnight.

    ``end`` may pass ``DAY_SECONDS``: the shift then runs into the next day, as an overnight
    shift does. A shift never lasts longer than a day.
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not (
            0 <= self.start < DAY_SECONDS and self.start < self.end <= self.start + DAY_SECONDS
        ):
            raise InvalidInput("shift", f"{self.start}-{self.end} is not a shift; {_HINT}")

    @classmethod
    def parse(cls, text: object, field: str = "shift") -> Shift:
        """Read ``'09:00-12:00'``; an end before the start means the next day's hour."""
        match = _INTERVAL.match(text) if isinstance(text, str) else None
        if match is None:
            meant = chinese_hours.interval_advice(text, _reads) if isinstance(text, str) else None
            raise InvalidInput(field, f"{as_written(text)} is not an interval; {meant or _HINT}")
        sh, sm, eh, em = (int(part) for part in match.groups())
        if sh > 23 or sm > 59 or em > 59 or eh > 24 or (eh == 24 and em != 0):
            raise InvalidInput(field, f"{text!r} has an hour or minute out of range; {_HINT}")
        start, end = sh * 3600 + sm * 60, eh * 3600 + em * 60
        if end == start:
            raise InvalidInput(
                field, f"{text!r} is empty; for a whole day write '00:00-24:00'; {_HINT}"
            )
        if end < start:
            end += DAY_SECONDS
        return cls(start, end)

    def __str__(self) -> str:
        end = self.end if self.end <= DAY_SECONDS else self.end - DAY_SECONDS
        return f"{_clock(self.start)}-{_clock(end)}"


DayHours = tuple[Shift, ...]


def _reads(text: str) -> bool:
    try:
        Shift.parse(text)
    except InvalidInput:
        return False
    return True


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def weekday_index(name: object, field: str) -> int:
    """Monday is 0, as ``date.weekday()``; accepts ``mon`` or ``monday`` in any case."""
    key = name.strip().lower() if isinstance(name, str) else ""
    if key in WEEKDAYS:
        return WEEKDAYS.index(key)
    if key in _FULL_NAMES:
        return _FULL_NAMES.index(key)
    meant = chinese_hours.weekdays_advice(name) if isinstance(name, str) else None
    if meant is None or "-" in meant or "," in meant:  # one day is asked for here
        meant = f"write one of {', '.join(WEEKDAYS)}"
    raise InvalidInput(field, f"{name!r} is not a weekday; {meant}")


def parse_weekdays(key: str, field: str) -> tuple[int, ...]:
    """Expand ``'mon-fri'``, ``'sat,sun'``, ``'fri-mon'`` (wrapping) or ``'daily'``."""
    if key.strip().lower() == "daily":
        return tuple(range(7))
    days: list[int] = []
    try:
        for part in key.split(","):
            first, _, last = part.partition("-")
            lo = weekday_index(first, field)
            hi = weekday_index(last, field) if last else lo
            days.extend((lo + step) % 7 for step in range((hi - lo) % 7 + 1))
    except InvalidInput as exc:
        meant = chinese_hours.weekdays_advice(key)
        if meant is None:
            raise
        raise InvalidInput(field, f"{key!r} is not read as weekdays; {meant}") from exc
    return tuple(days)


def parse_day(values: object, field: str) -> DayHours:
    """Read one day's list of intervals; they may be listed in any order but must not overlap."""
    return _read_day(values, field)[0]


def _read_day(values: object, field: str) -> tuple[DayHours, int]:
    """The day's shifts in order, and where the last of them was written (for errors);
    every interval that cannot be read is reported, not only the first."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidInput(field, f"expected a list of intervals (got {got(values)}); {_HINT}")
    read: list[tuple[Shift, int]] = []
    problems: list[InvalidInput] = []
    for i, text in enumerate(values):
        try:
            read.append((Shift.parse(text, f"{field}[{i}]"), i))
        except InvalidInput as exc:
            problems.append(exc)
    if problems:
        raise InvalidInputs(problems)
    shifts = sorted(read)
    for (before, _), (shift, index) in itertools.pairwise(shifts):
        if shift.start < before.end:
            raise InvalidInput(
                f"{field}[{index}]",
                f"'{shift}' overlaps '{before}'; give each working interval once",
            )
    return tuple(shift for shift, _ in shifts), shifts[-1][1] if shifts else 0


@attrs.frozen
class WeeklyHours:
    """The working intervals of each weekday, Monday first; an empty day is closed."""

    days: tuple[DayHours, ...] = attrs.field(
        validator=[attrs.validators.min_len(7), attrs.validators.max_len(7)]
    )

    @classmethod
    def always(cls) -> WeeklyHours:
        """Around the clock, every day."""
        return cls(((Shift(0, DAY_SECONDS),),) * 7)

    @classmethod
    def parse(cls, data: object, field: str = "hours") -> WeeklyHours:
        """Read ``{"mon-fri": ["09:00-12:00", "13:30-18:00"], "sat": [...]}`` or ``"24x7"``.

        Weekdays not named are closed. An overnight shift must end by the next day's first
        start, which is how a reversed interval such as ``'13:30-12:00'`` is caught.
        """
        if data == "24x7":
            return cls.always()
        if not isinstance(data, Mapping):
            raise InvalidInput(
                field,
                f"expected a mapping of weekdays to intervals, or '24x7' for around the clock "
                f"(got {got(data)}); {_weekly_advice(data)}",
            )
        days: list[DayHours | None] = [None] * 7
        labels: dict[int, str] = {}  # weekday -> the key that gave its hours
        lasts: dict[int, int] = {}
        problems: list[InvalidInput] = []  # each key and interval on its own, all at once
        for key, values in data.items():
            where = f"{field}.{key}"
            try:
                weekdays = parse_weekdays(str(key), where)
            except InvalidInput as exc:
                problems.append(exc)
                weekdays = ()
            try:  # last: where the day's last shift was written
                day, last = _read_day(values, where)
            except InvalidInput as exc:
                problems.append(exc)
                continue
            for index in weekdays:
                if days[index] is not None:
                    problems.append(
                        InvalidInput(
                            where, f"{WEEKDAYS[index]} is already given by {labels[index]!r}"
                        )
                    )
                    break
                days[index], labels[index] = day, where
                lasts[index] = last
        if problems:
            raise InvalidInputs(problems)
        hours = cls(tuple(day or () for day in days))
        hours._check_overnight({day: f"{labels[day]}[{lasts[day]}]" for day in labels})
        return hours

    def _check_overnight(self, labels: Mapping[int, str]) -> None:
        """``labels`` says, per weekday, where its last shift was written."""
        for index, day in enumerate(self.days):
            clash = overnight_clash(day, self.days[(index + 1) % 7], WEEKDAYS[(index + 1) % 7])
            if clash is not None:
                raise InvalidInput(labels[index], clash)


def advice_at(path: str) -> str | None:
    """What to write at ``path`` of a policy when it holds a calendar's hours or one day's
    intervals, for a value read there that is no value at all (a NaN); else None."""
    if not path.startswith("calendars."):
        return None
    if path.endswith(".hours"):
        return _weekly_advice(None)
    return _HINT if ".hours." in path else None


def _weekly_advice(data: object) -> str:
    """What to write for ``hours`` given ``data``, no mapping: the intervals it holds (one
    interval, or a list of them) under their weekdays, else an example."""
    intervals = [data] if isinstance(data, str) else data if isinstance(data, list) else []
    if not intervals or not all(isinstance(text, str) and _reads(text) for text in intervals):
        intervals = ["09:00-18:00"]
    listed = ", ".join(as_written(text) for text in intervals)
    return (
        f"write each working day's intervals under its weekdays, e.g. hours: {{mon-fri: "
        f"[{listed}]}}, or hours: 24x7 for around the clock"
    )


def overnight_clash(day: DayHours, following: DayHours, named: str) -> str | None:
    """Why ``day``'s last shift, read as overnight, runs into the ``following`` day's first
    (the day ``named``): a reversed interval such as '13:30-12:00'; None if it does not."""
    if not (day and following and day[-1].end - DAY_SECONDS > following[0].start):
        return None
    return (
        f"'{day[-1]}' ends before it starts; read as an overnight shift it runs into "
        f"{named}'s '{following[0]}'; {_HINT}"
    )
