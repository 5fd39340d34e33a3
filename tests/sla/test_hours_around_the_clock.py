"""Hours written as a word rather than a mapping: only ``24x7`` is read, and every other
word (``24/7``, ``24X7``, ``always``) is refused naming it."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.hours import WeeklyHours


@pytest.mark.parametrize("written", ["24/7", "24X7", " 24x7", "always", "全天"])
def test_hours_written_as_another_word_are_refused_naming_24x7(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        WeeklyHours.parse(written)
    assert raised.value.field == "hours"
    assert "'24x7'" in raised.value.message


def test_24x7_is_read_as_around_the_clock() -> None:
    assert WeeklyHours.parse("24x7") == WeeklyHours.always()
