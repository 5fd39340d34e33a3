"""Calendar dates written with the year last, as a European or Chinese form, a spreadsheet
or an export writes them: ``20/09/2019``, ``20.09.2019``, ``20-09-2019``, typed in
full-width mode too. Day first and month first both write so; a date only one of them
can mean (a part past 12, or both parts equal) is that date, and one both can mean
(``03/04/2019``) is two dates, for the reader to name rather than guess between."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

YEAR_LAST: Final = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")


def year_last_readings(text: str) -> list[date]:
    """The dates ``text`` can mean written year last, day first's reading first: none,
    one, or two when day first and month first each make a real, different day."""
    written = unicodedata.normalize("NFKC", text).strip()
    if (match := YEAR_LAST.match(written)) is None:
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
    return readings
