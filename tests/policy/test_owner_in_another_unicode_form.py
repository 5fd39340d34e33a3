"""An owner written in another Unicode form than the member it names: ``José`` with its
accent a combining mark (e, then U+0301) beside a member list holding it composed (U+00E9),
as two editors or an SOP copied from two documents write it; or typed in full-width letters.

The two are different ids, so the owner is no member, and the error was right; but it read
"default_owner 'José' is not one of team desk's members (José) — did you mean 'José'?",
which shows the same name three times. The hint now says the two are written in different
forms, and to retype one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("owner", "member"),
    [("Jose\u0301", "Jos\u00e9"), ("Jos\u00e9", "Jose\u0301"), ("\uff4c\uff49.na", "li.na")],
)
def test_an_owner_in_another_form_is_told_so(tmp_path: Path, owner: str, member: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nteams:\n"
        f"  desk: {{label: D, default_owner: {owner}, members: [{member}]}}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.location.path == "teams.desk.default_owner"]
    assert problem.code == "not-member"
    assert "form" in problem.hint
    assert "did you mean" not in problem.hint
