"""A schema problem in a TOML policy is told where its key is written: a misspelt section
in a header (``[categoriez.product]``) was told at line 1, column 1; a key of a dotted key
(``support.label = 5``) or of an inline table at the first line of the file with a key of
that name, in another table; every key at column 1. Each is now at its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit = 1
name = "toml-shop"
version = "1"

[categories.product]
label = "Product"

[categories.other]
label = "Other"

[severities.minor]
label = "Minor"

[priorities.normal]
label = "Normal"

[teams.support]
label = "Support"
default_owner = "lin"

[[classification]]
hit_policy = "first"
default = {category = "other", severity = "minor", priority = "normal"}

[[classification.rules]]
id = "product"
when = {keywords = ["x"]}
then = {category = "product", severity = "minor", priority = "normal"}

[routing]
default = {team = "support", owner = "lin"}
rules = []
"""


def problems_at(tmp_path: Path, old: str, new: str) -> dict[str, tuple[int | None, int | None]]:
    assert old in POLICY
    path = tmp_path / "policy.toml"
    path.write_text(POLICY.replace(old, new, 1), encoding="utf-8")
    return {p.location.path: (p.location.line, p.location.column) for p in check_policy(path)}


def test_the_policy_as_written_is_valid(tmp_path: Path) -> None:
    assert problems_at(tmp_path, "", "") == {}


@pytest.mark.parametrize(
    ("old", "new", "path", "place"),
    [
        ("[categories.product]", "[categoriez.product]", "categoriez", (5, 2)),
        ("[teams.support]", '[teams."support"]\nlabl = 1', "teams.support.labl", (18, 1)),
        ("[teams.support]", "[ teams.support ]\nlabl = 1", "teams.support.labl", (18, 1)),
        ('label = "Minor"', "label = {zh = 5}", "severities.minor.label.zh", (12, 10)),
        (
            '[teams.support]\nlabel = "Support"',
            "[teams]\nsupport.label = 5",
            "teams.support.label",
            (18, 9),
        ),
        ('label = "Minor"', '  lable = "Minor"', "severities.minor.lable", (12, 3)),
        ('owner = "lin"}', 'ownr = "lin"}', "routing.default.ownr", (31, 30)),
        (
            'keywords = ["x"]',
            'keywords = ["x", 5]',
            "classification[0].rules[0].when.keywords[1]",
            (27, 26),
        ),
        ('hit_policy = "first"', 'hit_policy = "firts"', "classification[0].hit_policy", (22, 1)),
        ('id = "product"\n', "", "classification[0].rules[0]", (25, 1)),
        ("rules = []", "rules = [\n  # the rows\n  7,\n]", "routing.rules[0]", (34, 3)),
    ],
)
def test_a_problem_is_told_at_its_key(
    tmp_path: Path, old: str, new: str, path: str, place: tuple[int, int]
) -> None:
    found = problems_at(tmp_path, old, new)
    assert found.get(path) == place, found


def test_a_key_quoted_with_a_quote_mark_inside_is_found(tmp_path: Path) -> None:
    found = problems_at(tmp_path, 'label = "Support"', 'label = "a # \\" b"\n"x.y" = 1')
    assert found.get("teams.support.x.y") == (19, 1), found
