"""T+N for an N no deadline reaches is not told a duration to write.

``T+99999`` was told "write '99999个工作日' … or '99999天'", both of which are then refused
as longer than 100 years (and T+30000's business days fall due some 115 years on). The
refusal now says T+N is further than the longest deadline; a T+N within reach is still
told both readings.
"""

from __future__ import annotations

import re

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import MAX_DAYS, parse_duration


def _said(written: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    return raised.value.message


@pytest.mark.parametrize(
    "written", ["T+99999", "T+40000", "T+30000", "t + 26090", "T+99999 business days"]
)
def test_a_t_plus_past_a_hundred_years_is_told_so(written: str) -> None:
    message = _said(written)
    assert "100 years" in message
    assert "write '" not in message


@pytest.mark.parametrize("written", ["T+26089", "T+5", "T+365", "T+20000 business days"])
def test_what_a_t_plus_within_reach_is_told_to_write_is_read(written: str) -> None:
    advised = re.findall(r"'([^']+)'", _said(written).split(";", 1)[1])
    assert advised
    for duration in advised:
        parse_duration(duration)


def test_the_bound_is_a_hundred_years_of_five_day_weeks() -> None:
    assert "100 years" not in _said(f"T+{MAX_DAYS * 5 // 7}")
    assert "100 years" in _said(f"T+{MAX_DAYS * 5 // 7 + 1}")
