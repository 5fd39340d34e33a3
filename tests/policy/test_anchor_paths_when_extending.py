"""An anchor or alias is reported at the merged policy's path, as every other problem is.

In a policy that ``extends:`` one with a routing row, the file's first row is
``routing.rules[1]`` of the policy; its anchor was reported at ``routing.rules[0]`` (its
index in the file), the parent's row, while a misspelt team on the same row said
``routing.rules[1]``: a refusal pointed at the wrong row.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _found(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{text}", "utf-8")
    return [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]


ROWS = (
    "routing:\n  rules:\n"
    "    - id: vip\n      when: &vip {field: customer.tier, ==: vip}\n"
    "      then: {team: qualty}\n"
    "    - id: vip2\n      when: *vip\n      then: {team: quality}\n"
    "  default: {team: desk}\n"
)


def test_an_anchor_on_an_appended_row_names_the_merged_row(tmp_path: Path) -> None:
    found = _found(tmp_path, ROWS)
    assert ("anchor", "routing.rules[1].when") in found
    assert ("unknown-reference", "routing.rules[1].then.team") in found
    assert ("alias", "routing.rules[2].when") in found


def test_an_alias_on_a_row_replacing_the_parents_keeps_its_place(tmp_path: Path) -> None:
    """A row with a parent row's id replaces it in place: base.yaml's quality is row 0."""
    text = (
        "routing:\n  rules:\n    - id: new\n      when: {field: case.category, ==: service}\n"
        "      then: &q {team: quality}\n"
        "    - id: quality\n      when: {field: case.category, ==: product}\n      then: *q\n"
    )
    found = _found(tmp_path, text)
    assert ("anchor", "routing.rules[1].then") in found
    assert ("alias", "routing.rules[0].then") in found
