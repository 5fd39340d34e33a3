"""Calendar dates written year first, as a State Council notice, a spreadsheet or an export
writes them: ``2026年10月1日``, ``2026/10/1``, ``2026.10.01``, ``2026-10-1``, padded with
spaces or typed in full-width mode. Each reads as one date only; a day-month form
(``10/01/2026``) reads two ways and is none of these."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Final

from complaintkit.sla.wall_times import at_time, split_time

CHINESE: Final = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]$")
#: ``-`` too: an ISO date typed in full-width mode, or with one-digit parts (2026-10-1).
YEAR_FIRST: Final = re.compile(r"^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$")


def year_first_date(text: str) -> date | None:
    """The date ``text`` writes year first, or None when it writes none (or no real day)."""
    written = unicodedata.normalize("NFKC", text).strip()
    if (match := CHINESE.match(written)) is not None:
        year, month, day = match.groups()
    elif (match := YEAR_FIRST.match(written)) is not None:
        year, month, day = match[1], match[3], match[4]
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def year_first_moment(text: str) -> date | datetime | None:
    """The date ``text`` writes year first, at the wall time written after it if one is
    (``2019/9/20 14:30``); None when it writes none."""
    parts = split_time(text)
    day = None if parts is None else year_first_date(parts[0])
    return None if parts is None or day is None else at_time(day, parts[1])
