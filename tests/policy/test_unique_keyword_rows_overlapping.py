"""Under hit policy ``unique`` a row for ``牛奶变质`` beside a row for ``变质`` (or the same
keyword in two rows) was valid to ``validate``, though every complaint saying 牛奶变质
matches both: the first such complaint failed at intake with 'rows … all match this
record'. Such a pair is refused at load, naming both rows and the text both find."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, rows: str) -> list[tuple[int | None, str, str]]:
    """``docs/policy/base.yaml`` made ``unique``, its ``spoiled`` row (keywords 变质 and
    spoiled, line 28) followed by ``rows``, from line 31."""
    text = BASE.read_text("utf-8")
    text = text.replace(
        "classification:\n  rules:\n", "classification:\n  hit_policy: unique\n  rules:\n"
    )
    text = text.replace("  default: {category: other", rows + "  default: {category: other", 1)
    policy = tmp_path / "p.yaml"
    policy.write_text(text, "utf-8")
    return [
        (p.location.line, p.location.path, p.message)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


def _row(row_id: str, when: str) -> str:
    return (
        f"    - id: {row_id}\n      when: {when}\n"
        "      then: {category: product, severity: major, priority: high}\n"
    )


@pytest.mark.parametrize(
    ("when", "said"),
    [
        ("{keywords: [牛奶变质]}", "'牛奶变质' (holding '变质')"),
        ("{keywords: [牛奶變質了]}", "'牛奶變質了' (holding '变质')"),
        ("{keywords: [过期, 变质]}", "'变质'"),
        ("{any: [{keywords: [过期]}, {keywords: [spoiled]}]}", "'spoiled'"),
        ("{keywords: [质]}", "'变质' (holding '质')"),
    ],
    ids=["holds", "holds in traditional", "same keyword", "same in any", "held"],
)
def test_a_keyword_every_text_of_which_the_other_row_finds_is_an_overlap(
    tmp_path: Path, when: str, said: str
) -> None:
    ((line, path, message),) = _errors(tmp_path, _row("milk", when))
    assert (line, path) == (31, "classification.rules[1]")
    policy = tmp_path / "p.yaml"
    assert f"rows 'spoiled' ({policy}:28) and 'milk' ({policy}:31)" in message
    assert f"a text saying {said} matches both" in message


@pytest.mark.parametrize(
    "when",
    [
        "{keywords: [过期]}",  # a text may say both, which only check finds
        "{keywords: [变质], fields: [complaint.product]}",  # no field searched by both
        "{keywords: [spoiledness]}",  # spoiled is a word, not in spoiledness
        "{keywords: [{text: 变质, except: [不变质]}]}",  # an exclusion may part them
        "{all: [{keywords: [变质]}, {field: customer.tier, ==: gold}]}",  # more than keywords
    ],
    ids=["other words", "other fields", "a word", "except", "not keywords alone"],
)
def test_rows_not_certain_to_overlap_are_taken(tmp_path: Path, when: str) -> None:
    assert _errors(tmp_path, _row("milk", when)) == []


def test_a_table_of_many_keyword_rows_names_each_overlapping_row_once(tmp_path: Path) -> None:
    rows = "".join(_row(f"r{i}", f"{{keywords: [词{i}]}}") for i in range(300))
    rows += _row("late", "{keywords: [词7, 词250]}") + _row("later", "{keywords: [词1]}")
    errors = _errors(tmp_path, rows)
    policy = tmp_path / "p.yaml"
    assert [(path, message.split(" can both")[0]) for _, path, message in errors] == [
        ("classification.rules[301]", f"rows 'r7' ({policy}:52) and 'late' ({policy}:931)"),
        ("classification.rules[302]", f"rows 'r1' ({policy}:34) and 'later' ({policy}:934)"),
    ]


def test_rows_all_sharing_a_keyword_are_each_named_once(tmp_path: Path) -> None:
    rows = "".join(_row(f"r{i}", f"{{keywords: [坏, 词{i}]}}") for i in range(400))
    errors = _errors(tmp_path, rows)
    assert len(errors) == 399
    assert all(f"rows 'r0' ({tmp_path / 'p.yaml'}:31)" in message for _, _, message in errors)
