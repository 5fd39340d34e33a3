"""What to write for a duration a Chinese SOP spells in a way the reader does not take.

SOPs say 24小时内 ("within 24 hours"), 2小时后 ("after 2 hours"), 三个工作日 in Chinese numerals, or 48小時 in
traditional characters, or type 4h with the input method in full-width mode (U+FF14 U+FF48)
or in another script's digits (Arabic-Indic ٤h); operations SOPs say T+1, 次日, 当天,
半小时, 30分 or 3个工作天.
Reading them would widen the duration grammar with guesses; the refusal instead names the form that is read, so the author fixes it in one go.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

from complaintkit.policy.chinese_numerals import in_digits
from complaintkit.policy.script_digits import as_ascii_digits
from complaintkit.sla.far_deadlines import out_of_reach

#: Traditional characters of the units, with the simplified ones the reader takes.
_SIMPLIFIED: Final = str.maketrans(
    {"時": "时", "個": "个", "鐘": "钟", "週": "周", "曆": "历", "內": "内", "後": "后"}
)
#: "Within" after a duration: the target already means within it; "after", as a test
#: step's ``at`` or an escalation's ``after`` is said: they already mean after.
_WITHIN: Final = re.compile(r"(?<!\s)\s*+(?:以内|之内|内|以后|之后|后)\s*$")  # from a run's start


#: A remark in brackets after the duration, typed in full-width mode as Chinese text is
#: (48小时 and (2天) in U+FF08 and U+FF09; NFKC makes the brackets ASCII).
_REMARK: Final = re.compile(r"(?<!\s)\s*+\([^()]*\)")  # from a run's start

#: Operations idioms for a deadline: T+N (N business days after the day received, as a
#: settlement counts), 当天 (the same day), 次日 (the next day). T+N and 次日 are said both
#: ways a day may be meant, so the author picks one.
_T_PLUS: Final = re.compile(r"[Tt]\s*+\+\s*+([0-9]{1,5})\s*+(?:个?工作日|日|天)?")
_SAME_DAY: Final = frozenset({"当天", "当日", "即日", "今天", "今日"})
_NEXT_DAY: Final = frozenset({"次日", "隔日", "隔天", "第二天", "翌日", "明天"})
#: The next working day, named as such: one reading only.
_NEXT_WORKING_DAY: Final = re.compile(r"(?:次|下)一?个?工作日")
#: A deadline at 24:00 of the day received or the next (当日24时前, 次日24点前): a day
#: count that ends at the end of its last day, which ``ends: end_of_day`` says.
_BY_MIDNIGHT: Final = re.compile(
    r"(当日|当天|今天|今日|次日|第二天|翌日|明天|隔日)\s*+(?:24|二十四)\s*+(?::00|时|点)\s*+(?:之前|以前|前)?"
)
#: Half an hour, and N and a half hours (1个半小时): minutes are read, halves are not.
_HALF_HOUR: Final = re.compile(r"([0-9]{1,5})?\s*+个?\s*+半\s*+个?\s*+(?:小时|钟头)")
#: N calendar days and a half (1天半): hours are read, a fraction of a day is not.
_HALF_DAY: Final = re.compile(r"([0-9]{1,5})\s*+个?\s*+(?:天|日|自然日)\s*+半")
#: Half a day (半天, N个半天): half a calendar day or, as an SOP often means it, half a
#: working day; both are told, the working day taken as eight hours.
_HALF_A_DAY: Final = re.compile(r"(?:([0-9]{1,5})\s*+个\s*+)?半\s*+个?\s*+(?:天|日|自然日)")
#: Half a business day, N and a half business days (两个半工作日, 2个工作日半).
_HALF_WORKING_DAY: Final = re.compile(
    r"(?:([0-9]{1,5})\s*+个?\s*+)?半\s*+个?\s*+工作日|([0-9]{1,5})\s*+个?\s*+工作日\s*+半"
)
#: Half a week, N weeks and a half (半周, 一周半, 1个半星期): hours are read.
_HALF_WEEK: Final = re.compile(
    r"(?:([0-9]{1,5})\s*+个?\s*+)?半\s*+个?\s*+(?:周|星期)|([0-9]{1,5})\s*+个?\s*+(?:周|星期)\s*+半"
)
#: Half a month (半个月) or N months and a half (一个半月): a month is 28 to 31 days, so the
#: half is told in days; half a year (半年, 一年半) is six months.
_HALF_MONTH: Final = re.compile(r"([0-9]{1,5})?\s*+个?\s*+半\s*+个?\s*+月")
_HALF_YEAR: Final = re.compile(r"(?:([0-9]{1,5})\s*+个?\s*+年\s*+半|半\s*+年)")
#: A range where a deadline is one duration (24-48小时, 3至5个工作日): its end is the deadline.
_RANGE: Final = re.compile(
    r"[0-9]{1,5}\s*+(?:~|\uff5e|-|\u2013|\u2014|到|至)\s*+([0-9]{1,5}\s*+\D+)"
)
#: Units said in a shorter or another word: 30分 (minutes), 3个工作天, 5个营业日.
_UNIT_WORDS: Final = ((re.compile(r"分(?!钟)"), "分钟"), (re.compile(r"工作天|营业日"), "工作日"))


def advice(text: str, reads: Callable[[str], bool]) -> str | None:
    """``write '…'`` with the form of ``text`` that ``reads`` takes, or None."""
    written = _REMARK.sub("", as_ascii_digits(unicodedata.normalize("NFKC", text)))
    said = _WITHIN.sub("", written.translate(_SIMPLIFIED)).strip()
    meant = in_digits(said)
    if (midnight := _BY_MIDNIGHT.fullmatch(said)) is not None:
        days = "0日" if midnight[1] in _SAME_DAY else "1日"
        return f"write '{days}' with ends: end_of_day (24:00 of its last day)"
    if _NEXT_WORKING_DAY.fullmatch(said) is not None:  # 次日's one reading
        return "write '1个工作日' (the close of the next business day)"
    if (idiom := _idiom(said, reads) or _idiom(meant, reads)) is not None:  # 第二天 before 二 is 2
        return idiom
    for word, unit in _UNIT_WORDS:
        meant = word.sub(unit, meant)
    if meant == text or not reads(meant):
        return None
    return f"write {meant!r}"


def _idiom(meant: str, reads: Callable[[str], bool]) -> str | None:
    """What to write for a day idiom or a half hour, or None."""
    days = "0" if meant in _SAME_DAY else "1" if meant in _NEXT_DAY else None
    if (found := _T_PLUS.fullmatch(meant)) is not None:
        days = str(int(found[1]))
        if (far := out_of_reach(int(days), reads)) is not None:
            return far
    if days == "0":
        return "write '0个工作日' (the close of the day's business; of the next business day if it has closed)"
    if days is not None:
        which = (
            "the next business day" if days == "1" else f"the {_ordinal(days)} business day after"
        )
        said = f"T+{days}: " if found else ""
        return f"write '{days}个工作日' ({said}the close of {which}) or '{days}天' (the same time {days} day(s) later)"
    if (half := _halves(meant)) is not None:
        return half
    if (span := _RANGE.fullmatch(meant)) is not None:
        return f"write '{span[1]}' (a deadline is one duration: the range's end)"
    return None


def _halves(meant: str) -> str | None:
    """What to write for half an hour, N hours, days, months or years and a half, or None."""
    if (half := _HALF_HOUR.fullmatch(meant)) is not None:
        return f"write '{int(half[1] or 0) * 60 + 30}分钟'"
    if (half := _HALF_DAY.fullmatch(meant)) is not None:
        return f"write '{int(half[1]) * 24 + 12}小时'"
    if (half := _HALF_MONTH.fullmatch(meant)) is not None:
        months = f"{int(half[1])}个月" if half[1] else ""
        return f"write '{months}15日' (a month has 28 to 31 days: its half is said in days)"
    if (half := _HALF_YEAR.fullmatch(meant)) is not None:
        return f"write '{int(half[1] or 0) * 12 + 6}个月'"
    return _half_days_and_weeks(meant)


def _half_days_and_weeks(meant: str) -> str | None:
    """What to write for half a day, a business day or a week (and N and a half), or None."""
    if (half := _HALF_A_DAY.fullmatch(meant)) is not None:
        return _half_a_day(int(half[1]) if half[1] else None)
    if (half := _HALF_WORKING_DAY.fullmatch(meant)) is not None:
        hours = int(half[1] or half[2] or 0) * 8 + 4
        return f"write '{hours}个工作小时' (business hours: a business day taken as eight)"
    if (half := _HALF_WEEK.fullmatch(meant)) is not None:
        return f"write '{int(half[1] or half[2] or 0) * 168 + 84}小时'"
    return None


def _half_a_day(count: int | None) -> str:
    """Both readings of 半天 (or N个半天: N days and a half, or N half days)."""
    if count is None:
        return (
            "it reads two ways; write '12小时' (half a calendar day) or '4个工作小时' "
            "(half a working day of eight hours)"
        )
    return (
        f"it reads two ways; write '{count * 24 + 12}小时' ({count} days and a half) or "
        f"'{count * 4}个工作小时' ({count} half working days of four hours)"
    )


def _ordinal(number: str) -> str:
    last = int(number) % 100
    suffix = "th" if 10 <= last <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(last % 10, "th")
    return f"{number}{suffix}"
