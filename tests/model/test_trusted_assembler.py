"""``trusted.assembler`` builds objects its class's own ``__init__`` would build, frozen
classes staying frozen though their fields are set as plain attributes."""

from __future__ import annotations

import copy
import pickle
import weakref
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.model.complaint import Customer
from complaintkit.model.lifecycle import Status
from complaintkit.model.trusted import assembler
from complaintkit.testing.storage_contract import make_complaint
from complaintkit.testing.strategies import customers

AT = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)


@given(customers())
def test_an_assembled_object_is_the_one_init_builds(customer: Customer) -> None:
    made = assembler(Customer)(*attrs.astuple(customer, recurse=False))
    assert type(made) is Customer
    assert made == customer
    assert hash(made) == hash(customer)
    assert repr(made) == repr(customer)


def test_an_assembled_frozen_object_stays_frozen() -> None:
    made = assembler(Customer)("C1", "王女士", None, None, None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.id = "C2"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del made.name
    assert (made.id, made.name) == ("C1", "王女士")


def test_an_assembled_object_copies_pickles_and_is_weakly_referenced() -> None:
    made = assembler(Customer)("C1", None, "a@example.com", None, None)
    assert copy.copy(made) == made
    assert pickle.loads(pickle.dumps(made)) == made
    assert weakref.ref(made)() is made
    assert attrs.evolve(made, tier="gold") == Customer("C1", contact="a@example.com", tier="gold")


def test_an_assembled_clock_state_moves_as_one_init_builds() -> None:
    build = assembler(ClockState)
    values = [getattr(_clock(), field.name) for field in attrs.fields(ClockState)]
    first, second = build(*values), build(*values)
    assert first == second == _clock()
    assert first is not second
    assert type(first) is type(second) is ClockState
    assert first.but(state="paused").state == "paused"
    assert first.state == "running"


def test_an_assembled_object_of_a_class_not_frozen_takes_changes() -> None:
    case = assembler(Case)(*(getattr(_case(), field.name) for field in attrs.fields(Case)))
    assert type(case) is Case
    assert case == _case()
    case.owner = "li.na"
    del case.owner
    with pytest.raises(AttributeError):
        _ = case.owner


def _clock() -> ClockState:
    return ClockState("running", "24h", None, False, timedelta(hours=24), AT, AT)


def _case() -> Case:
    return Case("CK-1", Status("received"), (make_complaint("T1"),), AT, AT, "token", owner="wu")
