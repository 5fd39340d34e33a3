"""A refusal to offer a proposal short writes its money as every other amount is shown,
in the currency's minor units: with the earlier offer declined it said ``only 0 CNY of it
still stands`` beside ``took off 50.00 CNY``, the bare sum of no entries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(storage: MemoryStorage, currency: str, remedy: dict[str, Any]) -> Desk:
    section = {"currency": currency, "rules": [{"id": "goodwill", "remedies": [remedy]}]}
    policy = _Paying(compensation=compile_section(section))
    return Desk(policy, storage=storage, clock=ManualClock(NOW))


def _intake(desk: Desk, currency: str) -> str:
    complaint: dict[str, Any] = {
        "channel": "web",
        "external_id": "late-parcel",
        "received_at": NOW.isoformat(),
        "customer": {"id": "c-1"},
        "text": "the parcel came late",
        "amount": {"amount": "50", "currency": currency},
    }
    return desk.intake(complaint).id


def _refused(currency: str, remedy: dict[str, Any]) -> str:
    storage = MemoryStorage()
    first = _desk(storage, currency, remedy)
    case_id = _intake(first, currency)
    first.propose_compensation(case_id, actor="li.na")
    first.offer_compensation(case_id, "comp-1", actor="li.na")
    first.propose_compensation(case_id, actor="li.na")  # took off what comp-1 pays
    first.decline_compensation(case_id, "comp-1", actor="customer:c-1")
    with pytest.raises(InvalidInput, match="short") as refused:
        first.offer_compensation(case_id, "comp-2", actor="li.na")
    return refused.value.message


@pytest.mark.parametrize(("currency", "nothing"), [("CNY", "0.00 CNY"), ("JPY", "0 JPY")])
def test_a_row_paid_short_names_nothing_standing_in_minor_units(
    currency: str, nothing: str
) -> None:
    message = _refused(currency, {"kind": "cash", "amount": 50})
    assert f"took off 50{nothing[1:]} that" in message
    assert f"only {nothing} of it still stands" in message


@pytest.mark.parametrize(("currency", "nothing"), [("CNY", "0.00 CNY"), ("JPY", "0 JPY")])
def test_a_refund_held_short_names_nothing_standing_in_minor_units(
    currency: str, nothing: str
) -> None:
    message = _refused(currency, {"kind": "refund", "full": True})
    assert f"held to the 50{nothing[1:]} earlier" in message
    assert f"only {nothing} still is" in message
