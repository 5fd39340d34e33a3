"""What to write for opening hours a Chinese SOP writes its own way: days named in Chinese
(周一至周五, 星期六、星期日) and intervals typed in the input method's full-width mode
(full-width colons and tildes) or joined by 至.

Opening hours are read in one spelling (``mon-fri: ["09:00-18:00"]``), the one reports and
the schema use. Rather than read a second grammar, the refusal of another names what to
write, worked out here, so the author fixes it in one go.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

from complaintkit.policy.script_digits import as_ascii_digits

_ENGLISH: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A day: 周, 週, 星期, 礼拜 or 禮拜, then 一 to 六, or 日/天 for Sunday.
_DAY: Final = r"(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])"
_NUMBER: Final = {char: index for index, char in enumerate("一二三四五六日")} | {"天": 6}
#: Two days joined by 至, 到, a tilde or a dash (ASCII, full-width, em or en).
_RANGE: Final = re.compile(rf"{_DAY}\s*(?:[至到~\uff5e\-\uff0d\u2014\u2013]\s*{_DAY})?")
_LIST: Final = re.compile(r"[、\uff0c,]")  # 、 or a comma, full-width or not
#: Words for a set of days, as the keys that mean them.
_WORDS: Final = {"工作日": "mon-fri", "周末": "sat,sun", "週末": "sat,sun", "每天": "daily",
                 "每日": "daily"}  # fmt: skip


def weekdays_advice(text: str) -> str | None:
    """``write '…'`` with the key that names the days ``text`` names, or None."""
    written = text.strip()
    if written in _WORDS:
        return f"write {_WORDS[written]!r}"
    parts = []
    for part in _LIST.split(written):
        match = _RANGE.fullmatch(part.strip())  # the spaces beside a comma are no day
        if match is None:
            return None
        first, last = (_ENGLISH[_NUMBER[day]] for day in match.groups(match[1]))
        parts.append(first if first == last else f"{first}-{last}")
    return f"write {','.join(parts)!r}"


#: What joins an interval's two times besides the ASCII hyphen (NFKC makes a full-width
#: tilde ~).
_JOINS: Final = re.compile(r"至|到|~|\u2014|\u2013|\u2212")


def interval_advice(text: str, reads: Callable[[str], bool]) -> str | None:
    """``write '…'`` with ``text`` as the interval ``reads`` takes, full-width colons,
    digits and dashes made ASCII and 至, 到 or a tilde made a hyphen; None if that is no
    interval."""
    meant = _hyphenated(as_ascii_digits(unicodedata.normalize("NFKC", text))).strip()
    meant = re.sub(r"\b([0-9]):", r"0\1:", meant)  # 9:00 is read; 09:00 is how it is written
    if meant == text or not reads(meant):
        return None
    return f"write {meant!r}"


def _hyphenated(text: str) -> str:
    """``text`` with each word joining two times (``_JOINS``) a hyphen, the spaces beside
    it dropped: split at the words, not matched with the spaces around them, which tried
    every position of a long run of spaces, each scanning the rest of it."""
    pieces = _JOINS.split(text)
    if len(pieces) == 1:
        return text
    inner = [piece.strip() for piece in pieces[1:-1]]
    return "-".join([pieces[0].rstrip(), *inner, pieces[-1].lstrip()])
