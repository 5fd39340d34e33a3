"""`complaintkit check`: a compensation formula that needs a fact an agent supplies.

A decision missing such a fact is not a gap in the policy: ``explain`` lists what it needs
(``needs: days_late``) and proposing it is refused naming the fact. The compensation property
used to report every complaint without the fact as one the policy "cannot decide", so a
pack that rightly refused to guess (EU 261 without ``flight.distance_km``) failed the check.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.properties import check

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_formula_awaiting_a_supplied_factor_is_no_gap(tmp_path: Path) -> None:
    policy = tmp_path / "late.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules:\n"
        "    - id: late\n      when: {field: late, ==: true}\n      remedies:\n"
        "        - {kind: voucher, amount: {multiple: {fact: days_late}, of: {fixed: 10}}}\n",
        "utf-8",
    )
    findings = check(load_policy(policy), examples=40, only=("compensation",))
    assert findings == []
