"""``complaintkit check``: property checks find planted gaps and print the smallest example."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.properties import check

HERE = Path(__file__).parent
POLICIES = HERE.parents[1] / "policies"


@pytest.mark.slow
def test_planted_gap_is_found_with_the_smallest_example() -> None:
    # fixtures/gap.yaml has rules for product and service complaints only
    findings = check(load_policy(HERE / "fixtures" / "gap.yaml"), examples=60)
    assert [f.property for f in findings] == ["classified"]
    (finding,) = findings
    assert "no classification rule matched" in finding.message
    assert "default gave category 'other'" in finding.message
    # shrunk: a bare phrase of an unhandled type, no framing, no amount
    assert finding.example["text"] == "价格和标价不一致"
    assert "amount" not in finding.example
    assert "smallest example:" in str(finding)


def test_gap_policy_passes_for_the_types_it_handles() -> None:
    policy = load_policy(HERE / "fixtures" / "gap.yaml")
    assert check(policy, types=("product", "service"), examples=40) == []


@pytest.mark.slow
def test_seed_policies_hold_every_property() -> None:
    for path, types in [
        (POLICIES / "retail" / "supermarket.yaml", ("product", "service", "price", "delivery")),
        (POLICIES / "property" / "property-management.yaml", ("service", "price", "management")),
        (POLICIES / "ecommerce" / "online-shop.yaml", ("product", "service", "price", "delivery")),
    ]:
        assert check(load_policy(path), types=types, examples=30) == [], path
