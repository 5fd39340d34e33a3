"""A notification rule's ``when`` reads a bare number compared with ``complaint.amount`` as
an amount in the policy's currency (``compensation.currency``), as compensation does: under
a CNY policy a rule ``amount >= 1000`` sent its large-order letter to the customer of a
complaint of 1000 JPY (about 48 CNY)."""

from __future__ import annotations

from pathlib import Path

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policy.facts import Facts

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
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


def test_a_rule_on_the_amount_holds_only_in_the_policy_currency(tmp_path: Path) -> None:
    policy = _policy(tmp_path)
    assert policy.notifications is not None
    (rule,) = policy.notifications.rules
    assert rule.when is not None
    assert not rule.when(_facts(policy, "1000", "JPY"))
    assert rule.when(_facts(policy, "1000.00", "CNY"))
