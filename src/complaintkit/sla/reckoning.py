"""How a deadline is reckoned the way regulations write it, and the record ``explain`` shows.

A target row may say where its clock starts (``from`` a complaint field such as the CFPB's
date sent to the company), that a receipt outside working time counts from the next
opening (``after_hours``), which calendar to count on (fixed or chosen by a field), how
the period ends (``ends``: exactly, at the end of its last day — 民法典 art. 203's 24:00,
FCA DISP 1.6.2's "by the end of eight weeks" — or at the close of business) and whether a
last day on a non-business day moves to the next business day (``roll``). Nothing here
mutates a clock: the engine turns the answers into a budget and a due instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs

from complaintkit.model.complaint import RECEIVED_YEARS
from complaintkit.policy.facts import Facts, Missing
from complaintkit.sla.durations import Duration
from complaintkit.sla.timeline import Timeline, wall_instant
from complaintkit.sla.wall_times import UnclearTime
from complaintkit.sla.year_first_dates import year_first_moment
from complaintkit.sla.year_last_dates import year_last_readings

END_RULES = ("exact", "end_of_day", "close_of_business")
_US = timedelta(microseconds=1)
_NEVER = datetime.min.replace(tzinfo=UTC)
_MAX_ROLL = 366
_MAX_DAYS_SHOWN = 400
#: Why the row of the business day a last day off rolled forward to is there (uncounted,
#: yet not skipped: the period ends on it).
ROLLED_TO = "last day, rolled forward"


def counts_days_off(business: bool, end: str, roll: bool, extended: bool = False) -> bool:
    """Whether a period's end depends on the calendar's days off, and so on holiday data:
    business time, a close of business, a last day rolled forward or an extension in
    business time do; calendar time ending exactly or at 24:00 of its last day does not
    (15日 from 21 December end on 5 January whatever the next year's holidays are)."""
    return business or roll or end == "close_of_business" or extended


def _loosely(value: str) -> str:
    """A map key as an import may spell it: any case, words joined by a space, an
    underscore or a hyphen, padded (``gb-nir``, ``Northern_Ireland``, ``NORTHERN IRELAND``)."""
    return "".join(value.split()).replace("_", "").replace("-", "").casefold()


def _loose_keys(by_value: Mapping[str, str]) -> dict[str, str]:
    """``by_value`` by each key's loose spelling; one shared by keys naming different
    calendars is left out, so only an exact match chooses between them."""
    calendars: dict[str, set[str]] = {}
    for key, name in by_value.items():
        calendars.setdefault(_loosely(key), set()).add(name)
    return {key: min(names) for key, names in calendars.items() if len(names) == 1}


@attrs.frozen
class CalendarChoice:
    """The calendar a target counts on: ``default``, or the one ``by_value`` maps the
    value of ``field`` to (England & Wales vs Scotland bank holidays). A value matches its
    key exactly, else spelled loosely: Scotland's holidays are not England's because an
    import wrote ``gb-sct`` or ``SCOTLAND`` where the map has ``GB-SCT`` and ``scotland``."""

    default: str
    field: str | None = None
    by_value: Mapping[str, str] = attrs.field(factory=dict)
    _loose: Mapping[str, str] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: _loose_keys(self.by_value), takes_self=True),
    )

    def choose(self, facts: Facts | None) -> tuple[str, str]:
        """The calendar's name and why it was chosen."""
        if self.field is None or facts is None:
            return self.default, "the target's calendar"
        value = facts.lookup(self.field)
        if not isinstance(value, Missing) and str(value) in self.by_value:
            return self.by_value[str(value)], f"{self.field} = {value}"
        if isinstance(value, str) and _loosely(value) in self._loose:
            return self._loose[_loosely(value)], f"{self.field} = {value!r}"
        shown = "missing" if isinstance(value, Missing) else repr(value)
        return self.default, f"{self.field} is {shown}: the default calendar"


@attrs.frozen
class Rules:
    """The regulatory semantics of one target (all optional; the defaults are exact time
    from receipt)."""

    start_field: str | None = None
    after_hours: bool = False
    end: str = "exact"
    roll: bool = False
    #: The period ends at a close of business (business days), so a due instant at
    #: midnight belongs to the day before; a calendar period ending at midnight of date D
    #: (counted from a date) has D as its last day.
    closes: bool = False
    #: The period is counted in hours, not days: it ends at the close of the business day
    #: it runs out in, the first close at or after it (a 4-hour reply due at 21:00 ends at
    #: the next day's close, not at the 18:00 before it ran out).
    hours: bool = False


def start_instant(
    rules: Rules, facts: Facts | None, signalled: datetime, calendar: Timeline, why: str
) -> tuple[datetime, str]:
    """Where the clock starts and why: ``signalled`` (receipt for an ``opened`` clock), a
    field of the complaint, and the next opening when the receipt was after hours."""
    start, reason = signalled, why
    if rules.start_field is not None and facts is not None:
        value = facts.lookup(rules.start_field)
        try:
            readings = year_last_readings(value) if isinstance(value, str) else []
            parsed, unclear = _instant(readings[0] if len(readings) == 1 else value, calendar), ""
        except UnclearTime as exc:  # 上午12时, 14:30 PM: counted from receipt, saying why
            readings, parsed, unclear = [], None, str(exc)
        if unclear:
            reason = f"{rules.start_field} = {value!r} names no one time, {unclear}: {why}"
        elif len(readings) == 2:
            day_first, month_first = (day.isoformat() for day in readings)
            reason = (
                f"{rules.start_field} = {value!r} reads two ways, {day_first} day first or "
                f"{month_first} month first; write YYYY-MM-DD: {why}"
            )
        elif parsed is None:
            reason = f"{rules.start_field} is missing or not a date: {why}"
        elif readings:
            start, reason = parsed, f"{rules.start_field} = {value} ({readings[0].isoformat()})"
        else:
            start, reason = parsed, f"{rules.start_field} = {value}"
    if rules.after_hours and not calendar.is_working(start):
        opens = calendar.next_working_instant(start)
        shown = opens.astimezone(calendar.zone).isoformat()  # as people there read it
        reason += f"; outside working time, so received at the next opening {shown}"
        start = opens
    return start, reason


def _instant(value: object, calendar: Timeline) -> datetime | None:
    """A date (its midnight on the calendar; year first as an export writes it too, padded,
    2019/9/20 or 2019年9月20日, perhaps with a time after it; year last read by the caller,
    which names two readings), an aware ISO instant, or a time without an offset (on the
    calendar's wall clock, as a local export writes it); None otherwise, and
    for one outside the years a complaint may be received in: the field is the customer's
    to fill, and ``9999-12-31`` would put the deadline past the last date there is."""
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            value = year_first_moment(text)  # 2019/9/20 14:30, 2019年9月20日, as exports write
        else:
            value = parsed if "T" in text or " " in text else parsed.date()
    if not isinstance(value, date) or value.year not in RECEIVED_YEARS:
        return None
    seconds = fraction = 0
    if isinstance(value, datetime):
        if value.utcoffset() is not None:
            return value
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        fraction = value.microsecond
    micros = wall_instant(value.toordinal(), seconds, calendar.zone) + fraction
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
    local = moment.astimezone(calendar.zone)
    return local.astimezone(timezone(local.utcoffset() or timedelta(0)))


def last_day(calendar: Timeline, due: datetime, *, closes: bool = False) -> date:
    """The local date a period ends on. A period that ends at a close of business (one in
    business time) ends in the business day it runs out in, whose shift may have started
    the evening before (a night shift's 06:00 ends the day before, as does a midnight).
    The instant before is taken in UTC: a zone's wall clock can jump there."""
    return calendar.ending_date(due.astimezone(UTC) - _US) if closes else calendar.local_date(due)


def lengthened(calendar: Timeline, end: datetime, duration: Duration, *, closes: bool) -> datetime:
    """The end of a period that ended at ``end`` and is lengthened by ``duration`` after
    it (an extension ``by``). Business days are those after its last day, which for a
    period that ``closes`` is the business day it ran out in, not the date its close
    falls on (24:00, or a night shift's 06:00, close the day before)."""
    if not (duration.business and duration.in_days):
        return calendar.deadline(end, duration)
    day = last_day(calendar, end, closes=closes)
    return calendar.business_days_after(day, duration.days).astimezone(end.tzinfo)


def finish(rules: Rules, calendar: Timeline, due: datetime) -> datetime:
    """Apply the roll-forward and the end rule to a due instant counted in plain time."""
    if rules.end == "exact" and not rules.roll:
        return due
    return _finish(rules, calendar, due).astimezone(due.tzinfo)


def _finish(rules: Rules, calendar: Timeline, due: datetime) -> datetime:
    day = last_day(calendar, due, closes=rules.closes)
    moved = 0
    if rules.roll:
        while not calendar.is_business_day(day) and moved < _MAX_ROLL:
            day, moved = day + timedelta(days=1), moved + 1
    if rules.end == "end_of_day":
        close = calendar.close_of_day(day) if rules.closes else None
        # a business day whose night shift runs past 24:00 ends when the shift does
        return max(calendar.end_of_day(day), close or _NEVER)
    if rules.end == "close_of_business":
        if rules.hours:
            return _first_close(calendar, due)
        return calendar.close_of_day(day) or calendar.end_of_day(day)
    if not moved:
        return due
    return calendar.add_calendar(due, Duration(days=moved)).astimezone(UTC)


def _first_close(calendar: Timeline, due: datetime) -> datetime:
    """The first close of business at or after ``due``: that of the business day it falls
    in (a night shift's started the evening before), else of the next business day."""
    day = calendar.ending_date(due.astimezone(UTC) - _US)
    for _ in range(_MAX_ROLL):
        close = calendar.close_of_day(day)
        if close is not None and close >= due:
            return close
        day += timedelta(days=1)
    return calendar.end_of_day(calendar.local_date(due))  # no business within a year


def days_counted(
    calendar: Timeline, duration: Duration, start: datetime, raw: datetime, due: datetime
) -> list[dict[str, Any]]:
    """Each local date after the day of receipt up to the last day: counted or skipped, and
    why.

    ``raw`` is the due instant before the end rule and roll-forward, ``due`` after them.
    For business days a date counts when it is a business day; for calendar days every date
    up to ``raw`` counts, and the dates a roll-forward stepped over are skipped. Periods in
    hours, and of no days at all (``0日``), have no list.
    """
    if duration.first_close:
        return []
    closes = duration.business
    # the day of receipt never counts: for business days, the business day it falls in
    # (a night shift's small hours are the evening's), as ``add_business_days`` counts
    received = calendar.business_date(start) if closes else calendar.local_date(start)
    day = received + timedelta(days=1)
    period_end = last_day(calendar, raw, closes=closes)
    final = max(last_day(calendar, due, closes=True), period_end)
    rows: list[dict[str, Any]] = []
    counted = 0
    while day <= final and len(rows) < _MAX_DAYS_SHOWN:
        business = calendar.is_business_day(day)
        counts = business if duration.business else day <= period_end
        if counts:
            counted += 1
            why = calendar.why_open(day)
            if day == period_end < final and not business:  # say why the last day rolled
                why = f"{calendar.why_closed(day)}, a day off: the last day rolls forward"
            rows.append({"date": day.isoformat(), "count": counted, "why": why})
        elif day > period_end and business:
            rows.append({"date": day.isoformat(), "count": None, "why": ROLLED_TO})
        else:
            why = calendar.why_closed(day)
            rows.append({"date": day.isoformat(), "count": None, "why": why})
        day += timedelta(days=1)
    return rows
