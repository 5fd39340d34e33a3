"""A notification rule's ``when`` reads a bare number compared with ``complaint.amount`` as
an amount in the policy's currency (``compensation.currency``), as compensation does: under
a CNY policy a rule ``amount >= 1000`` sent its large-order letter to the customer of a
complaint of 1000 JPY (about 48 CNY)."""

from __future__ import annotations

from pathlib import Path

from amounts_in_cny import amount_facts, cny_policy

SECTIONS = """
templates:
  large_order: {zh: {subject: "大额订单 {case.id}", body: "我们会优先处理。"}}
notifications:
  default_language: zh
  notifiers: {log: {type: log}}
  rules:
    - "on": opened
      when: {field: complaint.amount, ">=": 1000}
      notify: [customer]
      via: log
      template: large_order
"""


def test_a_rule_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    assert policy.notifications is not None
    (rule,) = policy.notifications.rules
    assert rule.when is not None
    assert not rule.when(amount_facts(policy, "1000", "JPY"))
    assert rule.when(amount_facts(policy, "1000.00", "CNY"))
