"""A table whose rows decide nothing in their own outputs (compensation's rows give
remedies, shown on the lines after) says which row was chosen, not 'selected: {}'.

Found in complaintkit explain on a policy from seed 001: ``=> rows 重复扣费 selected: {}``
and ``=> no row matched; default used: {}``, as if the row or the default gave nothing,
above the remedies they gave.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.desk.provisional import explain_complaint
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_compensation_rows_are_named_without_empty_outputs(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: CNY\n  rules:\n"
        "    - {id: spoiled, when: {field: case.category, ==: product}, remedies: [apology]}\n"
        "  default: {remedies: [apology]}\n",
        "utf-8",
    )
    policy = load_policy(path)
    for text, outcome in (
        ("变质了", "rows spoiled selected"),
        ("hello", "no row matched; default used"),
    ):
        complaint = Complaint.from_json(
            {
                "external_id": "x",
                "channel": "web",
                "received_at": "2026-12-01T09:00:00+08:00",
                "customer": {"id": "c"},
                "subject": text,
                "text": text,
            }
        )
        shown = str(explain_complaint(policy, complaint))
        assert f"=> {outcome}\n" in shown + "\n", shown
        assert "selected: {}" not in shown
        assert "default used: {}" not in shown
