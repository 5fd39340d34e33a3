"""``extends: []`` named no policy and was passed over: the file was read as a whole policy,
and what it lacks was reported at line 1 ('the policy declares no categories') as though
nothing had been written about a parent. It is an error at the key."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy


def test_an_empty_extends_list_is_an_error_at_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("complaintkit: 1\nextends: []\n", "utf-8")
    problems = check_policy(path)
    assert [(p.location.line, p.location.path) for p in problems] == [(2, "extends")]
    assert "names no policy" in problems[0].message
