"""SLA targets and escalation read a bare number compared with ``complaint.amount`` as an
amount in the policy's currency (``compensation.currency``), as compensation does: under a
CNY policy a target row or ladder ``amount >= 1000`` took a complaint of 1000 JPY (about
48 CNY) as a large order and gave it the large orders' deadlines and escalation."""

from __future__ import annotations

from pathlib import Path

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policy.facts import Facts

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
LARGE = '{field: complaint.amount, ">=": 1000}'
SECTIONS = f"""
sla:
  targets:
    - when: {LARGE}
      first_response: 2h
    - first_response: 24h
escalation:
  ladders:
    - name: large
      when: {LARGE}
      levels:
        - name: large-order
          when: {LARGE}
          trigger: {{condition: {LARGE}}}
          actions: [{{add_tags: [large]}}]
compensation:
  currency: CNY
  rules: [{{id: r, remedies: [apology]}}]
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


def test_a_target_row_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    assert policy.sla is not None
    large = policy.sla.targets[0].when
    assert large is not None
    assert not large(_facts(policy, "1000", "JPY"))
    assert large(_facts(policy, "1000.00", "CNY"))
    explained = large.explain(_facts(policy, "1000", "JPY")) or ""
    assert "1000 JPY is not in CNY, the policy's currency" in explained


def test_a_ladder_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    assert policy.sla is not None
    (ladder,) = policy.sla.ladders
    (level,) = ladder.levels
    conditions = [ladder.when, level.when, level.trigger.condition]
    for condition in conditions:
        assert condition is not None
        assert not condition(_facts(policy, "1000", "JPY"))
        assert condition(_facts(policy, "1000.00", "CNY"))
