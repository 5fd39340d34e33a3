"""A classification or routing row comparing a fact with a number, where the complaint gives
the fact with its unit (``days_late: "3天"``, ``"3 days"``, ``"３天"``), did not match: the
complaint was filed as if the parcel were on time, without a word. Compensation already
refused such a fact naming the row and the number to write; intake now refuses the
complaint the same way (a dead letter on a channel), and numbers still compare as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
NOW = datetime(2026, 3, 2, 1, tzinfo=UTC)


def _policy(tmp_path: Path, when: str, table: str = "classification") -> Any:
    path = tmp_path / "p.yaml"
    then = "{category: delivery, severity: major, priority: high}"
    if table == "routing":
        then = "{team: logistics}"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n{table}:\n  rules:\n    - id: late\n"
        f"      when: {when}\n      then: {then}\n"
        + (
            "  default: {category: other, severity: minor, priority: normal}\n"
            if table == "classification"
            else "  default: {team: desk}\n"
        ),
        "utf-8",
    )
    return load_policy(path)


def _intake(policy: Any, **attributes: object) -> Any:
    desk = Desk(policy, storage="memory:", clock=ManualClock(NOW))
    return desk.intake(
        {
            "channel": "email",
            "external_id": "m-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1", "name": "王女士"},
            "text": "快递晚到了",
            "attributes": attributes,
        }
    )


@pytest.mark.parametrize(
    ("when", "given_as", "bare"),
    [
        ("{field: days_late, '>=': 3}", "3天", "3"),
        ("{field: days_late, '>=': 3}", "3 days", "3"),
        ("{field: days_late, '>=': 3}", "\uff13\u5929", "3"),
        ("{field: days_late, between: [3, 9]}", "5天", "5"),
        ("{field: days_late, '==': 3}", "3天", "3"),
        ("{field: days_late, '!=': 0}", "3天", "3"),
        ("{field: days_late, in: [3, 4]}", "3天", "3"),
        ("{field: loss, '>': 100}", "100元", "100"),
        ("{not: {field: days_late, '<': 3}}", "3天", "3"),
    ],
)
def test_a_classification_row_refuses_a_number_with_its_unit(
    tmp_path: Path, when: str, given_as: str, bare: str
) -> None:
    policy = _policy(tmp_path, when)
    name = "loss" if "loss" in when else "days_late"
    with pytest.raises(InvalidInput) as refused:
        _intake(policy, **{name: given_as})
    assert refused.value.field == f"attributes.{name}"
    assert "row late" in refused.value.message
    assert f"write {name}: {bare}, the number alone" in refused.value.message


def test_a_routing_row_refuses_a_number_with_its_unit(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "{field: days_late, '>=': 3}", table="routing")
    with pytest.raises(InvalidInput) as refused:
        _intake(policy, days_late="3天")
    assert "write days_late: 3, the number alone" in refused.value.message


def test_text_that_is_no_number_at_all_is_told_to_write_one(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "{field: days_late, '>=': 3}")
    with pytest.raises(InvalidInput) as refused:
        _intake(policy, days_late="很久")
    assert "write it as a bare number" in refused.value.message


def test_a_word_the_row_lists_is_no_unread_number(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "{field: days_late, in: [3, unknown]}")
    assert _intake(policy, days_late="unknown").category == "delivery"


def test_numbers_and_text_spelling_them_compare_as_before(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "{field: days_late, '>=': 3}")

    @given(days=st.integers(-5, 20), as_text=st.booleans())
    def compares(days: int, as_text: bool) -> None:
        case = _intake(policy, days_late=str(days) if as_text else days)
        assert case.category == ("delivery" if days >= 3 else "other")

    compares()


@pytest.mark.parametrize(
    ("when", "given_as", "category"),
    [
        ("{field: days_late, '==': 3}", "unknown", "other"),
        ("{field: days_late, '!=': 3}", "unknown", "delivery"),
        ("{field: days_late, in: [3, 4]}", "很久", "other"),
    ],
)
def test_a_word_is_unequal_to_every_number(
    tmp_path: Path, when: str, given_as: str, category: str
) -> None:
    """Equality has an answer for a word (it is no 3): only a number with a unit, whose
    number might be meant, is refused; an ordering on a word is (above)."""
    policy = _policy(tmp_path, when)
    assert _intake(policy, days_late=given_as).category == category


def test_a_field_of_the_complaint_is_text_to_compare_not_a_fact_to_refuse(
    tmp_path: Path,
) -> None:
    """An order id like ``12345-A`` compared with a number is no fact given with a unit:
    the complaint's own text fields are text, and the row is simply false."""
    policy = _policy(tmp_path, "{field: complaint.order_id, '==': 12345}")
    desk = Desk(policy, storage="memory:", clock=ManualClock(NOW))
    for n, order_id in enumerate(["12345-A", "12345 件", "A-12345"]):
        case = desk.intake(
            {
                "channel": "email",
                "external_id": f"m-{n}",
                "received_at": NOW.isoformat(),
                "customer": {"id": "c-1"},
                "text": "快递晚到了",
                "order_id": order_id,
            }
        )
        assert case.category == "other", order_id


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_a_fact_left_blank_is_missing_not_refused(tmp_path: Path, blank: str) -> None:
    """A form's empty field is no number with a unit: the row is false, as for a missing one."""
    policy = _policy(tmp_path, "{field: days_late, '>=': 3}")
    assert _intake(policy, days_late=blank).category == "other"
