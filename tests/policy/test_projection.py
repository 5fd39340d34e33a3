"""The record's projection: every field a table reads is what the full record holds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy, record
from complaintkit.policy.facts import MISSING, Facts
from complaintkit.policy.projection import COMPLAINT_FACTS, Projection
from complaintkit.policy.tables import compile_table
from complaintkit.testing.storage_contract import make_complaint

_CUSTOMER_PATHS = [f"customer.{n}" for n in ("id", "name", "contact", "tier", "region")]
PATHS = [
    *(f"complaint.{name}" for name in COMPLAINT_FACTS),
    "complaint.attributes.label",
    "complaint.attributes.loss",
    *_CUSTOMER_PATHS,
    "label",
    "loss",
    "nothing",
]

_MAYBE_TEXT = st.one_of(st.none(), st.sampled_from(["x", "变质", "gold"]))


@st.composite
def complaints(draw: st.DrawFn) -> Complaint:
    customer = {"id": "C1"}
    for name in ("name", "contact", "tier", "region"):
        if (value := draw(_MAYBE_TEXT)) is not None:
            customer[name] = value
    data: dict[str, Any] = {
        "channel": "web",
        "external_id": "T-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": customer,
        "subject": draw(st.sampled_from(["", "late"])),
        "text": "牛奶变质",
    }
    for name in ("product", "order_id", "language"):
        if (value := draw(_MAYBE_TEXT)) is not None:
            data[name] = value
    if draw(st.booleans()):
        data["amount"] = {"amount": "12.50", "currency": "CNY"}
    attributes = draw(
        st.dictionaries(
            st.sampled_from(["label", "loss", "case"]),
            st.one_of(
                st.integers(0, 3),
                st.just("text"),
                st.just([1, 2]),
                st.just({"amount": "3.10", "currency": "CNY"}),
            ),
        )
    )
    if attributes:
        data["attributes"] = attributes
    return Complaint.from_json(data)


@given(complaints(), st.lists(st.sampled_from(PATHS), max_size=4))
def test_a_projected_field_reads_as_in_the_full_record(
    complaint: Complaint, paths: list[str]
) -> None:
    full = Facts(record(complaint))
    projected = Facts(Projection.reading(paths).record(complaint))
    for path in paths:
        value = projected.lookup(path)
        assert value is MISSING if full.lookup(path) is MISSING else value == full.lookup(path)


def test_only_the_fields_read_are_written() -> None:
    policy = load_policy(demo_policy_path())
    projection = policy.assessor.projection
    assert [name for name, _ in projection.complaint] == ["channel", "subject", "text"]
    assert projection.customer == ("tier",)
    assert not projection.supplied


def test_a_table_knows_the_fields_it_reads() -> None:
    table = compile_table(
        {
            "rules": [
                {"when": {"keywords": ["late"]}, "then": {}},
                {"when": {"field": "customer.tier", "==": "gold"}, "then": {}},
                {"when": {"history": "open_cases", ">": 1}, "then": {}},
            ]
        },
        "t",
    )
    assert table.reads == {"complaint.subject", "complaint.text", "customer.tier"}


@pytest.mark.parametrize("paths", [[], ["loss"]])
def test_an_attribute_written_as_money_but_not_money_is_refused_whatever_is_read(
    paths: list[str],
) -> None:
    complaint = make_complaint("T-1", attributes={"loss": {"amount": "lots", "currency": "CNY"}})
    with pytest.raises(InvalidInput) as full:
        record(complaint)
    with pytest.raises(InvalidInput) as projected:
        Projection.reading(paths).record(complaint)
    assert projected.value.field == full.value.field
