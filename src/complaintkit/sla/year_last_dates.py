"""Calendar dates written with the year last, as a European or Chinese form, a spreadsheet
or an export writes them: ``20/09/2019``, ``20.09.2019``, ``20-09-2019``, typed in
full-width mode too, and with a time after them (``20/09/2019 14:30``). Day first and month first both write so; a date only one of them
can mean (a part past 12, or both parts equal) is that date, and one both can mean
(``03/04/2019``) is two dates, for the reader to name rather than guess between."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final

from complaintkit.sla.wall_times import at_time, split_time

YEAR_LAST: Final = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")


def year_last_readings(text: str) -> list[date | datetime]:
    """The dates ``text`` can mean written year last, day first's reading first: none,
    one, or two when day first and month first each make a real, different day; each at
    the wall time written after it, if one is."""
    parts = split_time(text)
    if parts is None or (match := YEAR_LAST.match(parts[0])) is None:
        return []
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    readings: list[date] = []
    for month, day in ((second, first), (first, second)):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found not in readings:
            readings.append(found)
    return [at_time(day, parts[1]) for day in readings]
