"""A file in a policy folder whose name says it holds policy but does not end in .yaml,
.yml, .toml or .json — rules.yaml.txt (Windows Notepad adds .txt, and Explorer hides it),
rules.txt, a misspelt suffix (rules.ymal, rules.josn) — was left out without a word, and
the policy loaded without its rules. Each is a warning naming the file and the name to
give it; editor backups (rules.yaml~, .bak, .orig, .swp) and other files (README.md) are
left out as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import checked_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
RULES = "complaintkit: 1\nname: more\n"


def _not_read(tmp_path: Path, name: str) -> list[tuple[str, str, str]]:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / name).write_text(RULES, "utf-8")
    policy, problems = checked_policy(tmp_path)
    assert policy is not None, problems
    return [(p.location.file, p.severity, p.hint) for p in problems if p.code == "not-read"]


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("20-rules.yaml.txt", "20-rules.yaml"),
        ("20-rules.JSON.txt", "20-rules.JSON"),
        ("20-rules.txt", "20-rules.yaml"),
        ("20-rules.ymal", "20-rules.yaml"),
        ("20-rules.josn", "20-rules.json"),
        ("20-规则.yaml.txt", "20-规则.yaml"),
    ],
)
def test_a_file_named_as_a_policy_but_not_read_is_a_warning(
    tmp_path: Path, name: str, meant: str
) -> None:
    ((file, severity, hint),) = _not_read(tmp_path, name)
    assert (file, severity) == (str(tmp_path / name), "warning")
    assert f"rename it {meant}" in hint, hint


@pytest.mark.parametrize(
    "name",
    [
        "20-rules.yaml~",
        "20-rules.yaml.bak",
        "20-rules.yaml.orig",
        ".20-rules.yaml.swp",
        "README.md",
    ],
)
def test_backups_and_other_files_are_left_out_as_before(tmp_path: Path, name: str) -> None:
    assert _not_read(tmp_path, name) == []


@pytest.mark.parametrize(
    "name", ["10-base.tests.yaml", "10-base.tests.yml", "10-base.TESTS.json", "测试.tests.toml"]
)
def test_policy_tests_beside_the_policy_are_no_warning(tmp_path: Path, name: str) -> None:
    """Policy tests live beside the policy (``complaintkit test`` reads them); the warning
    told the author to rename ``x.tests.yaml`` to ``x.tests.yaml``."""
    assert _not_read(tmp_path, name) == []


SHIPPED = sorted(
    folder
    for folder in (Path(__file__).parents[2] / "policies").iterdir()
    if folder.is_dir() and any(folder.glob("*.tests.*"))
)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda folder: folder.name)
def test_no_shipped_policy_folder_warns_of_a_file_not_read(folder: Path) -> None:
    _, problems = checked_policy(folder)
    assert [p for p in problems if p.code == "not-read"] == []
