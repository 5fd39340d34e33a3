"""A gate's ``when`` reads a bare number compared with ``complaint.amount`` as an amount in
the policy's currency (``compensation.currency``), as compensation does: under a CNY policy
a gate ``amount >= 1000`` asked a complaint of 1000 JPY (about 48 CNY) for the root cause
only large orders need before they are resolved."""

from __future__ import annotations

from pathlib import Path

from amounts_in_cny import amount_facts, cny_policy

SECTIONS = """
gates:
  - id: root-cause-for-large-orders
    to: [resolved]
    when: {field: complaint.amount, ">=": 1000}
    require: [root_cause]
"""


def test_a_gate_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    assert policy.gates is not None
    (gate,) = policy.gates.gates
    assert gate.when is not None
    assert not gate.when(amount_facts(policy, "1000", "JPY"))
    assert gate.when(amount_facts(policy, "1000.00", "CNY"))
