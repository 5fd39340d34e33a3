"""A record re-sent under its key: a corrected field is a dead letter naming the field, a
field mapped only since is not, and the same record again adds nothing, on each backend."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedded_backends
from complaintkit.channels import take_in
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.storage.base import Storage

FULL: dict[str, Any] = {
    "channel": "bus",
    "external_id": "k1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "C1", "name": "王芳", "contact": "wf@example.com", "tier": "gold"},
    "subject": "退款",
    "text": "退款还没到账",
    "product": "p-9",
    "order_id": "SO-100",
    "amount": {"amount": "120.00", "currency": "CNY"},
    "language": "zh",
    "attributes": {"store": "北京"},
}

#: Each compared field, as its name in the reason, and a record with it changed.
CHANGED: dict[str, dict[str, Any]] = {
    "customer.name": {**FULL, "customer": {**FULL["customer"], "name": "王丽"}},
    "customer.contact": {**FULL, "customer": {**FULL["customer"], "contact": "w@example.org"}},
    "customer.tier": {**FULL, "customer": {**FULL["customer"], "tier": "silver"}},
    "subject": {**FULL, "subject": "退货"},
    "text": {**FULL, "text": "退款到账了一半"},
    "product": {**FULL, "product": "p-8"},
    "order_id": {**FULL, "order_id": "SO-101"},
    "amount": {**FULL, "amount": {"amount": "210.00", "currency": "CNY"}},
    "language": {**FULL, "language": "en"},
    "attributes.store": {**FULL, "attributes": {"store": "上海"}},
}


storage = embedded_backends.storage


def differing(reason: str) -> list[str]:
    """The fields a "reused with different content" reason names."""
    found = re.search(r"reused with different content \((.+?) differs? from ", reason)
    assert found is not None, reason
    return found[1].split(", ")


def record(data: dict[str, Any]) -> Complaint:
    return Complaint.from_json(data)


def test_a_corrected_amount_is_a_dead_letter_naming_the_field_and_the_key(
    storage: Storage,
) -> None:
    desk = Desk(storage=storage)
    take_in(desk, "bus", [record(FULL)])
    summary = take_in(desk, "bus", [record(CHANGED["amount"])])
    assert (summary.opened, summary.already_known) == (0, 0)
    [(_, reason)] = summary.rejected
    assert differing(reason) == ["amount"]
    assert "'k1' on channel 'bus'" in reason
    [letter] = desk.storage.dead_letters()
    assert b"210.00" in letter.raw
    case = desk.storage.find_by_key("bus", "k1")
    assert case is not None
    assert case.complaint == record(FULL)  # the stored case unchanged


def test_a_field_mapped_only_since_is_not_a_conflict(storage: Storage) -> None:
    desk = Desk(storage=storage)
    bare = {k: v for k, v in FULL.items() if k not in ("order_id", "amount", "subject")}
    bare["customer"] = {"id": "C1"}
    take_in(desk, "bus", [record(bare)])
    summary = take_in(desk, "bus", [record(FULL)])
    assert (summary.opened, summary.already_known, summary.rejected) == (0, 1, [])
    assert desk.storage.dead_letters() == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CHANGED)), st.booleans())
def test_the_same_input_twice_adds_nothing_and_one_changed_field_is_one_dead_letter(
    field: str, same_run: bool
) -> None:
    desk = Desk(storage="memory:")
    first = take_in(desk, "bus", [record(FULL)])
    again = take_in(desk, "bus", [record(FULL)])
    assert (first.opened, again.opened, again.already_known) == (1, 0, 1)
    assert desk.storage.dead_letters() == []
    if same_run:  # the correction within one run, after the record it corrects
        summary = take_in(Desk(storage="memory:"), "bus", [record(FULL), record(CHANGED[field])])
        assert (summary.opened, summary.already_known) == (1, 0)
    else:
        summary = take_in(desk, "bus", [record(CHANGED[field])])
        assert (summary.opened, summary.already_known) == (0, 0)
        assert len(desk.storage.dead_letters()) == 1
    [(_, reason)] = summary.rejected
    assert differing(reason) == [field]


def test_the_reason_shown_in_the_docs_is_the_one_given() -> None:
    page = (Path(__file__).parents[2] / "docs" / "intake.md").read_text("utf-8")
    shown = re.search(r"```text\n(external_id: 'A-17'.*?)```", page, flags=re.S)
    assert shown is not None
    desk = Desk(storage="memory:")
    first = {**FULL, "channel": "orders", "external_id": "A-17"}
    corrected = {**first, "amount": {"amount": "12.00", "currency": "CNY"}, "order_id": "SO-7"}
    take_in(desk, "orders", [record(first)])
    [(_, reason)] = take_in(desk, "orders", [record(corrected)]).rejected
    assert reason == " ".join(shown[1].split())
