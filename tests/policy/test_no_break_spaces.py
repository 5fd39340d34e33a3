"""No-break spaces copied with an SOP table from a web page or a Word document.

``when:<U+00A0>{field: …}`` was refused as "a second ': ' on one line, or a key indented
under a value", and an indentation of them as a line "not indented like the keys above":
neither names the character, which looks like a space. Each is now an error at its place
naming it and saying to type an ordinary space, and the rest of the file is still checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
ROW = "    - id: vip\n      when:{a}{{field: customer.tier, ==: vip}}\n{b}then: {{team: qualty}}\n"


@pytest.mark.parametrize(
    ("a", "b", "line", "column"),
    [
        ("\u00a0", "      ", 6, 12),
        (" ", "  \u00a0\u00a0  ", 7, 3),
        ("\u202f", "      ", 6, 12),
    ],
)
def test_a_no_break_space_is_named_where_it_is(
    tmp_path: Path, a: str, b: str, line: int, column: int
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nrouting:\n  rules:\n" + ROW.format(a=a, b=b),
        "utf-8",
    )
    found = [p for p in check_policy(path) if p.severity == "error"]
    spaces = [p for p in found if p.code == "no-break-space"]
    assert [(p.location.line, p.location.column) for p in spaces] == [(line, column)]
    assert "U+" in spaces[0].message
    assert "ordinary space" in spaces[0].hint
    # read on with the space replaced: the misspelt team is named in the same run
    assert "unknown-reference" in [p.code for p in found]
