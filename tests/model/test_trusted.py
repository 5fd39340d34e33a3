"""Stored cases are rebuilt from their JSON without validating it as input again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from complaintkit.audit.stored import read_case, stored_case
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.model import complaint as complaint_module
from complaintkit.model.case import Case, RootCause
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.trusted import assembler
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint
from complaintkit.testing.strategies import complaints, customers

POLICY = Path(__file__).parents[2] / "policies" / "retail"


def _stored_case() -> dict[str, Any]:
    """A case body as a store holds it: a complaint, a reply, a root cause, SLA clocks."""
    desk = Desk(load_policy(POLICY), storage="memory:")
    case = desk.intake(make_complaint("T1", amount={"amount": "12.50", "currency": "CNY"}))
    desk.respond(case.id, "已安排 / on it", actor="li.na")
    desk.transition(case.id, "investigating", actor="li.na")
    desk.record_root_cause(
        case.id,
        RootCause("partner", ("the courier lost it",), "incidental"),
        actor="li.na",
    )
    body: dict[str, Any] = json.loads(json.dumps(desk.get(case.id).to_json()))
    return body


@given(complaints())
def test_a_stored_complaint_reads_back_as_the_complaint_written(complaint: Complaint) -> None:
    assert Complaint.from_stored(json.loads(json.dumps(complaint.to_json()))) == complaint


@given(customers())
def test_a_stored_customer_reads_back_as_the_customer_written(customer: Customer) -> None:
    assert Customer.from_stored(customer.to_json()) == customer


def test_a_stored_case_reads_back_as_the_checked_read_gives_it() -> None:
    body = _stored_case()
    trusted, checked = Case.from_stored(body), Case.from_json(body)
    assert trusted == checked
    assert trusted.root_cause == RootCause("partner", ("the courier lost it",), "incidental")
    assert trusted.to_json() == checked.to_json() == body


def test_a_text_over_a_limit_lowered_since_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    body = _stored_case()
    monkeypatch.setattr(complaint_module, "MAX_TEXT_CHARS", 5)
    with pytest.raises(ValueError, match="limit is 5"):
        Complaint.from_json(body["complaints"][0])
    case = read_case(json.dumps(body))
    assert case.complaint.text == body["complaints"][0]["text"]


def test_values_input_validation_refuses_still_read() -> None:
    body = _stored_case()
    body["complaints"][0]["customer"]["contact"] = "a@example.com, b@example.com"
    body["complaints"][0]["received_at"] = "1850-01-01T00:00:00+00:00"
    body["root_cause"] = {"fishbone": "weather", "whys": [], "nature": "acts of god"}
    body["satisfaction"] = {"score": 9, "comment": "", "refused": False}
    case = read_case(body)
    assert case.customer_id == "C1"
    assert case.complaint.customer.contact == "a@example.com, b@example.com"
    assert case.complaint.received_at.year == 1850
    assert case.root_cause is not None
    assert (case.root_cause.fishbone, case.root_cause.whys) == ("weather", ())
    assert case.satisfaction is not None
    assert case.satisfaction.score == 9


def _without(name: str) -> Any:
    def damage(complaint: dict[str, Any]) -> None:
        del complaint[name]

    return damage


def _setting(name: str, value: object) -> Any:
    def damage(complaint: dict[str, Any]) -> None:
        complaint[name] = value

    return damage


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (_without("text"), "'text' is missing"),
        (_setting("text", 5), "text: must be a string"),
        (_setting("product", ["a"]), "product: must be a string or null"),
        (_setting("received_at", "yesterday"), "received_at: must be an ISO 8601"),
        (_setting("received_at", "2026-11-23T09:00:00"), "received_at: must be an ISO 8601"),
        (_setting("customer", "C1"), "customer: must be an object"),
        (_setting("customer", {"name": "王女士"}), "'id' is missing"),
        (_setting("customer", {"id": 7}), "customer.id: must be a string"),
        (_setting("amount", {"amount": "lots", "currency": "CNY"}), "amount"),
        (_setting("attributes", []), "attributes: must be an object"),
    ],
)
def test_a_complaint_too_broken_to_work_on_is_a_damaged_record(damage: Any, named: str) -> None:
    body = _stored_case()
    damage(body["complaints"][0])
    with pytest.raises(DamagedRecord) as damaged:
        read_case(json.dumps(body))
    assert f"case {body['id']} is damaged" in str(damaged.value)
    assert named in str(damaged.value)


@pytest.mark.parametrize(
    "body",
    [{"complaints": ["not a complaint"]}, {"complaints": 3}, {"root_cause": {"whys": []}}],
)
def test_a_case_too_broken_to_work_on_is_a_damaged_record(body: dict[str, Any]) -> None:
    stored = {**_stored_case(), **body}
    with pytest.raises(DamagedRecord, match=f"case {stored['id']} is damaged"):
        read_case(stored)


@pytest.mark.parametrize(
    ("root_cause", "named"),
    [
        ({"whys": "because", "improvements": []}, "root_cause.whys: must be a list of strings"),
        ({"whys": ["a", 2]}, "root_cause.whys: must be a list of strings"),
        ({"whys": [], "improvements": "more staff"}, "root_cause.improvements: must be a list"),
    ],
)
def test_a_root_cause_whose_lists_are_not_lists_is_a_damaged_record(
    root_cause: dict[str, Any], named: str
) -> None:
    """Not read as the characters of a string: ``tuple("because")`` is seven whys."""
    stored = _stored_case()
    stored["root_cause"] = {**stored["root_cause"], **root_cause}
    with pytest.raises(DamagedRecord) as damaged:
        read_case(stored)
    assert named in str(damaged.value)


def test_a_clock_too_long_for_a_duration_is_a_damaged_record() -> None:
    stored = _stored_case()
    clock = next(iter(stored["clocks"].values()))
    clock["budget_us"] = 10**30
    with pytest.raises(DamagedRecord, match=f"case {stored['id']} is damaged"):
        read_case(stored)
    with pytest.raises(ValueError, match="."):
        stored_case(stored)


def test_a_case_read_back_writes_its_complaints_back_as_stored() -> None:
    body = _stored_case()
    case = read_case(json.dumps(body))
    written = case.to_json()
    assert written["complaints"] == body["complaints"]
    assert case.copy().to_json()["complaints"] == body["complaints"]
    # a complaint added to it: every complaint is encoded again
    other = make_complaint("T2", text="还是没到 / still missing")
    case.complaints = (*case.complaints, other)
    assert case.to_json()["complaints"] == [*body["complaints"], other.to_json()]


def test_an_assembled_object_skips_every_check() -> None:
    build = assembler(Customer)
    blank = build(" ", None, "a@example.com; b@example.com", None, None)
    assert attrs.astuple(blank) == (" ", None, "a@example.com; b@example.com", None, None)
    with pytest.raises(ValueError, match="customer|id"):
        Customer(" ")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        blank.id = "C1"  # type: ignore[misc]
