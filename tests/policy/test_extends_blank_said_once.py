"""``extends: ""`` was two errors at one key: the loader's 'extends must name a policy file
or pack' and, from checking the file on its own, the schema's 'expected text that is not
empty'. It is said once, in the loader's words."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy


def test_a_blank_extends_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text('complaintkit: 1\nextends: ""\n', "utf-8")
    (problem,) = check_policy(path)
    assert problem.location.path == "extends"
    assert problem.message.startswith("extends must name a policy file or pack")
