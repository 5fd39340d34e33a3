"""SLA targets as people write them: "24h", "3 business days", "15 calendar days",
"2 months", "1d 4h", "PT2H", and the Chinese units regulations use: "7个工作日", "24小时",
"15日", "2个月".

The parsed value keeps months, days and time apart because they mean different things: a
calendar day is a local wall-clock day (23 or 25 hours across DST), a month ends on the
same day of a later month (the month's last day when it has none), a business day ends at
the close of business, whereas hours and minutes are always real elapsed time.

Every duration is at most :data:`MAX_DAYS` long (100 years), so a deadline worked out from
any instant a complaint may carry stays far inside what a date can hold.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache
from typing import Final

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.policy.chinese_numerals import in_digits
from complaintkit.sla.chinese_durations import advice
from complaintkit.sla.duration_marks import unmarked
from complaintkit.sla.duration_remarks import Counting, remarked
from complaintkit.sla.duration_starts import STARTS, without_start
from complaintkit.sla.english_durations import english_advice

_HINT = (
    "write e.g. '24h', '2 hours', '30m', '3 business days', '15 calendar days', '8 weeks', "
    "'2 months', '1d 4h', '7个工作日', '24小时' or ISO 8601 'PT2H'"
)
#: The longest duration: 100 years, counted as 365.25 days each (so also 1200 months).
MAX_DAYS: Final = 36_525
#: Days in each unit, to measure a duration against MAX_DAYS before building it.
_DAYS_PER = {
    "years": 365.25, "months": 365.25 / 12, "weeks": 7.0, "days": 1.0,
    "hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400,
}  # fmt: skip
LONGEST = (
    f"at most 100 years: 1200 months, 5217 weeks, {MAX_DAYS} days or {MAX_DAYS * 24} hours; "
    "business time must also fall due within 100 years on its calendar"
)
_UNITS = {
    "y": "years", "yr": "years", "year": "years", "years": "years",
    "mo": "months", "month": "months", "months": "months",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "d": "days", "day": "days", "days": "days",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes",
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
    "seconds": "seconds",
}  # fmt: skip
_TERM = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)\s*(business\s+|working\s+|calendar\s+)?([a-z]+)"
    r"(?:\s*,\s*|\s+and\s+|\s+|$|(?=[0-9]))"
)
_ISO = re.compile(
    r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?"
    r"(?:T(?:([0-9]+(?:\.[0-9]+)?)H)?(?:([0-9]+(?:\.[0-9]+)?)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?"
)
#: Chinese units, read as their English equivalents (工作日 is a business day, 自然日 a
#: calendar day; 日 and 天 are calendar days, as 民法典 art. 200-204 count them).
_CHINESE = re.compile(  # from a number's first digit, spaces taken whole: linear
    r"(?<![0-9])([0-9]+(?:\.[0-9]+)?)\s*+个?\s*+(工作日|工作小时|自然日|日历日|小时|钟头|分钟|秒|天|日|周|星期|月|年)"
)
_CHINESE_UNITS = {
    "工作日": "business days", "工作小时": "business hours", "自然日": "calendar days",
    "日历日": "calendar days", "小时": "hours", "钟头": "hours", "分钟": "minutes",
    "秒": "seconds", "天": "days", "日": "days", "周": "weeks", "星期": "weeks",
    "月": "months", "年": "years",
}  # fmt: skip


class DurationTooLong(InvalidInput):
    """A duration longer than :data:`MAX_DAYS`; ``hint`` says the bound in each unit."""

    hint = LONGEST


@attrs.frozen
class Duration:
    """An SLA target: whole ``months`` and ``days`` plus ``time``, in business or calendar time.

    ``days`` are local calendar days, or business days when ``business`` is set (then
    ``time`` is zero: "3 business days" and "20 business hours" are different targets).
    ``in_days`` says the target was written in days (weeks, months, years) rather than in
    hours, so "0 business days" (the close of today) differs from "0 business hours".
    """

    days: int = 0
    time: timedelta = timedelta(0)
    business: bool = False
    months: int = 0
    in_days: bool = attrs.field(
        default=attrs.Factory(lambda self: bool(self.days or self.months), takes_self=True)
    )

    @property
    def first_close(self) -> bool:
        """Whether ``ends: close_of_business`` ends it at the first close at or after its
        time runs out rather than at the close of its last day: a period in hours, or no
        calendar days at all (``0日`` received after the close: the next close, never the
        close before the receipt). ``0 business days`` counts business days itself."""
        return not self.in_days or not (self.days or self.months or self.business)


@cache
def first_close_as_stored(target: str) -> bool:
    """``Duration.first_close`` of a clock's target as stored, which a later policy (or
    complaintkit) may no longer read: such a target counts as days."""
    try:
        return parse_duration(target).first_close
    except InvalidInput:
        return False


def certainly_shorter(duration: Duration, other: Duration) -> bool:
    """Whether ``duration``, counted from any instant on one calendar, always ends before
    ``other`` does: both of one kind (business or calendar time, in days or in hours) and
    no part of it longer. A day is 23 to 25 hours and 0 business days the close of today,
    so durations of two kinds are not compared."""
    if (duration.business, duration.in_days) != (other.business, other.in_days):
        return False
    mine = (duration.months, duration.days, duration.time.total_seconds())
    theirs = (other.months, other.days, other.time.total_seconds())
    return mine != theirs and all(a <= b for a, b in zip(mine, theirs, strict=True))


#: A minus before a number (``-2h``, ``P-1D``): said as such, not as an unknown unit.
_NEGATIVE: Final = re.compile(r"(?:^|[\sPpTt])-\s*\d")


def parse_duration(text: str) -> Duration:
    """Read a duration; "business"/"working" before a unit makes it business time."""
    if not isinstance(text, str):
        raise InvalidInput("duration", f"expected text (got {text!r}); {_HINT}")
    source = _CHINESE.sub(lambda m: f"{m.group(1)} {_CHINESE_UNITS[m.group(2)]} ", text).strip()
    if _NEGATIVE.search(source):
        raise InvalidInput(
            "duration", f"{text!r} is negative; write the time forward, e.g. '2h' or 'PT2H'"
        )
    if source[:1].upper() == "P":
        return _parse_iso(source, text)
    amounts = dict.fromkeys(
        ("years", "months", "weeks", "days", "hours", "minutes", "seconds"), 0.0
    )
    kinds: set[bool] = set()
    seen: set[str] = set()
    position = 0
    lowered = source.lower()
    while position < len(lowered):
        match = _TERM.match(lowered, position)
        unit = _UNITS.get(match.group(3)) if match else None
        if match is None or unit is None:
            meant, rest = what_to_write(text), source[position:]
            # none read: quoted once; the units rewritten (24-48 hours): not the author's words
            said = rest.strip() == text.strip() or rest.strip() not in text
            where = "" if said else f" at {rest!r}"
            raise InvalidInput("duration", f"cannot read {text!r}{where}; {meant or _HINT}")
        if unit in seen:  # "24h 48h": two alternatives or a duplicate, never their sum
            raise InvalidInput(
                "duration",
                f"{text!r} gives {unit} twice; a deadline is one duration: write it once",
            )
        amounts[unit] = float(match.group(1))
        seen.add(unit)
        qualifier = (match.group(2) or "").strip()
        if qualifier == "calendar" and unit not in ("days", "weeks", "months", "years"):
            raise InvalidInput("duration", f"{text!r}: 'calendar' qualifies days, not {unit}")
        kinds.add(qualifier in ("business", "working"))
        position = match.end()
    if not kinds:
        raise InvalidInput("duration", f"{text!r} is empty; {_HINT}")
    if len(kinds) > 1:
        raise InvalidInput("duration", f"{text!r} mixes business and calendar time; write one kind")
    return _build(text, amounts, business=kinds.pop(), seen=seen)


def _parse_iso(source: str, text: str) -> Duration:
    match = _ISO.fullmatch(source.upper())
    if match is None or source.upper() in {"P", "PT"} or source.upper().endswith("T"):
        raise InvalidInput(
            "duration",
            f"{text!r} is not an ISO 8601 duration this library reads (years, months, weeks, "
            f"days, hours, minutes, seconds); {what_to_write(text) or _HINT}",
        )
    keys = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
    groups = dict(zip(keys, match.groups(), strict=True))
    amounts = {key: float(part or 0) for key, part in groups.items()}
    return _build(text, amounts, business=False, seen={k for k, v in groups.items() if v})


def _build(text: str, amounts: dict[str, float], *, business: bool, seen: set[str]) -> Duration:
    if sum(amount * _DAYS_PER[unit] for unit, amount in amounts.items()) > MAX_DAYS:
        raise DurationTooLong(
            "duration", f"{text!r} is longer than 100 years, the longest duration there is"
        )
    days = amounts["weeks"] * 7 + amounts["days"]
    months = amounts["years"] * 12 + amounts["months"]
    if months != int(months):  # no number of days or hours is a month (28 to 31 days)
        raise InvalidInput(
            "duration", f"{text!r} has a fraction of a month; write whole months, or days"
        )
    if days != int(days):
        raise InvalidInput(
            "duration", f"{text!r} has a fraction of a day; use hours instead{_in_hours(text)}"
        )
    if business and months:
        raise InvalidInput(
            "duration", f"{text!r}: business months are ambiguous; use business days"
        )
    time = timedelta(hours=amounts["hours"], minutes=amounts["minutes"], seconds=amounts["seconds"])
    if business and amounts["weeks"]:
        raise InvalidInput("duration", f"{text!r}: business weeks are ambiguous; use business days")
    if business and days and time:
        raise InvalidInput(
            "duration",
            f"{text!r} mixes business days and business hours; write a single unit",
        )
    in_days = bool(seen & {"years", "months", "weeks", "days"})
    return Duration(int(days), time, business, int(months), in_days)


def what_to_write(text: str) -> str | None:
    """What to write for ``text``, which is not read, or None; out of its quotes and
    punctuation first (``“24小时内。”``: '24小时'), and without the start it says."""
    bare = unmarked(text)
    if (remark := remarked(bare)) is not None:  # dropped, its days would be calendar days
        return _counted(*remark)
    if bare != text.strip() and _reads(bare):
        return f"write {bare!r}"
    rest = without_start(bare)
    if rest is not None and without_start(rest) is None:  # one start: read what it starts
        found = f"write {rest!r}" if _reads(rest) else _said(rest)
        return None if found is None else f"{found}; {STARTS}"
    return _said(bare)


#: Days as written: only they are told as business days (2 weeks of them are 10).
_IN_DAYS: Final = re.compile(r"\s*[0-9]{1,5}\s*(?:个\s*)?(?:天|日|days?)\s*", re.IGNORECASE)


def _counted(kept: str, counting: Counting) -> str | None:
    """What to write for ``kept``, whose remark says its days are working days or roll
    past days off, or None: the remark is not dropped, which would leave calendar days."""
    try:
        duration = parse_duration(kept)
    except InvalidInput:  # 三个工作日 (不含节假日): the number in digits, if that is all
        plain = in_digits(kept)
        return None if plain == kept else _counted(plain, counting)
    if duration.business:
        return f"write {kept!r}"
    if counting == "roll":
        return (
            f"write {kept!r} with roll: next_business_day (a last day that is a day off "
            "moves to the next business day)"
        )
    if _IN_DAYS.fullmatch(kept) is None:
        return None
    unit = (
        "个工作日"
        if not kept.isascii()
        else " business day"
        if duration.days == 1
        else " business days"
    )
    return f"write '{duration.days}{unit}'"


def _said(text: str) -> str | None:
    """What to write for ``text`` as a Chinese or an English SOP says a duration."""
    return advice(text, _reads) or english_advice(text, _reads)


def _reads(text: str) -> bool:
    try:
        parse_duration(text)
    except InvalidInput:
        return False
    return True


def _in_hours(text: str) -> str:
    """``: write '36小时'`` for calendar days with a fraction (1.5天), in the language they
    were written in; empty for business days, months and years, which hours do not equal."""
    found = re.fullmatch(
        r"\s*([0-9]+\.[0-9]+)\s*(?:个\s*)?(天|日|自然日|days?|calendar days?)\s*", text
    )
    if found is None:
        return ""
    hours = f"{float(found[1]) * 24:g}"
    return f": write '{hours} hours'" if found[2].isascii() else f": write '{hours}小时'"
