"""A proposal offered under a newer policy than it was decided by: the policy in force when
the money is offered says which approvals it needs, as it says which caps it must fit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.sqlite import SQLiteStorage


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def section(above: int, role: str = "supervisor", currency: str = "CNY") -> dict[str, Any]:
    return {
        "currency": currency,
        "rules": [
            {
                "id": "goodwill",
                "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
            }
        ],
        "approvals": [{"above": above, "role": role}],
    }


def desk_under(above: int, url: str, role: str = "supervisor", currency: str = "CNY") -> Desk:
    policy = CompensatingPolicy(compensation=compile_section(section(above, role, currency)))
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(policy, storage=SQLiteStorage(url), clock=clock)


COMPLAINT = {
    "channel": "web",
    "external_id": "x-1",
    "received_at": "2026-11-23T09:00:00+00:00",
    "customer": {"id": "c-1"},
    "text": "broken on arrival",
}


def test_an_approval_a_newer_policy_requires_is_needed_before_the_offer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(1000, url)  # 800 needs no approval
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    now = desk_under(500, url)  # redeployed: above 500 needs a supervisor
    with pytest.raises(InvalidInput, match="supervisor"):
        now.offer_compensation(case.id, "comp-1", actor="li.na")
    now.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    offered = now.offer_compensation(case.id, "comp-1", actor="li.na")
    assert offered.compensation[0]["status"] == "offered"


def test_an_approval_the_proposal_needed_is_still_needed_under_a_laxer_policy(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(500, url)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    with pytest.raises(InvalidInput, match="supervisor"):
        desk_under(1000, url).offer_compensation(case.id, "comp-1", actor="li.na")


def test_a_proposal_approved_by_its_role_awaits_the_role_a_newer_policy_names(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(500, url)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    before.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    now = desk_under(500, url, role="regional")
    with pytest.raises(InvalidInput, match="regional"):
        now.offer_compensation(case.id, "comp-1", actor="li.na")
    now.approve_compensation(case.id, "comp-1", role="regional", actor="zhao")
    with pytest.raises(InvalidInput, match="already approved"):
        now.approve_compensation(case.id, "comp-1", role="regional", actor="zhao")
    offered = now.offer_compensation(case.id, "comp-1", actor="li.na")
    assert offered.compensation[0]["status"] == "offered"


def test_one_person_cannot_approve_a_proposal_as_two_roles(tmp_path: Path) -> None:
    """Two roles to approve are two people's checks: wang, who approved as supervisor,
    approving as regional too would leave the second check undone."""
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(500, url)
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "CNY")}, actor="li.na")
    before.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    now = desk_under(500, url, role="regional")
    with pytest.raises(InvalidInput, match="wang approved comp-1 as supervisor") as refused:
        now.approve_compensation(case.id, "comp-1", role="regional", actor="wang")
    assert refused.value.field == "actor"
    now.approve_compensation(case.id, "comp-1", role="regional", actor="zhao")
    assert now.get(case.id).compensation[0]["status"] == "approved"


def test_a_proposal_in_another_currency_awaits_the_highest_role_of_the_policy_in_force(
    tmp_path: Path,
) -> None:
    """800 USD, proposed under a policy in dollars needing no approval, offered under one
    in yuan approving above 500 CNY: no rate says which threshold it passes, so the most
    senior role approves it; it was offered with no approval at all."""
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(1000, url, currency="USD")
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("800", "USD")}, actor="li.na")
    roles = [{"above": 500, "role": "supervisor"}, {"above": 5000, "role": "director"}]
    policy = {**section(500), "approvals": roles}
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    compiled = CompensatingPolicy(compensation=compile_section(policy))
    now = Desk(compiled, storage=SQLiteStorage(url), clock=clock)
    with pytest.raises(InvalidInput, match="800.00 USD and needs approval by director"):
        now.offer_compensation(case.id, "comp-1", actor="li.na")
    with pytest.raises(InvalidInput, match="awaits approval by director, not 'supervisor'"):
        now.approve_compensation(case.id, "comp-1", role="supervisor", actor="wang")
    now.approve_compensation(case.id, "comp-1", role="director", actor="zhao")
    offered = now.offer_compensation(case.id, "comp-1", actor="li.na")
    assert offered.compensation[0]["status"] == "offered"


def test_nothing_in_another_currency_awaits_no_approval(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    before = desk_under(1000, url, currency="USD")
    case = before.intake(COMPLAINT)
    before.propose_compensation(case.id, {"voucher": Money("0", "USD")}, actor="li.na")
    offered = desk_under(0, url).offer_compensation(case.id, "comp-1", actor="li.na")
    assert offered.compensation[0]["status"] == "offered"


def test_a_row_paid_in_another_currency_is_not_offered_again(tmp_path: Path) -> None:
    """EU 261's 600 EUR offered on a case, the policy since changed to pounds (UK 261):
    deciding the row again gave 600 GBP, and both stood on offer; no rate says what the
    row still adds, so offering it is refused, until the euros are declined."""
    url = f"sqlite:///{tmp_path}/c.db"
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))

    def airline(currency: str) -> Desk:
        rows = [{"id": "art7", "remedies": [{"kind": "statutory_damages", "amount": 600}]}]
        compiled = compile_section({"currency": currency, "rules": rows})
        policy = CompensatingPolicy(compensation=compiled)
        return Desk(policy, storage=SQLiteStorage(url), clock=clock)

    euros = airline("EUR")
    case = euros.intake(COMPLAINT)
    euros.propose_compensation(case.id, {}, actor="li.na")
    euros.offer_compensation(case.id, "comp-1", actor="li.na")
    pounds = airline("GBP")
    pounds.propose_compensation(case.id, {}, actor="li.na")
    with pytest.raises(InvalidInput, match=r"row art7's statutory_damages .* 600\.00 EUR"):
        pounds.offer_compensation(case.id, "comp-2", actor="li.na")
    pounds.decline_compensation(case.id, "comp-1", actor="customer")
    offered = pounds.offer_compensation(case.id, "comp-2", actor="li.na")
    assert [e["status"] for e in offered.compensation] == ["declined", "offered"]
