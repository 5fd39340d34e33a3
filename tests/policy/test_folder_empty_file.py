"""An empty file in a policy folder — saved before it was written, only comments, only
'---', TOML with only comments, JSON {} — was skipped without a word, while a single empty
policy file is refused (code empty). The policy the other files write is whole, so it
still loads: the file is a warning (code empty) at its line 1, saying it adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import checked_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("20-routing.yaml", ""),
        ("20-routing.yaml", "# 路由规则 待补充\n"),
        ("20-routing.yaml", "---\n"),
        ("20-routing.toml", "# 待补充\n"),
        ("20-routing.json", "{}"),
    ],
)
def test_an_empty_file_in_a_folder_is_a_warning_naming_it(
    tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / name).write_text(text, "utf-8")
    policy, problems = checked_policy(tmp_path)
    assert policy is not None, problems
    (found,) = [p for p in problems if p.code == "empty"]
    assert found.severity == "warning"
    assert (found.location.file, found.location.line, found.location.column) == (
        str(tmp_path / name),
        1,
        1,
    )
    assert "adds nothing" in found.message
