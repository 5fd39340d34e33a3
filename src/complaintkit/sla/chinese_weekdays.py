"""What to write for working days a Chinese SOP names in Chinese (周一至周五, 星期六、星期日).

Opening-hours keys are read in one spelling (``mon-fri``, ``sat,sun``), the one reports and
the schema use. Rather than read a second grammar, the refusal of a Chinese one names the
key to write, worked out here, so the author fixes it in one go.
"""

from __future__ import annotations

import re
from typing import Final

_ENGLISH: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A day: 周, 週, 星期, 礼拜 or 禮拜, then 一 to 六, or 日/天 for Sunday.
_DAY: Final = r"(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])"
_NUMBER: Final = {char: index for index, char in enumerate("一二三四五六日")} | {"天": 6}
#: Two days joined by 至, 到, a tilde or a dash (ASCII, full-width, em or en).
_RANGE: Final = re.compile(rf"{_DAY}\s*(?:[至到~\uff5e\-\uff0d\u2014\u2013]\s*{_DAY})?")
_LIST: Final = re.compile(r"\s*[、\uff0c,]\s*")  # 、 or a comma, full-width or not
#: Words for a set of days, as the keys that mean them.
_WORDS: Final = {"工作日": "mon-fri", "周末": "sat,sun", "週末": "sat,sun", "每天": "daily",
                 "每日": "daily"}  # fmt: skip


def advice(text: str) -> str | None:
    """``write '…'`` with the key that names the days ``text`` names, or None."""
    written = text.strip()
    if written in _WORDS:
        return f"write {_WORDS[written]!r}"
    parts = []
    for part in _LIST.split(written):
        match = _RANGE.fullmatch(part)
        if match is None:
            return None
        first, last = (_ENGLISH[_NUMBER[day]] for day in match.groups(match[1]))
        parts.append(first if first == last else f"{first}-{last}")
    return f"write {','.join(parts)!r}"
