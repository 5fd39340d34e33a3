"""A factor fact typed in full-width digits (``days: "\uff14"``) was told ``write it as a bare
number``, though it is one: the refusal now gives the ASCII number to write."""

from __future__ import annotations

import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput


def test_a_full_width_factor_is_told_the_ascii_number_to_write() -> None:
    section = compile_section(
        {
            "currency": "CNY",
            "rules": [
                {
                    "id": "late",
                    "remedies": [
                        {"kind": "voucher", "amount": {"multiple": {"fact": "days"}, "of": 10}}
                    ],
                }
            ],
        }
    )
    with pytest.raises(InvalidInput) as refused:
        section.decide(make_case(), {"days": "\uff14"}, now=NOW)
    assert refused.value.field == "facts.days"
    assert "write days: 4, in ASCII digits" in refused.value.message
