"""A holiday country typed with the input method in full-width mode (CN in
full-width letters) was told only that the holidays package does not know it; it is now told the code
it spells, as ``cn`` is."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar


def test_a_country_typed_full_width_is_told_the_code() -> None:
    data = {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-17:00"]},
        "holiday_country": "\uff23\uff2e",
    }
    with pytest.raises(InvalidInput) as raised:
        BusinessCalendar.from_mapping(data, "cal")
    assert "write CN" in str(raised.value)
