"""What to write for a share of a target written another way: a warning's or a level's
share as a percentage (``80%``), a warning quoted as text (``"0.8"``), and a time before
the deadline as a Chinese SOP says it (到期前2小时, 提前30分钟, 2小时前) or as English says it
in full ("2 hours before the deadline"), where ``2小时 before`` is read."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final
from unicodedata import normalize

from jsonschema.exceptions import ValidationError

from complaintkit.policy.as_written import as_written
from complaintkit.sla.duration_marks import unmarked
from complaintkit.sla.warning_points import NotAWarning, warning_point

_PERCENTAGE: Final = re.compile(r"\s*(\d{1,3}(?:\.\d+)?)\s*[%\uff05]\s*")
#: A time before the deadline in Chinese: 到期前2小时, 截止前2小时, 提前2小时, 2小时前.
_BEFORE_IN_CHINESE: Final = (
    re.compile(r"(?:到期|截止|期满|超时|届满)?前\s*+(\S.*)"),
    re.compile(r"提前\s*+(\S.*)"),
    re.compile(r"(.*\S)\s*+前"),
)
#: A share in tenths as a Chinese SOP gives it: 八成 (0.8), 八成五 (0.85), 七成半 (0.75).
_TENTHS: Final = re.compile(r"([一二三四五六七八九])成(?:([一二三四五六七八九])|(半))?")
_DIGIT: Final = {digit: str(value) for value, digit in enumerate("一二三四五六七八九", start=1)}
#: A share as a fraction: 4/5.
_RATIO: Final = re.compile(r"([0-9]{1,3})\s*+/\s*+([0-9]{1,3})")
#: "2 hours prior", "2 hours prior to the deadline": English's other word for before.
_PRIOR: Final = re.compile(
    r"(.*\S)\s++prior(?:\s++to(?:\s++(?:the\s++)?(?:deadline|due(?:\s++(?:date|time))?))?)?",
    re.IGNORECASE,
)
#: "2 hours before the deadline": the deadline named after "before".
_BEFORE_THE_DEADLINE: Final = re.compile(
    r"(.*\S)\s++before\s++(?:the\s++)?(?:deadline|due\s++(?:date|time)|due)", re.IGNORECASE
)


def share_advice(error: ValidationError) -> tuple[str, str] | None:
    """``(message, hint)`` for a share of a target or a warning written another way."""
    at = list(error.absolute_path)
    elapsed = at[-1:] == ["elapsed"]
    if not (elapsed or (len(at) >= 2 and at[-2] == "warnings")):
        return None
    if not isinstance(error.instance, str):
        return None
    found = _PERCENTAGE.fullmatch(error.instance)
    if found is not None:
        fraction = Decimal(found.group(1)) / 100
        written = f"{fraction:f}" if fraction != fraction.to_integral() else f"{fraction:.1f}"
        key = "elapsed: " if elapsed else ""
        return (
            f"{as_written(error.instance)} is a percentage; this takes a fraction of the time",
            f"write {key}{written} for {found.group(0).strip()}",
        )
    if not elapsed:
        return _warning_advice(error.instance)
    said = unmarked(normalize("NFKC", error.instance))
    share = _share(said)
    if share is None:
        return None
    return f"{as_written(error.instance)} is no fraction", f"write elapsed: {share} for {said}"


def _warning_advice(text: str) -> tuple[str, str] | None:
    message = f"{as_written(text)} is not a time before the deadline, ending in 'before'"
    said = unmarked(normalize("NFKC", text))
    if _quoted_fraction(said):
        return message, f"write {said}, a number without quotes, for a fraction of the target"
    if (share := _share(said)) is not None:
        return message, f"write {share} for {said}, a fraction of the target"
    if (found := _BEFORE_THE_DEADLINE.fullmatch(said) or _PRIOR.fullmatch(said)) is not None:
        return _if_read(message, found[1])
    for pattern in _BEFORE_IN_CHINESE:
        if (found := pattern.fullmatch(said)) is not None:
            return _if_read(message, found[1])
    return None


def _if_read(message: str, time: str) -> tuple[str, str]:
    """``message`` and the warning to write, or what the warning ``time`` before the
    deadline would be told (提前两小时: '2小时 before'; 提前一天: a warning is in hours)."""
    try:
        warning_point(f"{time} before")
    except NotAWarning as slip:
        return message, slip.hint
    return message, f"write '{time} before'"


def _share(said: str) -> str | None:
    """The fraction a share in tenths (八成) or a ratio (4/5) writes, if below 1."""
    if (tenths := _TENTHS.fullmatch(said)) is not None:
        hundredths = "5" if tenths[3] else _DIGIT.get(tenths[2] or "", "")
        return f"0.{_DIGIT[tenths[1]]}{hundredths}"
    ratio = _RATIO.fullmatch(said)
    if ratio is None or not 0 < int(ratio[1]) < int(ratio[2]):
        return None
    return f"{Decimal(int(ratio[1])) / Decimal(int(ratio[2])):.4g}"


def _quoted_fraction(said: str) -> bool:
    try:
        return 0 < Decimal(said) < 1
    except InvalidOperation:
        return False
