"""What to write for a duration an English SOP spells in a way the reader does not take.

SOPs say "within 48 hours", "48 hours or less", "3 biz days", "two days", "next business
day" or "EOD". As with the Chinese forms (:mod:`complaintkit.sla.chinese_durations`), the
grammar is not widened with guesses: the refusal names the form that is read. Every
pattern here starts at a run of spaces' first character and takes it whole, so a run of
spaces is read once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from complaintkit.sla.english_halves import half_advice
from complaintkit.sla.far_deadlines import out_of_reach

#: "Within" before a duration and "or less" after it: a target already means within.
_WITHIN: Final = re.compile(r"^(?:within|up to|no later than|at most|in)\s++", re.IGNORECASE)
_AT_MOST: Final = re.compile(
    r"(?<!\s)\s*+(?:or less|or sooner|max(?:imum)?|at (?:the )?most|at the latest)\.?$",
    re.IGNORECASE,
)
#: A remark in brackets after the duration: "72h (3 days)".
_REMARK: Final = re.compile(r"(?<!\s)\s*+\([^()]*\)")
#: Short or hyphenated names of a business day (3 biz days, 3 bd, 3 workdays) and other
#: names of a calendar day.
_BUSINESS: Final = (
    (re.compile(r"\b(?:biz|bus\.|business-)\s?(?=days?\b)", re.IGNORECASE), "business "),
    (re.compile(r"\b(?:working-|work\s?)(?=days?\b)", re.IGNORECASE), "working "),
    (re.compile(r"\bbds?\b", re.IGNORECASE), "business days"),
    # 自然日 translated ("natural days"), or hyphenated: calendar days
    (re.compile(r"\b(?:natural\s|calendar-)(?=days?\b)", re.IGNORECASE), "calendar "),
)
_NUMBERS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "thirty-six": 36, "forty-eight": 48, "seventy-two": 72, "ninety": 90,
}  # fmt: skip
_NUMBER: Final = re.compile(
    r"\b(?:" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
#: The day a case is received, and the next one, as an SOP names them.
_SAME_DAY: Final = frozenset(
    {"same day", "end of day", "eod", "cob", "close of business", "today", "same business day"}
)
_NEXT_DAY: Final = frozenset({"next business day", "next working day", "next day", "nbd"})
#: The end of a day said before or after a duration ("1 business day EOD", "EOD 3 business
#: days", "15 days by close of business"), as words, each of its forms as written folded.
_DAY_ENDS: Final = tuple(
    tuple(words.split())
    for words in (
        "end of the business day", "close of the business day", "end of business day",
        "close of business day", "end of the day", "close of business", "end of day",
        "eod", "cob",
    )
)  # fmt: skip
_T_PLUS: Final = re.compile(r"[Tt]\s*+\+\s*+([0-9]{1,5})\s*+(?:business|working)\s++days?")
#: The end of a day said around its name: "end of next business day", "COB next business
#: day", "next business day EOD" (the words folded, "by" and "the" left out).
_END_OF: Final = re.compile(r"(?:(?:end|close) of |eod |cob )?(.+?)(?: eod| cob)?")


def english_advice(text: str, reads: Callable[[str], bool]) -> str | None:
    """``write '…'`` with the form of ``text`` that ``reads`` takes, or None."""
    said = text.strip()
    folded = _day_words(said)
    if folded in _SAME_DAY or (said.upper().startswith("T") and _t_plus(said) == 0):
        return (
            "write '0 business days' (the close of the day's business; of the next "
            "business day if it has closed)"
        )
    named = _END_OF.fullmatch(folded)
    days = 1 if named is not None and named[1] in _NEXT_DAY else _t_plus(said)
    if days is not None and (far := out_of_reach(days, reads)) is not None:
        return far
    if days is not None:
        which = "the next business day" if days == 1 else f"{days} business days later"
        unit = "business day" if days == 1 else "business days"
        return f"write '{days} {unit}' (the close of {which})"
    meant = _AT_MOST.sub("", _REMARK.sub("", _WITHIN.sub("", said))).rstrip(".").strip()
    if (found := _day_end_advice(said, reads) or half_advice(meant)) is not None:
        return found
    for pattern, words in _BUSINESS:
        meant = pattern.sub(words, meant)
    meant = _NUMBER.sub(lambda m: str(_NUMBERS[m[0].casefold()]), meant)
    if meant == said or not reads(meant):
        return None
    return f"write {meant!r}"


def _t_plus(said: str) -> int | None:
    found = _T_PLUS.fullmatch(said)
    return None if found is None else int(found[1])


def _day_words(said: str) -> str:
    """``said`` folded, its words single-spaced, a leading "by" and every "the" left out:
    "By the end of the day" is "end of day"."""
    words = [word for word in said.casefold().split() if word != "the"]
    return " ".join(words[1:] if words[:1] == ["by"] else words)


def _day_end_advice(said: str, reads: Callable[[str], bool]) -> str | None:
    """What to write for a duration said with the end of its day, or None: business days
    end at the close of business already; other periods say how they end in ``ends``."""
    words = said.rstrip(".").split()
    folded = [word.casefold().strip(",") for word in words]
    for end in _DAY_ENDS:
        if folded[-len(end) :] == list(end):
            kept, rest = words[: -len(end)], folded[: -len(end)]
        elif folded[: len(end)] == list(end):
            kept, rest = words[len(end) :], folded[len(end) :]
        else:
            continue
        while rest and rest[-1] in ("by", "the", "at"):  # "by the end of day" after it
            kept, rest = kept[:-1], rest[:-1]
        duration = " ".join(kept).rstrip(",")
        if not duration or _said_twice(rest) or not reads(duration):  # read once, not again
            return None
        if {"business", "working"} & set(rest) and rest[-1].startswith("day"):
            return (
                f"write {duration!r} (business days end at the close of the last day's "
                "business; add ends: end_of_day for 24:00)"
            )
        return (
            f"write {duration!r} with ends: end_of_day (24:00 of its last day) or ends: "
            "close_of_business (the close of that day's business)"
        )
    return None


def _said_twice(rest: list[str]) -> bool:
    """Whether ``rest`` still says the end of a day: "1 day EOD EOD" is no duration with
    one, and reading what is left would strip one end at a time."""
    return any(
        rest[at : at + len(end)] == list(end) for end in _DAY_ENDS for at in range(len(rest))
    )
