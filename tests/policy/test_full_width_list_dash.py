"""A list item typed with a full-width hyphen (U+FF0D) for YAML's ``-``.

With the input method in full-width mode, ``- id: vip`` comes out with U+FF0D: YAML reads
the line as a key, and the file was refused as "a second ': ' on one line, or a key
indented under a value", naming neither the character nor the fix. It is now an error at
the dash, and the rest of the file is read as if an ASCII one were written.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_full_width_dash_is_named_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nrouting:\n  rules:\n"
        "    \uff0d id: vip\n      when: {field: customer.tier, ==: vip}\n"
        "      then: {team: qualty}\n",
        "utf-8",
    )
    found = [p for p in check_policy(path) if p.severity == "error"]
    dashes = [p for p in found if p.code == "full-width"]
    assert [(p.location.line, p.location.column) for p in dashes] == [(5, 5)]
    assert "'-'" in dashes[0].hint
    assert "unknown-reference" in [p.code for p in found]
