"""A target's ``from:`` field and the field a calendar is chosen by are field paths, read
from the same record conditions read: one naming no field of it (``complaint.date_sent``
for ``complaint.attributes.date_sent``, ``complaint.atributes.region``) is an error naming
the field meant, not a clock silently counted from receipt on the default calendar. A
``from:`` field of the record that never holds a date (``complaint.amount``) is one too."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import PolicyError
from complaintkit.sla.policy import compile_sections


def _problems(target: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    document = {"sla": {"warnings": [], "targets": [{"resolution": target}]}}
    with pytest.raises(PolicyError) as caught:
        compile_sections(document)
    return [(p.location.path, p.code, p.message, p.hint) for p in caught.value.problems]


def test_a_from_field_the_complaint_lacks_names_the_field_meant() -> None:
    [(path, code, message, hint)] = _problems(
        {"within": "15 days", "from": "complaint.recieved_at"}
    )
    assert (path, code) == ("sla.targets[0].resolution.from", "unknown-field")
    assert "complaint.recieved_at" in message
    assert "complaint.received_at" in hint


def test_a_from_field_outside_attributes_is_an_error() -> None:
    [(path, code, message, _)] = _problems(
        {"within": "15 days", "from": "complaint.date_sent_to_company"}
    )
    assert (path, code) == ("sla.targets[0].resolution.from", "unknown-field")
    assert "complaint.date_sent_to_company" in message


@pytest.mark.parametrize("field", ["complaint.amount", "case.priority", "customer.name"])
def test_a_from_field_that_never_holds_a_date_is_an_error(field: str) -> None:
    [(path, code, message, hint)] = _problems({"within": "15 days", "from": field})
    assert (path, code) == ("sla.targets[0].resolution.from", "sla")
    assert field in message
    assert "never holds a date" in message
    assert "complaint.attributes." in hint


def test_a_calendar_chosen_by_a_misspelt_field_names_the_field_meant() -> None:
    choice = {"field": "complaint.atributes.region", "map": {"x": "24x7"}, "default": "24x7"}
    [(path, code, message, hint)] = _problems({"within": "15 days", "calendar": choice})
    assert (path, code) == ("sla.targets[0].resolution.calendar.field", "unknown-field")
    assert "complaint.atributes.region" in message
    assert "complaint.attributes" in hint


@pytest.mark.parametrize(
    "field", ["complaint.attributes.date_sent_to_company", "complaint.received_at", "sent_on"]
)
def test_fields_that_may_hold_a_date_compile(field: str) -> None:
    document = {"sla": {"targets": [{"resolution": {"within": "15 days", "from": field}}]}}
    policy = compile_sections(document)
    assert policy is not None
    assert policy.targets[0].targets["resolution"].rules.start_field == field
