"""An escalation's ``notify`` naming a role misspelt (``mangaer``) or as a Chinese SOP names
it (``经理``) was refused listing the roles, without the one meant, though a notification
rule's ``notify: [经理]`` got it; both now lead with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"), [("mangaer", "manager"), ("经理", "manager"), ("Owner", "owner")]
)
def test_a_role_misspelt_or_in_chinese_names_the_role_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "templates:\n  late: {zh: {subject: late, body: late}}\n"
        "notifications:\n  notifiers: {log: {type: log}}\n"
        "escalation:\n  ladders:\n    - name: slow\n      levels:\n"
        "        - name: l1\n          trigger: {since: received, after: 4h}\n"
        f"          actions: [{{notify: {{template: late, role: {written}}}}}]\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.location.path.endswith("actions[0].notify.role")
    assert problem.hint.startswith(f"did you mean {meant!r}?")
