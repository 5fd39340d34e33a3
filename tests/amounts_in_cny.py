"""A policy whose currency is CNY, extending docs/policy/base.yaml with the sections a test
gives, and the facts of a complaint of an amount in any currency: for the checks that a bare
number compared with ``complaint.amount`` is money in the policy's currency, in every
section whose conditions read it."""

from __future__ import annotations

from pathlib import Path

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.policy.facts import Facts

BASE = Path(__file__).parents[1] / "docs" / "policy" / "base.yaml"
COMPENSATION = """
compensation:
  currency: CNY
  rules: [{id: r, remedies: [apology]}]
"""


def cny_policy(tmp_path: Path, sections: str) -> Policy:
    """``sections`` (YAML) over the base policy, its compensation currency CNY."""
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{sections}{COMPENSATION}", "utf-8")
    return load_policy(path)


def amount_facts(policy: Policy, amount: str, currency: str) -> Facts:
    """The facts ``policy`` reads of a complaint of ``amount`` in ``currency``."""
    return policy.facts(amount_complaint(amount, currency))


def amount_complaint(amount: str, currency: str) -> Complaint:
    """A complaint of ``amount`` in ``currency``."""
    return Complaint.from_json(
        {
            "channel": "web",
            "external_id": "T-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "买贵了",
            "amount": {"amount": amount, "currency": currency},
        }
    )
