"""The English status page names days and months in English whatever the server's locale:
``strftime``'s ``%a`` and ``%b`` follow ``LC_TIME``, so a server started under ``de_DE`` or
``zh_CN`` wrote "Do 3 Dez" or "四 3 12月" on the page served in English."""

from __future__ import annotations

import locale
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.wording import plain_time
from foreign_locale import foreign_time_locale

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 4, tzinfo=UTC)  # Tuesday 1 December, noon in Shanghai


def test_a_weekday_and_month_are_english_under_a_foreign_locale(tmp_path: Path) -> None:
    thursday = datetime(2026, 12, 3, 1, tzinfo=UTC)
    new_year = datetime(2027, 1, 7, 1, tzinfo=UTC)
    with foreign_time_locale(tmp_path):
        shown = plain_time(thursday, SHANGHAI, NOW, "en")
        next_year = plain_time(new_year, SHANGHAI, NOW, "en")
    assert shown == "Thu 3 Dec at 09:00 (UTC+8)"
    assert next_year == "Thu 7 Jan 2027 at 09:00 (UTC+8)"


@given(days=st.integers(min_value=2, max_value=800))
def test_every_day_reads_the_same_as_in_the_c_locale(days: int) -> None:
    """The English names are the C locale's (the tests run in it), each day of the week
    and month of the year."""
    at = NOW + timedelta(days=days)
    local = at.astimezone(SHANGHAI)
    assert locale.setlocale(locale.LC_TIME) in ("C", "POSIX")
    words = plain_time(at, SHANGHAI, NOW, "en").split()
    assert (words[0], words[2]) == (local.strftime("%a"), local.strftime("%b"))
