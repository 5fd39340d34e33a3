"""A cap's refusal writes its money as every other amount is shown, in the currency's
minor units: with nothing given yet it said ``already 0 CNY`` (and ``already accepted 0
CNY``) beside ``at most 200.00 CNY``, the bare sum of no entries."""

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
class _Capped(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(storage: MemoryStorage, currency: str, limit: int) -> Desk:
    section = {
        "currency": currency,
        "rules": [{"id": "goodwill", "remedies": [{"kind": "voucher", "amount": 300}]}],
        "caps": [{"limit": limit, "days": 90}],
    }
    return Desk(
        _Capped(compensation=compile_section(section)), storage=storage, clock=ManualClock(NOW)
    )


def _case(desk: Desk, customer: str) -> str:
    complaint: dict[str, Any] = {
        "channel": "web",
        "external_id": f"late-{customer}",
        "received_at": NOW.isoformat(),
        "customer": {"id": customer},
        "text": "the parcel came late",
    }
    case_id = desk.intake(complaint).id
    desk.propose_compensation(case_id, actor="li.na")
    return case_id


@pytest.mark.parametrize(
    ("currency", "nothing"), [("CNY", "0.00 CNY"), ("JPY", "0 JPY"), ("KWD", "0.000 KWD")]
)
def test_an_offer_over_a_cap_lowered_since_names_nothing_given_in_minor_units(
    currency: str, nothing: str
) -> None:
    storage = MemoryStorage()
    case_id = _case(_desk(storage, currency, 500), "c-1")
    with pytest.raises(InvalidInput) as refused:
        _desk(storage, currency, 200).offer_compensation(case_id, "comp-1", actor="li.na")
    assert f"already {nothing})" in refused.value.message
    assert f"300{nothing[1:]}, over the cap" in refused.value.message


@pytest.mark.parametrize(("currency", "nothing"), [("CNY", "0.00 CNY"), ("JPY", "0 JPY")])
def test_an_acceptance_over_a_cap_lowered_since_names_nothing_accepted_in_minor_units(
    currency: str, nothing: str
) -> None:
    storage = MemoryStorage()
    before = _desk(storage, currency, 500)
    case_id = _case(before, "c-1")
    before.offer_compensation(case_id, "comp-1", actor="li.na")
    with pytest.raises(InvalidInput) as refused:
        _desk(storage, currency, 200).accept_compensation(case_id, "comp-1", actor="c-1")
    assert f"already accepted {nothing})" in refused.value.message
    assert f"300{nothing[1:]}, over the cap" in refused.value.message
