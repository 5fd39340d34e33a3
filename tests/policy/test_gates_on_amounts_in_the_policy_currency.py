"""A gate's ``when`` reads a bare number compared with ``complaint.amount`` as an amount in
the policy's currency (``compensation.currency``), as compensation does: under a CNY policy
a gate ``amount >= 1000`` asked a complaint of 1000 JPY (about 48 CNY) for the root cause
only large orders need before they are resolved."""

from __future__ import annotations

from pathlib import Path

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policy.facts import Facts

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
SECTIONS = """
gates:
  - id: root-cause-for-large-orders
    to: [resolved]
    when: {field: complaint.amount, ">=": 1000}
    require: [root_cause]
compensation:
  currency: CNY
  rules: [{id: r, remedies: [apology]}]
"""


def _policy(tmp_path: Path) -> Policy:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{SECTIONS}", "utf-8")
    return load_policy(path)


def _facts(policy: Policy, amount: str, currency: str) -> Facts:
    complaint = Complaint.from_json(
        {
            "channel": "web",
            "external_id": "T-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "买贵了",
            "amount": {"amount": amount, "currency": currency},
        }
    )
    return policy.facts(complaint)


def test_a_gate_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    assert policy.gates is not None
    (gate,) = policy.gates.gates
    assert gate.when is not None
    assert not gate.when(_facts(policy, "1000", "JPY"))
    assert gate.when(_facts(policy, "1000.00", "CNY"))
