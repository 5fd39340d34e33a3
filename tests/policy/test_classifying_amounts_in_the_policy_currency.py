"""Classification and routing read a bare number compared with ``complaint.amount`` as an
amount in the policy's currency (``compensation.currency``), as compensation does: under a
CNY policy a row ``amount >= 1000`` made a complaint of 1000 JPY (about 48 CNY) major."""

from __future__ import annotations

from pathlib import Path

from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import Policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy(tmp_path: Path, *, currency: str | None) -> Policy:
    compensation = (
        f"compensation:\n  currency: {currency}\n  rules: [{{id: r, remedies: [apology]}}]\n"
        if currency
        else ""
    )
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: large\n"
        '      when: {field: complaint.amount, ">=": 1000}\n'
        "      then: {category: product, severity: major, priority: high}\n" + compensation,
        "utf-8",
    )
    return load_policy(path)


class _NoHistory:
    def complaints_in_last_days(self, days: int) -> int:
        return 0

    def open_cases(self) -> int:
        return 0


def _severity(policy: Policy, amount: str, currency: str) -> str | None:
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
    return policy.assess(complaint, _NoHistory()).severity


def test_an_amount_in_another_currency_does_not_meet_the_row(tmp_path: Path) -> None:
    policy = _policy(tmp_path, currency="CNY")
    assert _severity(policy, "1000", "JPY") == "minor"
    assert _severity(policy, "1000.00", "CNY") == "major"


def test_a_policy_without_a_currency_compares_the_number_as_written(tmp_path: Path) -> None:
    assert _severity(_policy(tmp_path, currency=None), "1000", "JPY") == "major"
