"""Under hit policy first, a row whose keywords all hold an earlier row's keyword
(``坏了`` after ``坏``; ``烂`` after ``any: [坏, 烂]``) can never match, as an identical row
cannot; it loaded silently. ``validate`` now names it and the keyword that wins."""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _shadowed(tmp_path: Path, rows: str, hit_policy: str = "first") -> list[Problem]:
    path = tmp_path / "p.yaml"
    text = f"complaintkit: 1\nextends: {BASE}\nclassification:\n  hit_policy: {hit_policy}\n"
    path.write_text(text + "  rules:\n" + rows, "utf-8")
    return [p for p in check_policy(path) if p.code == "shadowed-row"]


def _row(row_id: str, when: str) -> str:
    return f"    - id: {row_id}\n      when: {when}\n      then: {{category: service}}\n"


def test_a_row_whose_keyword_holds_an_earlier_ones_is_named(tmp_path: Path) -> None:
    rows = _row("broken", "{keywords: [坏]}") + _row("broken_down", "{keywords: [坏了, 破坏]}")
    (problem,) = _shadowed(tmp_path, rows)
    assert problem.location.path == "classification.rules[2]"
    assert "row 'broken_down' can never match" in problem.message
    assert "'坏了' holds '坏'" in problem.message


def test_a_keyword_in_an_earlier_any_shadows_too(tmp_path: Path) -> None:
    rows = _row("bad", "{any: [{keywords: [坏]}, {keywords: [烂]}]}") + _row(
        "rotten", "{keywords: [烂了]}"
    )
    (problem,) = _shadowed(tmp_path, rows)
    assert "row 'rotten' can never match" in problem.message


def test_a_keyword_in_another_script_shadows_too(tmp_path: Path) -> None:
    rows = _row("mould", "{keywords: [發霉]}") + _row("mouldy", "{keywords: [发霉了]}")
    assert len(_shadowed(tmp_path, rows)) == 1


def test_rows_an_earlier_row_does_not_always_beat_are_not_named(tmp_path: Path) -> None:
    rows = (
        _row("one", "{keywords: [坏了, late]}")  # 坏 alone is not 坏了
        + _row("two", "{keywords: [坏]}")
        + _row("word", "{keywords: [late]}")  # a word: 'late' is no part of 'chocolate'
        + _row("chocolate", "{keywords: [chocolate]}")
        + _row("excepted", "{keywords: [{text: 漏, except: [不漏]}]}")
        + _row("leak", "{keywords: [不漏水]}")
        + _row("subject", "{keywords: [门], fields: [complaint.subject]}")
        + _row("lock", "{keywords: [门锁]}")  # 门 is sought in the subject only
        + _row("more", "{keywords: [坏, 丢]}")  # 丢 is held by no earlier keyword
    )
    assert _shadowed(tmp_path, rows) == []


def test_under_collect_the_rows_both_match(tmp_path: Path) -> None:
    rows = _row("broken", "{keywords: [坏]}") + _row("broken_down", "{keywords: [坏了]}")
    assert _shadowed(tmp_path, rows, "collect") == []
