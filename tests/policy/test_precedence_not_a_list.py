"""``precedence:`` written as one name (``precedence: ./b.yaml``), a number or ``[]`` was
dropped without a word: the merged policy never holds it, so the schema never saw it, and
the clash it was written to settle was then reported with the hint to add the very line
the author had written. It is now an error at it saying to write a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

HERE = Path(__file__).with_name("precedence")


@pytest.mark.parametrize("written", [f"{HERE / 'b.yaml'}", "5", "[]", "{b: 1}", "[5]"])
def test_a_precedence_that_is_no_list_of_names_is_an_error_at_it(
    tmp_path: Path, written: str
) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        f"complaintkit: 1\nname: child\nextends: [{HERE / 'a.yaml'}, {HERE / 'b.yaml'}]\n"
        f"precedence: {written}\n",
        "utf-8",
    )
    errors = [p for p in check_policy(child) if p.severity == "error"]
    assert [(p.location.line, p.location.path, p.code) for p in errors] == [
        (4, "precedence", "precedence")
    ]
    assert f"[{HERE / 'b.yaml'}, {HERE / 'a.yaml'}]" in errors[0].hint
