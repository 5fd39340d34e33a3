"""A membership test listing numbers and flags (``in: [3, true]``: late by 3 days, or
simply late) read a fact given with its unit (``days_late: "3天"``) as no member, and
filed the parcel as on time without a word, where ``in: [3, 4]`` and ``== 3`` refuse it
naming the number to write; it is now refused the same way, in the table and in a
refusing condition (an SLA target row's), while numbers, flags and flag text still
compare as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_unread_numbers_in_classification import _intake, _policy

from complaintkit.errors import InvalidInput
from complaintkit.policy.conditions import refusing_condition
from complaintkit.policy.facts import Facts

MIXED = "{field: days_late, in: [3, true]}"


@pytest.mark.parametrize("given_as", ["3天", "3 days", "\uff13"])
def test_a_number_with_its_unit_is_refused_beside_flags(tmp_path: Path, given_as: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _intake(_policy(tmp_path, MIXED), days_late=given_as)
    assert refused.value.field == "attributes.days_late"
    assert "write days_late: 3" in refused.value.message
    assert "row late" in refused.value.message


@pytest.mark.parametrize(
    ("given_as", "category"),
    [
        (3, "delivery"),
        ("3", "delivery"),
        (True, "delivery"),
        ("true", "delivery"),
        (" TRUE ", "delivery"),
        (4, "other"),
        ("false", "other"),
        (False, "other"),
        ("unknown", "other"),
    ],
)
def test_numbers_flags_and_words_compare_as_before(
    tmp_path: Path, given_as: object, category: str
) -> None:
    assert _intake(_policy(tmp_path, MIXED), days_late=given_as).category == category


def test_a_refusing_condition_refuses_it_beside_flags() -> None:
    condition = refusing_condition({"field": "days_late", "in": [3, True]}, "sla.targets[0]")
    assert condition(Facts({"days_late": "true"}))
    with pytest.raises(InvalidInput) as refused:
        condition(Facts({"days_late": "3天"}))
    assert "write days_late: 3" in refused.value.message
