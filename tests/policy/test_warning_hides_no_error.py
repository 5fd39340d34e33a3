"""A warning the reader gives at a spot hid the schema's error at the same spot: a later
file of a folder setting ``name: [x]`` (a list where text goes) was told only that it
overrides the earlier file's name, and the policy loaded, named "['x']"; a folder of
files that are all empty got two warnings and no error, and no policy. Only the reader's
errors stand for what the schema would say at their spot."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import checked_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_an_override_warning_does_not_hide_the_schema_error_there(tmp_path: Path) -> None:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / "20-more.yaml").write_text("complaintkit: 1\nname: [x]\n", "utf-8")
    policy, problems = checked_policy(tmp_path)
    assert policy is None
    errors = [p for p in problems if p.severity == "error"]
    assert [(Path(p.location.file).name, p.location.path) for p in errors] == [
        ("20-more.yaml", "name")
    ]


def test_a_folder_of_empty_files_is_refused_with_an_error(tmp_path: Path) -> None:
    (tmp_path / "10-a.yaml").write_text("", "utf-8")
    (tmp_path / "20-b.yaml").write_text("# 待补充\n", "utf-8")
    policy, problems = checked_policy(tmp_path)
    assert policy is None
    assert [p for p in problems if p.severity == "error"]
