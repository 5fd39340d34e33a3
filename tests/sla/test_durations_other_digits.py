"""Durations and opening hours written with digits other than ASCII's — full-width
(a 4 hours, P1D or 1.5h typed in full-width mode), Arabic-Indic, Devanagari, mathematical
bold — were read silently as the number they look like, since Python's ``\\d`` and
``int`` take every script's digits; each is refused naming the form to write."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.hours import Shift


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\uff14 小时", "4 小时"),
        ("\uff11.\uff15h", "1.5h"),
        ("P\uff11D", "P1D"),
        ("PT\uff11H", "PT1H"),
        ("\u0664h", "4h"),  # Arabic-Indic four
        ("\u06f4 hours", "4 hours"),  # Persian four
        ("1\u0665h", "15h"),  # an Arabic-Indic five after an ASCII one
        ("\u096a business days", "4 business days"),  # Devanagari four
        ("\U0001d7d2h", "4h"),  # mathematical bold four
        ("\uff13个工作日", "3个工作日"),
    ],
)
def test_a_duration_in_other_digits_is_refused_naming_the_form(written: str, meant: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {meant!r}" in raised.value.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\u0660\u0669:00-18:00", "09:00-18:00"),
        ("09:00-1\uff18:00", "09:00-18:00"),
    ],
)
def test_an_interval_in_other_digits_is_refused_naming_the_interval(
    written: str, meant: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        Shift.parse(written)
    assert f"write {meant!r}" in raised.value.message


@pytest.mark.parametrize("written", ["4 小时", "1.5h", "P1D", "3 business days", "4h 30m"])
def test_ascii_durations_are_still_read(written: str) -> None:
    assert parse_duration(written) is not None
