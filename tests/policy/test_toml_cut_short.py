"""A TOML policy that ends mid-value is located at its end, like every other syntax error.

Found checking policy authoring: ``name = [`` on the last line got "bad.toml: error:
malformed TOML: Invalid value (at end of document)" with the hint "fix the TOML syntax at
this position" — and no position, where every other malformed file gets its line and
column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.document import load_document


@pytest.mark.parametrize(
    ("text", "line"),
    [("complaintkit = 1\nname = [\n", 2), ("complaintkit = 1\n[categories", 2)],
)
def test_a_toml_file_cut_short_is_located_at_its_last_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as raised:
        load_document(path)
    (problem,) = raised.value.problems
    assert problem.location.line == line
    assert problem.location.column is not None
    assert "the file ends" in problem.message
