"""A JSON policy with a duplicate key was refused with that duplicate alone, hiding every
other mistake of the file until it was fixed (a misspelt key beside it went unsaid), and
of the two values the later was the one kept, where YAML keeps the first. The duplicate is
now one problem among the rest, and the first value is read, as in YAML."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_duplicate_is_named_with_the_other_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        f'{{"complaintkit": 1, "extends": "{BASE}",\n "name": "a",\n "name": "b",\n'
        ' "Name": "c"}\n',
        "utf-8",
    )
    found = {(p.location.line, p.location.path, p.code) for p in check_policy(path)}
    assert (3, "name", "duplicate-key") in found
    assert (4, "Name", "schema.additionalProperties") in found


def test_the_first_of_two_values_is_read() -> None:
    source = parse_text('{"name": "a", "name": "b"}', "p.json", ".json")
    assert source.data == {"name": "a"}
    assert [p.code for p in source.problems] == ["duplicate-key"]


def test_a_duplicate_in_json_indented_with_tabs_names_its_line() -> None:
    """A tab is whitespace to JSON but no indentation to YAML, whose reader says where
    things are: a tab before the first brace left the duplicate with no line at all."""
    text = '\t{\n\t"complaintkit": 1,\n\t"complaintkit": 1,\n\t"name": "a"\n}\n'
    source = parse_text(text, "p.json", ".json")
    assert [(p.code, p.location.line, p.location.path) for p in source.problems] == [
        ("duplicate-key", 3, "complaintkit")
    ]
