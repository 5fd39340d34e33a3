"""A folder with a file that cannot be read still has its other files checked.

Found checking policy authoring: in a folder of 10-vocabulary.yaml (malformed YAML) and
20-rules.yaml (``name: 5``, a team's ``members: lin``), ``validate`` named the YAML error
only; the author fixed it and met the other file's errors in the next run. Each readable
file is checked on its own for what it alone gets wrong (a value of the wrong type, an
unknown key); what depends on the others (a required section, an unknown category) waits
for the folder to be read whole.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

RULES = """\
name: 5
teams:
  desk: {label: Desk, members: lin, default_owner: lin}
classification:
  rules:
    - id: spoiled
      when: {keywords: [变质]}
      then: {category: product, severity: critical, priority: urgent}
  default: {category: other, severity: minor, priority: normal}
routing:
  rules: []
  default: {team: desk}
"""


def _folder(tmp_path: Path, rules: str) -> Path:
    (tmp_path / "10-vocabulary.yaml").write_text("complaintkit: 1\ncategories: [broken\n", "utf-8")
    (tmp_path / "20-rules.yaml").write_text(rules, "utf-8")
    return tmp_path


def test_a_readable_files_own_errors_are_named_beside_an_unreadable_ones(tmp_path: Path) -> None:
    problems = check_policy(_folder(tmp_path, RULES))
    found = {(Path(p.location.file).name, p.location.path, p.location.line) for p in problems}
    assert ("20-rules.yaml", "name", 1) in found
    assert ("20-rules.yaml", "teams.desk.members", 3) in found
    assert any(name == "10-vocabulary.yaml" for name, _, _ in found)
    assert all(p.severity == "error" for p in problems)


def test_what_depends_on_the_unreadable_file_is_not_reported(tmp_path: Path) -> None:
    """The categories, severities and priorities the rules name are in the file that could
    not be read: neither a missing section nor an unknown id is an error of 20-rules.yaml."""
    problems = check_policy(_folder(tmp_path, RULES.replace("name: 5\n", "")))
    rules = [p.location.path for p in problems if p.location.file.endswith("20-rules.yaml")]
    assert rules == ["teams.desk.members"]
