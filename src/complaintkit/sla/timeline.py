"""Business-time arithmetic shared by every calendar, and calendars composed of two others.

A calendar only has to say, for one local date, which real instants of that date are
working time (``_compute_day``). Everything else — adding business time, measuring it,
finding the next working instant — reads those per-date answers, which are cached as
integer microseconds since the epoch. Integers keep ``elapsed(a, add(a, d)) == d`` exact.
``add`` and ``elapsed`` read them through blocks of dates with cumulative business time
(``spans.Block``), so they bisect instead of walking dates, and cost about what a
hand-written table for one fixed calendar costs.
"""

from __future__ import annotations

import abc
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal, NamedTuple

import attrs

from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.instants import isoformat
from complaintkit.sla.durations import MAX_DAYS, Duration
from complaintkit.sla.spans import BLOCK_DAYS, SHIFT, SPAN, Block, build, key_near

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_MAX_IDLE_DAYS = 3_660  # ten years without working time means the calendar is empty
_CACHE_DAYS = 20_000  # a bounded cache: about fifty years of dates per calendar
#: blocks kept per calendar: two centuries, so that the longest period a policy may set
#: (100 years) and the years before it stay cached; a bound below it cleared the cache
#: in the middle of every count of such a period, which then worked out every date again
_CACHE_BLOCKS = 2 * MAX_DAYS // BLOCK_DAYS
#: Business time is not counted past this date: short of the last a date holds by two
#: blocks, so the next block and a result in any zone can still be written.
_LAST_ORDINAL = date.max.toordinal() - 2 * BLOCK_DAYS
#: How complete a year's holiday data is, from best to worst: only the policy's own lists,
#: the official data of the ``holidays`` package, data computed before the year's official
#: arrangement was published, or none at all (the package stops at a year).
HOLIDAY_DATA = ("policy", "official", "provisional", "missing")
INCOMPLETE = frozenset({"provisional", "missing"})
_LAST = (
    datetime.combine(date.fromordinal(_LAST_ORDINAL), datetime.min.time(), UTC) - _EPOCH
) // _US


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` in ``zone``, as the instant it is. Written in ``zone`` itself,
    ``astimezone`` changes nothing, so a wall time the clocks skipped (00:30 on the night
    Santiago moves from 00:00 to 01:00) would keep a date the instant is not on."""
    if moment.tzinfo is zone:
        return moment.astimezone(UTC).astimezone(zone)
    return moment.astimezone(zone)


def local_text(moment: datetime | None, zone: tzinfo) -> str | None:
    """``moment`` as people read it in a case's history: in ``zone`` with the offset the
    zone has at that instant, so a deadline after a DST change shows the new offset rather
    than its clock's start offset (which names the same instant, but no local clock)."""
    return None if moment is None else isoformat(in_zone(moment, zone))


class Day(NamedTuple):
    """One local date: its real bounds and working spans (flat start/end pairs).

    ``opens`` and ``close`` bound the date's business day, the shifts that start on it:
    ``close`` is when it ends for ``add_business_days``. Both are None when the date is
    not a business day.
    """

    lo: int
    hi: int
    spans: tuple[int, ...]
    opens: int | None
    close: int | None

    @classmethod
    def build(
        cls, lo: int, hi: int, pieces: Iterable[tuple[int, int]], owned: Sequence[int]
    ) -> Day:
        """Clip ``pieces`` to the date and merge them into sorted, disjoint spans; ``owned``
        are the date's own shifts (flat, sorted, not clipped)."""
        spans = merge((max(begin, lo), min(end, hi)) for begin, end in pieces)
        if not owned:
            return cls(lo, hi, tuple(spans), None, None)
        return cls(lo, hi, tuple(spans), owned[0], owned[-1])


def instant(value: object, field: str) -> int:
    """Microseconds since the epoch of an aware datetime; anything else is refused."""
    if not isinstance(value, datetime):
        raise InvalidInput(field, f"expected a timezone-aware datetime (got {value!r})")
    if value.utcoffset() is None:
        raise InvalidInput(
            field,
            f"{value.isoformat()} has no timezone; attach one, "
            "e.g. value.replace(tzinfo=ZoneInfo('Asia/Shanghai'))",
        )
    return (value - _EPOCH) // _US


def to_datetime(micros: int, zone: tzinfo | None) -> datetime:
    """The instant as a datetime in ``zone`` (normally the zone the caller used)."""
    if micros % 1_000_000 or zone is None:
        return (_EPOCH + _US * micros).astimezone(zone)
    return datetime.fromtimestamp(micros // 1_000_000, zone)  # the same for whole seconds, sooner


def wall_instant(ordinal: int, seconds: int, zone: tzinfo) -> int:
    """The instant of the wall-clock time ``seconds`` after a local date's midnight.

    A wall time skipped by DST is read with the offset before the jump (so it lands after
    the jump), and a repeated one means its first occurrence; ``seconds=0`` is the instant
    the date begins.
    """
    wall = datetime.fromordinal(ordinal) + timedelta(seconds=seconds)
    return (wall.replace(tzinfo=zone) - _EPOCH) // _US


def add_months(wall: datetime, months: int) -> datetime:
    """The same wall time ``months`` later; a day the month lacks becomes its last day
    (民法典 art. 202: "没有对应日的,月末日为期间的最后一日")."""
    if not months:
        return wall
    index = wall.year * 12 + wall.month - 1 + months
    year, month = divmod(index, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return wall.replace(year=year, month=month + 1, day=min(wall.day, last))


def merge(pieces: Iterable[tuple[int, int]]) -> list[int]:
    """Sorted disjoint spans (flat start/end pairs) covering the non-empty ``pieces``."""
    out: list[int] = []
    for begin, end in sorted(pieces):
        if begin >= end:
            continue
        if out and begin <= out[-1]:
            out[-1] = max(out[-1], end)
        else:
            out += (begin, end)
    return out


def _duration(value: object) -> int:
    if not isinstance(value, timedelta):
        raise InvalidInput("duration", f"expected a timedelta (got {value!r})")
    if value < timedelta(0):
        raise InvalidInput("duration", f"{value} is negative; business time only runs forward")
    return value // _US


class Timeline(abc.ABC):
    """What a calendar can do once it knows its working time per local date."""

    __slots__ = ()
    name: str
    _days: dict[int, Day]
    _blocks: dict[int, Block]

    @property
    @abc.abstractmethod
    def zone(self) -> tzinfo:
        """The timezone whose local dates are the calendar's days."""

    @abc.abstractmethod
    def _compute_day(self, ordinal: int) -> Day:
        """Working spans within the local date, clipped to it, sorted and merged."""

    @abc.abstractmethod
    def _owned(self, ordinal: int) -> list[int]:
        """The working spans that belong to the local date (flat pairs, not clipped): the
        shifts that start on it, which is what makes it a business day."""

    # -- composition ---------------------------------------------------------------------

    def intersect(self, other: Timeline, name: str = "") -> ComposedCalendar:
        """Working only when both are (the team's hours, the customer's region holidays)."""
        return ComposedCalendar("intersect", self, other, name)

    def union(self, other: Timeline, name: str = "") -> ComposedCalendar:
        """Working when either is (two teams covering each other)."""
        return ComposedCalendar("union", self, other, name)

    # -- operations ----------------------------------------------------------------------

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when ``duration`` of business time has passed since ``start``.

        The result is the earliest such instant, so a duration that runs out exactly at the
        end of a working interval returns that end, not the next opening. ``add(start, 0)``
        is ``start`` itself, even outside working time. The result is in ``start``'s zone.
        """
        try:  # the checks run only when the arithmetic fails, keeping the hot path short
            now = (start - _EPOCH) // _US
            left = duration // _US
        except TypeError:
            instant(start, "start")
            _duration(duration)
            raise
        if left <= 0:
            _duration(duration)
            return start
        block = self._blocks.get((now + SHIFT) // SPAN)  # key_near, inlined
        if block is None or not block.lo <= now < block.hi:
            block = self._block_at(now)
        i = bisect_right(block.starts, now) - 1  # Block.done, inlined on the hot path
        end = block.ends[i]
        target = block.after[i] - end + (now if now < end else end) + left
        idle = 0
        while target > block.total:
            target -= block.total
            idle = 0 if block.total else idle + BLOCK_DAYS
            if idle > _MAX_IDLE_DAYS:
                raise self._empty(start)
            if block.hi > _LAST:
                raise self._beyond(start)
            block = self._block(block.key + 1)
        i = bisect_left(block.after, target)
        return to_datetime(block.ends[i] - block.after[i] + target, start.tzinfo)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants; ``timedelta(0)`` when ``end <= start``."""
        try:
            now, stop = (start - _EPOCH) // _US, (end - _EPOCH) // _US
        except TypeError:
            instant(start, "start")
            instant(end, "end")
            raise
        if stop <= now:
            return timedelta(0)
        block = self._blocks.get((now + SHIFT) // SPAN)  # key_near, inlined
        if block is None or not block.lo <= now < block.hi:
            block = self._block_at(now)
        if stop <= block.hi:
            return _US * (block.done(stop) - block.done(now))
        total = block.total - block.done(now)
        block = self._block(block.key + 1)
        while stop > block.hi:
            total += block.total
            block = self._block(block.key + 1)
        return _US * (total + block.done(stop))

    def is_working(self, moment: datetime) -> bool:
        """Whether ``moment`` is working time; intervals include their start, not their end."""
        now = instant(moment, "moment")
        spans = self._locate(moment, now)[1].spans
        return any(spans[i] <= now < spans[i + 1] for i in range(0, len(spans), 2))

    def next_working_instant(self, moment: datetime) -> datetime:
        """``moment`` if it is working time, else the next opening (in ``moment``'s zone).

        Looked up in ``moment``'s block (``add``'s table): a date walk only past its end."""
        now = instant(moment, "moment")
        block = self._blocks.get((now + SHIFT) // SPAN)  # key_near, inlined
        if block is None or not block.lo <= now < block.hi:
            block = self._block_at(now)
        i = bisect_right(block.starts, now)  # the span after the last one starting by ``now``
        if now < block.ends[i - 1]:
            return to_datetime(now, moment.tzinfo)
        if i < len(block.starts):
            return to_datetime(block.starts[i], moment.tzinfo)
        ordinal, day = self._locate(moment, now)
        for _ in range(_MAX_IDLE_DAYS):
            spans = day.spans
            for i in range(0, len(spans), 2):
                if spans[i + 1] > now:
                    return to_datetime(max(spans[i], now), moment.tzinfo)
            ordinal += 1
            day = self._day(ordinal)
        raise self._empty(moment)

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Due "by the end of the Nth business day": the close of the Nth business day after
        the day of receipt, which never counts. That day is ``start``'s business day (see
        ``business_date``: a night shift's small hours belong to the evening it started),
        else its local date in the calendar's zone.

        A business day is a local date on which a working interval starts, and it closes
        when the last interval starting that date ends (so a night shift's day closes the
        next morning; a composed calendar's day closes by local midnight). ``days=0`` means
        the close of the current business day if ``start`` is before it, else of the next.
        """
        now = instant(start, "start")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidInput("days", f"expected a whole number of days >= 0 (got {days!r})")
        ordinal = self._open_ordinal(start, now, later=True)
        close = self._day(ordinal).close
        if days == 0:
            if close is not None and close > now:
                return to_datetime(close, start.tzinfo)
            days = 1
        return to_datetime(self._close_after(ordinal, days, start), start.tzinfo)

    def business_days_after(self, day: date, days: int) -> datetime:
        """The close of the ``days``-th business day after ``day`` (in UTC); with 0, of
        ``day`` itself if it is a business day, else of the next one."""
        ordinal = day.toordinal()
        close, begins = self._day(ordinal).close, to_datetime(self._day(ordinal).lo, UTC)
        if days == 0 and close is not None:
            return to_datetime(close, UTC)
        return to_datetime(self._close_after(ordinal, max(days, 1), begins), UTC)

    def _close_after(self, ordinal: int, days: int, start: datetime) -> int:
        """The close of the ``days``-th business day after the date ``ordinal``; ``start``
        names the count in the error when there is no such day."""
        idle = 0
        while days:
            ordinal += 1
            close = self._day(ordinal).close
            days -= close is not None
            idle = 0 if close is not None else idle + 1
            if idle > _MAX_IDLE_DAYS:
                raise self._empty(start)
            if ordinal > _LAST_ORDINAL:
                raise self._beyond(start)
        assert close is not None  # the loop ends on a business day
        return close

    def add_calendar(self, start: datetime, duration: Duration | timedelta) -> datetime:
        """Add plain calendar time: a ``Duration``'s months and days are local wall-clock
        months and days (so one day after 09:00 is 09:00 the next day across a DST change,
        and one month after 31 January is the last day of February) and its time is real
        elapsed time. A bare ``timedelta`` cannot tell "1 day" from "24 hours", so it is
        taken as real elapsed time throughout."""
        instant(start, "start")
        if isinstance(duration, timedelta):
            duration = Duration(time=duration)
        if not isinstance(duration, Duration) or duration.business:
            raise InvalidInput(
                "duration", f"expected a calendar Duration or a timedelta (got {duration!r})"
            )
        if not (duration.months or duration.days):
            # real time only: a wall time moved by nothing would lose a repeated hour's fold
            return (start.astimezone(UTC) + duration.time).astimezone(start.tzinfo)
        local = in_zone(start, self.zone)
        wall = add_months(local.replace(tzinfo=None), duration.months)
        wall += timedelta(days=duration.days)
        moved = wall.replace(tzinfo=local.tzinfo).astimezone(UTC)
        return (moved + duration.time).astimezone(start.tzinfo)

    def deadline(self, start: datetime, duration: Duration) -> datetime:
        """Apply a parsed duration (see ``parse_duration``) the way it was written; "0
        business days" is the close of the current business day, as ``add_business_days``."""
        if not duration.business:
            return self.add_calendar(start, duration)
        if duration.in_days:
            return self.add_business_days(start, duration.days)
        return self.add(start, duration.time)

    # -- whole local dates -----------------------------------------------------------------

    def local_date(self, moment: datetime) -> date:
        """The calendar's date (in its own zone) that ``moment`` falls on."""
        return date.fromordinal(self._locate(moment, instant(moment, "moment"))[0])

    def business_date(self, moment: datetime) -> date:
        """The business day ``moment`` falls in: the date whose business has opened and not
        yet closed (a night shift's small hours belong to the evening it started); outside
        every business day, the local date."""
        return date.fromordinal(self._open_ordinal(moment, instant(moment, "moment"), later=True))

    def ending_date(self, moment: datetime) -> date:
        """The business day a period that runs out at ``moment`` ends in: the one open at
        ``moment``, as ``business_date``. A union's business days can overlap (a night
        team's shift still running when the day team opens): of two open, the earlier,
        which closes first, as the period ran out in it; a receipt then counts from the
        later (``business_date``)."""
        return date.fromordinal(self._open_ordinal(moment, instant(moment, "moment"), later=False))

    def _open_ordinal(self, moment: datetime, now: int, *, later: bool) -> int:
        """The ordinal of ``business_date`` (``later``) or ``ending_date`` of ``moment``,
        which is the instant ``now``."""
        ordinal = self._locate(moment, now)[0]
        owners = [ordinal - 1, ordinal]
        skipped = self._day(ordinal - 1)
        if skipped.lo == skipped.hi:  # a date the clocks skipped whole: the one before runs on
            owners.insert(0, ordinal - 2)
        for owner in reversed(owners) if later else owners:  # a shift is shorter than a day
            day = self._day(owner)
            if day.opens is not None and day.close is not None and day.opens <= now < day.close:
                return owner
        return ordinal

    def is_business_day(self, day: date) -> bool:
        """Whether a working interval starts on ``day`` (see ``add_business_days``)."""
        return self._day(day.toordinal()).close is not None

    def end_of_day(self, day: date) -> datetime:
        """24:00 of ``day`` in the calendar's zone: the instant the next date begins."""
        return to_datetime(self._day(day.toordinal()).hi, UTC)

    def close_of_day(self, day: date) -> datetime | None:
        """When ``day``'s business closes; None when it is not a business day."""
        close = self._day(day.toordinal()).close
        return None if close is None else to_datetime(close, UTC)

    def why_closed(self, day: date) -> str:
        """Why ``day`` is not a business day, in a few words."""
        return "not a business day"

    def why_open(self, day: date) -> str:
        """What makes ``day`` a business day when the week alone would not ("make-up day")."""
        return ""

    def data_version(self) -> str | None:
        """The version of outside holiday data this calendar reads, if it reads any."""
        return None

    def holiday_data_status(self, year: int) -> str:
        """How complete ``year``'s holiday data is (one of :data:`HOLIDAY_DATA`)."""
        return "policy"

    def holiday_data(self, start: datetime, end: datetime) -> str | None:
        """What a clock records: :meth:`data_version`, then each year from ``start`` to
        ``end`` whose holiday data is incomplete, as a deadline counted across such a year
        may change once its official arrangement is published."""
        version = self.data_version()
        if version is None:
            return None
        years = range(in_zone(start, self.zone).year, in_zone(end, self.zone).year + 1)
        statuses = ((year, self.holiday_data_status(year)) for year in years)
        notes = [f"{year} {status}" for year, status in statuses if status in INCOMPLETE]
        return "; ".join([version, *notes])

    # -- per-date cache ------------------------------------------------------------------

    def _day(self, ordinal: int) -> Day:
        day = self._days.get(ordinal)
        if day is None:
            if len(self._days) >= _CACHE_DAYS:
                self._days.clear()
            day = self._days[ordinal] = self._compute_day(ordinal)
        return day

    def _block(self, key: int) -> Block:
        block = self._blocks.get(key)
        if block is None:
            if len(self._blocks) >= _CACHE_BLOCKS:
                self._blocks.clear()
            block = self._blocks[key] = build(key, self._day)
        return block

    def _block_at(self, now: int) -> Block:
        """The block holding the instant ``now``: the one of its UTC date or a neighbour."""
        block = self._block(key_near(now))
        if now < block.lo:
            return self._block(block.key - 1)
        return self._block(block.key + 1) if now >= block.hi else block

    def _locate(self, moment: datetime, now: int) -> tuple[int, Day]:
        ordinal = in_zone(moment, self.zone).toordinal()
        day = self._day(ordinal)
        while now < day.lo:  # only at a DST change at midnight
            ordinal -= 1
            day = self._day(ordinal)
        while now >= day.hi:
            ordinal += 1
            day = self._day(ordinal)
        return ordinal, day

    def _empty(self, start: datetime) -> ConfigError:
        return ConfigError(
            f"{self._named()} has no working time in the ten years after "
            f"{start.isoformat()}; check its hours, holidays and composition"
        )

    def _beyond(self, start: datetime) -> ConfigError:
        return ConfigError(
            f"business time on {self._named()} from {start.isoformat()} runs past the last "
            "date there is; it has too little working time for this target"
        )

    def _named(self) -> str:
        return f"calendar {self.name!r}" if self.name else f"an unnamed calendar in {self.zone}"

    def _spans(self, lo: int, hi: int) -> list[int]:
        """Working spans within the instants ``[lo, hi)``, for composition."""
        ordinal, day = self._locate(to_datetime(lo, UTC), lo)
        out: list[int] = []
        while day.lo < hi:
            spans = day.spans
            for i in range(0, len(spans), 2):
                begin, end = max(spans[i], lo), min(spans[i + 1], hi)
                if begin < end:
                    out += (begin, end)
            ordinal += 1
            day = self._day(ordinal)
        return out


def _intersection(a: list[int], b: list[int]) -> list[int]:
    out: list[int] = []
    i = j = 0
    while i < len(a) and j < len(b):
        begin, end = max(a[i], b[j]), min(a[i + 1], b[j + 1])
        if begin < end:
            out += (begin, end)
        if a[i + 1] < b[j + 1]:
            i += 2
        else:
            j += 2
    return out


def _union(a: list[int], b: list[int]) -> list[int]:
    return merge(zip(a[::2] + b[::2], a[1::2] + b[1::2], strict=True))


def _beyond(shifts: list[int], earlier: list[int]) -> list[int]:
    """The ``shifts`` (flat pairs) not lying wholly within one of the ``earlier`` days'
    shifts: working time inside a shift an earlier day started is that day's (a weekend
    team's Saturday 00:00-06:00 inside Friday's 20:00-08:00 night shift), and a day of its
    own would close before the day that holds it."""
    covering = merge(zip(earlier[::2], earlier[1::2], strict=True))
    spans = list(zip(covering[::2], covering[1::2], strict=True))
    return [
        edge
        for begin, end in zip(shifts[::2], shifts[1::2], strict=True)
        if not any(lo <= begin and end <= hi for lo, hi in spans)
        for edge in (begin, end)
    ]


@attrs.frozen
class ComposedCalendar(Timeline):
    """The intersection or union of two calendars, computed on real instants, so the two
    may use different timezones; its days are the local dates of ``left``'s zone."""

    op: Literal["intersect", "union"]
    left: Timeline
    right: Timeline
    name: str = ""
    _days: dict[int, Day] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _blocks: dict[int, Block] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    @property
    def zone(self) -> tzinfo:
        return self.left.zone

    def _compute_day(self, ordinal: int) -> Day:
        lo, hi = wall_instant(ordinal, 0, self.zone), wall_instant(ordinal + 1, 0, self.zone)
        combine = _intersection if self.op == "intersect" else _union
        spans = combine(self.left._spans(lo, hi), self.right._spans(lo, hi))
        pieces = zip(spans[::2], spans[1::2], strict=True)
        return Day.build(lo, hi, pieces, self._owned(ordinal))

    def data_version(self) -> str | None:
        versions = {self.left.data_version(), self.right.data_version()} - {None}
        return ", ".join(sorted(v for v in versions if v)) or None

    def holiday_data_status(self, year: int) -> str:
        statuses = (self.left.holiday_data_status(year), self.right.holiday_data_status(year))
        return max(statuses, key=HOLIDAY_DATA.index)

    def why_closed(self, day: date) -> str:
        left = self.left.why_closed(day) if not self.left.is_business_day(day) else ""
        return left or self.right.why_closed(day)

    def why_open(self, day: date) -> str:
        return self.left.why_open(day) or self.right.why_open(day)

    def _owned(self, ordinal: int) -> list[int]:
        """An intersection's business days are its left calendar's: the working time inside
        the left's shifts of that date (so a night shift keeps its date when intersected
        with 24x7). A union's are either calendar's, on the left's dates: a right shift
        belongs to the date, in the left zone, it starts on (New York's Monday 20:00 is
        Tuesday in Shanghai), else a later receipt could count from an earlier date, unless
        it lies within a shift of the two dates before (``_beyond``)."""
        left = self.left._owned(ordinal)
        if self.op == "union":
            earlier = self._joined(ordinal - 1) + self._joined(ordinal - 2)
            return _beyond(self._joined(ordinal), earlier)
        if not left:
            return []
        return _intersection(left, self.right._spans(left[0], left[-1]))

    def _joined(self, ordinal: int) -> list[int]:
        """Both calendars' shifts that start on the left's date ``ordinal`` (a union's)."""
        return _union(self.left._owned(ordinal), self._right_starting_on(ordinal))

    def _right_starting_on(self, ordinal: int) -> list[int]:
        """The right calendar's shifts (flat start/end pairs) that start on the left's
        date ``ordinal``, found among the right's own dates around it (zones lie at most
        26 hours apart). A date's touching pieces are one shift, placed by where it starts:
        an intersection holds a night shift as 22:00-24:00 and 00:00-06:00."""
        lo, hi = wall_instant(ordinal, 0, self.zone), wall_instant(ordinal + 1, 0, self.zone)
        pieces = []
        for near in range(ordinal - 2, ordinal + 3):
            owned = self.right._owned(near)
            shifts = merge(zip(owned[::2], owned[1::2], strict=True))
            pieces += [
                (begin, end)
                for begin, end in zip(shifts[::2], shifts[1::2], strict=True)
                if lo <= begin < hi
            ]
        return merge(pieces)
