"""A business calendar: weekly hours in a timezone, minus holidays, plus make-up days.

Hours are local wall-clock time and become real instants per date, so an interval that
spans a DST change has its real length. A shift belongs to the date it starts on: a
holiday cancels the night shift starting that evening, not the one ending that morning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache, partial
from importlib.metadata import version
from typing import Final, TypeVar

import attrs
import holidays as holidays_package

from complaintkit.errors import InvalidInput, InvalidInputs
from complaintkit.model.complaint import RECEIVED_YEARS
from complaintkit.policy.as_written import got
from complaintkit.policy.typos import close_matches
from complaintkit.sla.breaks import BREAK_COUNTRIES, BREAK_RULE, break_days, package_year
from complaintkit.sla.date_advice import ISO_DAY, date_advice
from complaintkit.sla.hours import (
    WEEKDAYS,
    DayHours,
    WeeklyHours,
    overnight_clash,
    parse_day,
    weekday_index,
)
from complaintkit.sla.setting_advice import REQUIRED, WORKING_DAYS, text_advice
from complaintkit.sla.spans import Block
from complaintkit.sla.timeline import Day, Timeline, merge, wall_instant
from complaintkit.sla.timezones import parse_timezone

T = TypeVar("T")


@cache
def _holiday_data_version(country: str) -> str:
    """The holiday data every clock on a ``holiday_country`` calendar records: reading the
    package's metadata costs about a millisecond, and a clock starts with every complaint.
    A CN calendar names the rule closing the weekend days of a break as well, as it changes
    deadlines on calendars with weekend hours while the package stays the same."""
    data = f"holidays {version('holidays')}"
    return f"{data} + {BREAK_RULE}" if country in BREAK_COUNTRIES else data


#: Countries whose public holidays a yearly arrangement fixes, with make-up working days
#: (China's 放假安排 and 调休): a year in which the package knows no make-up day is one whose
#: arrangement it has not got, so its holidays are only computed (with "observed" days).
_YEARLY_ARRANGEMENT = frozenset({"CN"})
#: The keys a calendar of ``calendars:`` takes.
CALENDAR_KEYS = (
    "name",
    "timezone",
    "hours",
    "holidays",
    "holiday_country",
    "holiday_subdivision",
    "holiday_categories",
    "working_days",
)


def _weekly(value: WeeklyHours | Mapping[str, object] | str) -> WeeklyHours:
    return value if isinstance(value, WeeklyHours) else WeeklyHours.parse(value)


#: Years a deadline can fall in: a complaint's years, and up to 100 years after them.
_REACHED_YEARS = range(RECEIVED_YEARS.start, RECEIVED_YEARS.stop + 100)


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _dates(values: Iterable[date]) -> frozenset[date]:
    return frozenset(values)


def _working_days(
    value: Mapping[date, DayHours] | Iterable[tuple[date, DayHours]],
) -> tuple[tuple[date, DayHours], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((day, tuple(shifts)) for day, shifts in items))


class CalendarInvalid(InvalidInputs):
    """Every problem of one calendar's settings, so a policy author sees each bad date,
    interval and code at once, not one per run."""


@attrs.frozen
class BusinessCalendar(Timeline):
    """Working time of one team or region.

    ``holiday_country``/``holiday_subdivision`` pull public holidays from the ``holidays``
    package, a year at a time when first needed, and with them the weekend days the
    package knows are worked instead (China's make-up days, 调休); a make-up day keeps the
    hours of the first weekday that has any; in China, the Saturdays and Sundays inside a
    holiday break are holidays too (:mod:`complaintkit.sla.breaks`). ``working_days`` gives more dates that are
    worked whatever the week or the holidays say, with their hours. The policy's own lists
    win over the package: an explicit holiday closes a make-up day too, and may not also
    be a working day.
    """

    timezone: tzinfo = attrs.field(converter=parse_timezone)
    hours: WeeklyHours = attrs.field(converter=_weekly)
    holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_dates)
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    working_days: tuple[tuple[date, DayHours], ...] = attrs.field(
        default=(), converter=_working_days
    )
    name: str = ""
    #: The package's holiday categories to close (``optional``: Hong Kong's general
    #: holidays, on which banks close); empty for the package's default (``public``).
    holiday_categories: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    _days: dict[int, Day] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _blocks: dict[int, Block] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _years: dict[int, frozenset[date]] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _names: dict[date, str] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _make_up: set[date] = attrs.field(init=False, factory=set, eq=False, repr=False)
    _status: dict[int, str] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _extra: dict[date, DayHours] = attrs.field(init=False, eq=False, repr=False)

    @_extra.default
    def _index_working_days(self) -> dict[date, DayHours]:
        return dict(self.working_days)

    def __attrs_post_init__(self) -> None:
        clash = sorted(self.holidays.intersection(self._extra))
        if clash:
            raise InvalidInput(
                "working_days",
                f"{clash[0].isoformat()} is also listed as a holiday; keep it in one list",
            )
        problem = _code_problem(
            self.holiday_country, self.holiday_subdivision, self.holiday_categories
        )
        if problem is not None:
            raise problem

    @classmethod
    def always(cls, timezone: str | tzinfo = UTC, name: str = "24x7") -> BusinessCalendar:
        """Every instant is working time: business time equals elapsed time."""
        return cls(timezone, WeeklyHours.always(), name=name)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], path: str = "") -> BusinessCalendar:
        """Build from plain data (a policy file's ``calendars`` entry).

        ``working_days`` maps a date to its intervals or to a weekday whose hours it
        borrows (``{"2026-09-27": "mon"}``). Errors name the field, prefixed by ``path``.
        """

        def where(field: str) -> str:
            return f"{path}.{field}" if path else field

        if not isinstance(data, Mapping):
            raise InvalidInput(path or "calendar", f"expected a mapping (got {data!r})")
        problems = _Problems(_setting_problems(data, where))
        parsed = (
            problems.kept(WeeklyHours.parse, data["hours"], where("hours"))
            if "hours" in data
            else None
        )
        hours = WeeklyHours.always() if parsed is None else parsed  # a stand-in, if none parse
        later = _Problems()  # the holidays' own, named after the working days' as written
        holidays = _read_holidays(data.get("holidays") or [], where, later)
        raw_working = data.get("working_days") or {}
        working = _read_working_days(raw_working, hours, holidays, where, problems)
        problems.extend(later)
        zone = problems.kept(_zone, data.get("timezone", "UTC"), where("timezone"))
        country = problems.kept(
            _optional_text, data.get("holiday_country"), where("holiday_country")
        )
        subdivision = problems.kept(
            _optional_text, data.get("holiday_subdivision"), where("holiday_subdivision")
        )
        categories = problems.kept(
            _categories, data.get("holiday_categories", []), where("holiday_categories")
        )
        name = problems.kept(_text, data.get("name", ""), where("name"))
        codes = _code_problem(country, subdivision, categories or ())
        if codes is not None:  # beside the other settings' problems, not after them
            problems.append(InvalidInput(where(codes.field), codes.message))
        if problems or zone is None or name is None:
            raise CalendarInvalid(problems)
        try:
            return cls(
                timezone=zone,
                hours=hours,
                holidays=holidays,
                holiday_country=country,
                holiday_subdivision=subdivision,
                working_days=working,
                name=name,
                holiday_categories=categories or (),
            )
        except InvalidInput as exc:  # checks across settings name the bare setting
            raise InvalidInput(where(exc.field), exc.message) from None

    @property
    def zone(self) -> tzinfo:
        return self.timezone

    def is_holiday(self, day: date) -> bool:
        """An explicit holiday, or a public one that no make-up working day overrides; a
        date of ``working_days`` is never one. The policy's own lists win over the package."""
        if day in self._extra:
            return False
        if day in self.holidays:
            return True
        return not self.is_make_up_day(day) and day in self._public_holidays(day.year)

    def is_make_up_day(self, day: date) -> bool:
        """A weekend day the ``holidays`` package says is worked (调休), unless the policy
        lists the date itself, under ``working_days`` or as a holiday of its own (a company
        that does not observe 调休 closes that day)."""
        if day in self._extra or day in self.holidays:
            return False
        self._public_holidays(day.year)
        return day in self._make_up

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's name, "holiday" for an explicit one, None on other days."""
        if not self.is_holiday(day):
            return None
        self._public_holidays(day.year)  # an explicit holiday may be a public one too
        return self._names.get(day, "holiday")

    def why_closed(self, day: date) -> str:
        name = self.holiday_name(day)
        if name is not None:
            return f"holiday: {name}"
        return "weekend" if not self.hours.days[day.weekday()] else "no working hours"

    def why_open(self, day: date) -> str:
        if day in self._extra:
            return "working day listed in the policy"
        return "make-up working day (调休)" if self.is_make_up_day(day) else ""

    def data_version(self) -> str | None:
        if self.holiday_country is None:
            return None
        return _holiday_data_version(self.holiday_country)

    def holiday_lists(self) -> tuple[str, ...]:
        """The package's categories this calendar closes: the ones it names, else the
        package's default (``public``); none without ``holiday_country``."""
        if self.holiday_country is None:
            return ()
        return self.holiday_categories or (holidays_package.HolidayBase.default_category,)

    def holiday_data_status(self, year: int) -> str:
        """A year beyond those the package covers is "missing"; one of a yearly arrangement
        (CN) the package knows no make-up day of is "provisional"; others are "official".
        The policy supplies such a year itself ("policy") with a holiday in a missing year
        or a make-up day (a working day on a weekday without hours) in a provisional one."""
        if self.holiday_country is None:
            return "policy"
        status = self._status.get(year)
        if status is None:
            status = self._status[year] = self._judge(self.holiday_country, year)
        return status

    def _judge(self, country: str, year: int) -> str:
        covered = holidays_package.country_holidays(
            country, subdiv=self.holiday_subdivision, categories=self.holiday_categories or None
        )
        if not covered.start_year <= year <= covered.end_year:
            return "policy" if any(day.year == year for day in self.holidays) else "missing"
        self._public_holidays(year)
        if country not in _YEARLY_ARRANGEMENT or any(day.year == year for day in self._make_up):
            return "official"
        make_up = (day for day in self._extra if day.year == year)
        return (
            "policy"
            if any(not self.hours.days[day.weekday()] for day in make_up)
            else "provisional"
        )

    def _public_holidays(self, year: int) -> frozenset[date]:
        if self.holiday_country is None:
            return frozenset()
        found = self._years.get(year)
        if found is None:
            country, subdivision = self.holiday_country, self.holiday_subdivision
            table = package_year(country, subdivision, year, self.holiday_categories)
            names = {**table.names, **break_days(country, subdivision, year)}
            found = self._years[year] = frozenset(names)
            self._names.update(names)
            self._make_up.update(table.make_up)
        return found

    def _shifts(self, ordinal: int) -> DayHours:
        day = date.fromordinal(ordinal)
        extra = self._extra.get(day)
        if extra is not None:
            return extra
        if self.is_make_up_day(day):
            return next((hours for hours in self.hours.days if hours), ())
        return () if self.is_holiday(day) else self.hours.days[day.weekday()]

    def _owned(self, ordinal: int) -> list[int]:
        zone = self.timezone
        return merge(
            (wall_instant(ordinal, s.start, zone), wall_instant(ordinal, s.end, zone))
            for s in self._shifts(ordinal)
        )

    def _compute_day(self, ordinal: int) -> Day:
        zone = self.timezone
        owned = self._owned(ordinal)
        lo, hi = wall_instant(ordinal, 0, zone), wall_instant(ordinal + 1, 0, zone)
        before = [ordinal - 1]
        if wall_instant(ordinal - 1, 0, zone) == lo:  # skipped whole (Samoa, 30 December 2011)
            before.append(ordinal - 2)
        spill = [  # the previous date's overnight shifts run into this one
            (wall_instant(earlier, s.start, zone), wall_instant(earlier, s.end, zone))
            for earlier in before
            for s in self._shifts(earlier)
        ]
        pieces = spill + list(zip(owned[::2], owned[1::2], strict=True))
        return Day.build(lo, hi, pieces, owned)


class _Problems(list[InvalidInput]):
    """The problems found so far in one calendar's settings."""

    def kept(self, read: Callable[[object, str], T], value: object, field: str) -> T | None:
        """``read(value, field)``, or None with its problem kept."""
        try:
            return read(value, field)
        except InvalidInput as exc:
            self.extend(getattr(exc, "problems", (exc,)))
            return None


def _setting_problems(
    data: Mapping[str, object], where: Callable[[str], str]
) -> list[InvalidInput]:
    """Unknown settings (with the nearest known name) and missing required ones."""
    found = []
    for key in data:
        if key not in CALENDAR_KEYS:
            near = close_matches(str(key), CALENDAR_KEYS, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"known: {', '.join(CALENDAR_KEYS)}"
            found.append(InvalidInput(where(str(key)), f"unknown setting {key!r}; {hint}"))
    found.extend(
        InvalidInput(where(k), f"is required; {REQUIRED[k]}") for k in REQUIRED if k not in data
    )
    return found


def _read_working_days(
    raw: object,
    hours: WeeklyHours,
    holidays: frozenset[date],
    where: Callable[[str], str],
    problems: _Problems,
) -> dict[date, DayHours]:
    """``working_days``: each date with its own intervals or a weekday's it borrows, clear
    of the night shifts of the dates either side (a listed holiday works none)."""
    if not isinstance(raw, Mapping):
        problems.append(
            InvalidInput(
                where("working_days"), f"expected a mapping (got {got(raw)}); {WORKING_DAYS}"
            )
        )
        return {}
    working: dict[date, DayHours] = {}
    fields: dict[date, str] = {}
    for key, value in raw.items():
        field = where(f"working_days.{key}")
        day = problems.kept(_date, key, field)
        shifts = problems.kept(partial(_day_hours, hours=hours), value, field)
        if day is not None and shifts is not None:
            working[day], fields[day] = shifts, field
    for day, shifts in working.items():  # as the weekly hours are checked
        after = day + timedelta(days=1)
        following = working[after] if after in working else hours.days[after.weekday()]
        clash = overnight_clash(shifts, following, after.isoformat())
        if clash is not None:
            problems.append(InvalidInput(fields[day], clash))
        before = day - timedelta(days=1)
        night = () if before in working or before in holidays else hours.days[before.weekday()]
        if overnight_clash(night, shifts, day.isoformat()) is not None:
            weekday = WEEKDAYS[before.weekday()]
            problems.append(
                InvalidInput(
                    fields[day],
                    f"{weekday}'s overnight shift '{night[-1]}' of {before.isoformat()} runs "
                    f"into its '{shifts[0]}'; start it when that shift ends, or list "
                    f"{before.isoformat()} under working_days or holidays",
                )
            )
    return working


def _day_hours(value: object, field: str, *, hours: WeeklyHours) -> DayHours:
    if not isinstance(value, str):
        shifts = parse_day(value, field)
        if not shifts:
            raise InvalidInput(
                field, "a working day with no intervals; give its hours, or list it under holidays"
            )
        return shifts
    borrowed = hours.days[weekday_index(value, field)]
    if not borrowed:
        raise InvalidInput(field, f"{value!r} has no hours to borrow; list them")
    return borrowed


def _read_holidays(
    raw: object, where: Callable[[str], str], problems: _Problems
) -> frozenset[date]:
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        problems.append(InvalidInput(where("holidays"), f"expected a list of dates (got {raw!r})"))
        return frozenset()
    found = (problems.kept(_date, value, where(f"holidays[{i}]")) for i, value in enumerate(raw))
    return frozenset(day for day in found if day is not None)


def _zone(value: object, field: str) -> tzinfo:
    return parse_timezone(_text(value, field), field)


def _date(value: object, field: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        try:
            if not ISO_DAY.fullmatch(str(value)):  # fromisoformat also takes 20261003
                raise ValueError(value)
            day = date.fromisoformat(str(value))
        except ValueError:
            raise InvalidInput(
                field, f"{value!r} is not a date; {date_advice(str(value))}"
            ) from None
    if day.year not in _REACHED_YEARS:  # it could never open or close a day: a typo
        raise InvalidInput(
            field,
            f"{day.isoformat()} is outside the years a case's deadlines can fall in "
            f"({_REACHED_YEARS.start} to {_REACHED_YEARS.stop - 1}); check the year",
        )
    return day


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, f"expected text (got {got(value)}); {text_advice(field)}")
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else _text(value, field)


def _categories(value: object, field: str) -> tuple[str, ...]:
    """``holiday_categories``: a list of the package's category names (``[optional]``)."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidInput(
            field, f"expected a list of category names (got {got(value)}); {text_advice(field)}"
        )
    return tuple(_text(item, f"{field}[{i}]") for i, item in enumerate(value))


def _code_problem(
    country: str | None, subdivision: str | None, categories: tuple[str, ...] = ()
) -> InvalidInput | None:
    """What is wrong with the holiday codes, named by the bare setting; None if nothing."""
    if country is None:
        needing = "holiday_subdivision" if subdivision is not None else "holiday_categories"
        wanted = subdivision is not None or bool(categories)
        told = "needs holiday_country as well; add holiday_country, its country's code: CN, GB…"
        return InvalidInput(needing, told) if wanted else None
    if country not in holidays_package.list_supported_countries():  # the package also
        return _unknown_code(country, subdivision)  # takes China for CN; CN-only rules miss it
    try:
        table = holidays_package.country_holidays(country, subdiv=subdivision)
    except NotImplementedError:
        return _unknown_code(country, subdivision)
    return _category_problem(country, categories, type(table).supported_categories)


def _category_problem(
    country: str, categories: tuple[str, ...], supported: Iterable[str]
) -> InvalidInput | None:
    known = sorted(supported)
    unknown = [category for category in categories if category not in known]
    if not unknown:
        return None
    return InvalidInput(
        "holiday_categories",
        f"{unknown[0]} is not a holiday category the holidays package knows for "
        f"{country}; known: {', '.join(known)}",
    )


#: Countries written by name, as an author may (中国 for CN): the code to write instead.
_COUNTRY_NAMES: Final = {
    "中国": "CN",
    "中华人民共和国": "CN",
    "中華人民共和國": "CN",
    "中国大陆": "CN",
    "china": "CN",
    "prc": "CN",
    "people's republic of china": "CN",
    "香港": "HK",
    "hong kong": "HK",
    "澳门": "MO",
    "澳門": "MO",
    "macau": "MO",
    "macao": "MO",
    "台湾": "TW",
    "台灣": "TW",
    "taiwan": "TW",
    "新加坡": "SG",
    "singapore": "SG",
    "英国": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "美国": "US",
    "united states": "US",
    "usa": "US",
    "日本": "JP",
    "japan": "JP",
}


def _unknown_code(country: str, subdivision: str | None) -> InvalidInput:
    """Our own words for a code the ``holidays`` package refused (its wording may change)."""
    supported = holidays_package.list_supported_countries()
    if country not in supported:
        written = unicodedata.normalize("NFKC", country).strip()  # typed in full-width mode
        meant = _COUNTRY_NAMES.get(written.lower()) or written.upper()
        if meant in supported:
            return InvalidInput(
                "holiday_country",
                f"{country} is not a country code; write {meant} (ISO 3166 codes, e.g. CN, HK)",
            )
        return InvalidInput(
            "holiday_country",
            f"{country} is not a country the holidays package knows; e.g. CN, GB, US",
        )
    known = supported[country]
    examples = f"e.g. {', '.join(known[:3])}" if known else "it knows none there"
    return InvalidInput(
        "holiday_subdivision",
        f"{subdivision} is not a subdivision of {country} the holidays package knows; {examples}",
    )
