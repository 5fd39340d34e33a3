"""SLA targets and escalation read a bare number compared with ``complaint.amount`` as an
amount in the policy's currency (``compensation.currency``), as compensation does: under a
CNY policy a target row or ladder ``amount >= 1000`` took a complaint of 1000 JPY (about
48 CNY) as a large order and gave it the large orders' deadlines and escalation."""

from __future__ import annotations

from pathlib import Path

from amounts_in_cny import amount_facts, cny_policy

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
"""


def test_a_target_row_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    assert policy.sla is not None
    large = policy.sla.targets[0].when
    assert large is not None
    assert not large(amount_facts(policy, "1000", "JPY"))
    assert large(amount_facts(policy, "1000.00", "CNY"))
    explained = large.explain(amount_facts(policy, "1000", "JPY")) or ""
    assert "1000 JPY is not in CNY, the policy's currency" in explained


def test_a_ladder_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    assert policy.sla is not None
    (ladder,) = policy.sla.ladders
    (level,) = ladder.levels
    conditions = [ladder.when, level.when, level.trigger.condition]
    for condition in conditions:
        assert condition is not None
        assert not condition(amount_facts(policy, "1000", "JPY"))
        assert condition(amount_facts(policy, "1000.00", "CNY"))
