"""Routing that reads the outcome alone (``case.*``) is decided once per outcome; routing
reading anything of the complaint, its customer's history or a plugin's test is not."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.policy.outcome_reads import reads_outcome_only
from complaintkit.policy.tables import compile_table


def table(when: dict[str, Any]) -> Any:
    rows = [{"id": "r", "when": when, "then": {"team": "quality"}}]
    return compile_table({"rules": rows, "default": {"team": "desk"}}, "routing")


@pytest.mark.parametrize(
    "when",
    [
        {"field": "case.category", "==": "product"},
        {"field": "case.tags", "contains": "food_safety"},
        {"not": {"any": [{"field": "case.severity", "in": ["major"]}]}},
        {
            "all": [
                {"field": "case.priority", "exists": True},
                {"field": "case.category", "!=": "x"},
            ]
        },
    ],
)
def test_a_table_testing_the_outcome_alone_reads_it_only(when: dict[str, Any]) -> None:
    assert reads_outcome_only(table(when))


@pytest.mark.parametrize(
    "when",
    [
        {"field": "complaint.channel", "==": "web"},
        {"any": [{"field": "case.category", "==": "product"}, {"keywords": ["退款"]}]},
        {"history": {"complaints_in_last_days": 30}, ">=": 1},
        {"all": [{"field": "case.category", "==": "x"}, {"field": "customer.tier", "==": "vip"}]},
    ],
)
def test_a_table_reading_the_complaint_or_its_history_reads_more(when: dict[str, Any]) -> None:
    assert not reads_outcome_only(table(when))


def test_a_row_with_no_condition_reads_nothing() -> None:
    rows = [{"id": "all", "then": {"team": "desk"}}]
    assert reads_outcome_only(compile_table({"rules": rows, "default": {}}, "routing"))
