"""食品安全法 art. 148 owes ten times the price (at least 1000 yuan) for food that does not
meet the safety standards: a finding the quality team records as the fact ``unsafe_food``,
never a customer's word 变质 alone. In the shipped supermarket SOP and the demo's policy
a food-safety complaint is refunded at once; the damages wait for the finding."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk.provisional import explain_complaint
from complaintkit.model import Complaint
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).resolve().parents[2]
SUPERMARKETS = [
    ROOT / "policies" / "retail" / "supermarket.yaml",
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
]


def decided(path: Path, **attributes: Any) -> Mapping[str, Any]:
    complaint = Complaint.from_json(
        {
            "channel": "web",
            "external_id": "milk",
            "received_at": datetime(2026, 11, 23, 2, tzinfo=UTC).isoformat(),
            "customer": {"id": "c-1"},
            "text": "\u725b\u5976\u53d8\u8d28\u4e86",  # the milk went off
            "amount": {"amount": "12.80", "currency": "CNY"},
            "attributes": attributes,
        }
    )
    [block] = [
        b
        for b in explain_complaint(load_policy(path), complaint).blocks
        if b.section == "compensation"
    ]
    return block.data


def kinds(data: Mapping[str, Any]) -> list[str]:
    return [remedy["kind"] for remedy in data["remedies"]]


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_a_food_safety_complaint_alone_is_refunded_without_damages(path: Path) -> None:
    data = decided(path)
    assert "statutory_damages" not in kinds(data)
    assert "refund" in kinds(data)
    assert data["total"] == {"amount": "12.80", "currency": "CNY"}


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_unsafe_food_found_earns_the_damages(path: Path) -> None:
    data = decided(path, unsafe_food=True)
    assert data["total"] == {"amount": "1012.80", "currency": "CNY"}


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_food_found_safe_earns_no_damages(path: Path) -> None:
    assert "statutory_damages" not in kinds(decided(path, unsafe_food=False))


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_a_harmless_label_flaw_found_earns_the_refund_and_no_damages(path: Path) -> None:
    # art. 148 但书: a label flaw that neither affects safety nor misleads owes no damages,
    # though the food so labelled is found 不符合食品安全标准 (the label is part of the standard);
    # the loss is owed all the same, none proven here
    data = decided(path, unsafe_food=True, label_flaw_only=True)
    assert kinds(data) == ["refund", "statutory_damages"]
    assert data["total"] == {"amount": "12.80", "currency": "CNY"}


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("written", ["是", "yes"])
def test_a_label_flaw_finding_written_as_other_text_is_refused_naming_it(
    path: Path, written: str
) -> None:
    # as unsafe_food "是" is: neither true nor false, it is no finding, never "no flaw"
    data = decided(path, unsafe_food=True, label_flaw_only=written)
    assert data["error"]["field"] == "facts.label_flaw_only"


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_a_label_flaw_finding_written_as_a_number_decides_nothing_but_says_so(
    path: Path,
) -> None:
    data = decided(path, unsafe_food=True, label_flaw_only=1)
    assert data["rows"] == ["label-flaw-only-not-readable"]
    assert data["total"] == {"amount": "0.00", "currency": "CNY"}


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_food_the_store_sold_without_knowing_it_unsafe_earns_the_loss_not_the_damages(
    path: Path,
) -> None:
    """Art. 148 para. 2: 经营明知 — a seller owes the ten times only for food it knew failed
    the standards; it pays the loss first (para. 1), as the art. 148 pack does."""
    data = decided(path, unsafe_food=True, sold_without_knowing=True)
    amounts = [(r["kind"], r["amount"]["amount"]) for r in data["remedies"] if r.get("amount")]
    assert amounts == [("refund", "12.80"), ("statutory_damages", "0.00")]
    assert data["total"] == {"amount": "12.80", "currency": "CNY"}
    knew = decided(path, unsafe_food=True, sold_without_knowing=False)
    assert knew["total"] == {"amount": "1012.80", "currency": "CNY"}


@pytest.mark.parametrize("path", SUPERMARKETS, ids=lambda p: p.parent.name)
def test_a_knowledge_finding_written_as_a_number_decides_nothing_but_says_so(path: Path) -> None:
    data = decided(path, unsafe_food=True, sold_without_knowing=1)
    assert data["total"] == {"amount": "0.00", "currency": "CNY"}
    assert "1000.00" not in str(data)
