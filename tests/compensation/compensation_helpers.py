"""Shared builders for the compensation tests: cases, statutory policies, a history."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import yaml

from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import Money, finer_than_its_units

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
STATUTORY = Path(__file__).parents[2] / "policies" / "statutory"


def statutory(name: str) -> CompensationPolicy:
    """Load a statutory example with plain YAML and compile its compensation section."""
    data = yaml.safe_load((STATUTORY / name).read_text(encoding="utf-8"))
    return compile_section(data["compensation"])


def make_case(
    amount: str | None = "100.00",
    currency: str = "CNY",
    *,
    customer: str = "cust-1",
    category: str | None = "product",
    severity: str | None = "normal",
    tier: str | None = None,
) -> Case:
    money = None if amount is None else Money(amount, currency)
    complaint = Complaint(
        "web",
        f"ext-{customer}-{amount}",
        NOW,
        Customer(customer, tier=tier),
        "complaint text",
        amount=None if money is None or finer_than_its_units(money) else money,
    )
    if money is not None and complaint.amount is None:
        # finer than its currency: refused at intake, so held as a case stored before that
        data = {**complaint.to_json(), "amount": money.to_json()}
        complaint = Complaint.from_stored(data)
    return Case(
        id=f"case-{customer}",
        status=Status.INVESTIGATING,
        complaints=(complaint,),
        opened_at=NOW,
        updated_at=NOW,
        status_token="token",
        category=category,
        severity=severity,
    )


def amount_of(decision_remedies: object, kind: str) -> Decimal | None:
    for remedy in decision_remedies:  # type: ignore[attr-defined]
        if remedy.kind == kind:
            return None if remedy.amount is None else remedy.amount.amount
    raise AssertionError(f"no {kind} remedy")
