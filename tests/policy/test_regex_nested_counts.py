"""A count RE2 refuses because counts nested inside it multiply past its limit —
``(a{100}){100}``, ``(\\d{50}){30}``: each count within 1000, the repeats in all 10,000 — is
named as such. It was told "counts go up to 1000, the smaller number first", which the
count {100} it named already is: the author could not see what to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_regex_refusals_in_authors_words import _problem


@pytest.mark.parametrize(
    ("pattern", "count", "at"),
    [
        ("(a{100}){100}", "{100}", 9),
        ("(\\d{50}){30}", "{30}", 9),
        ("((x{20}){20}){20}", "{20}", 14),
    ],
)
def test_counts_nested_past_the_limit_are_named_so(
    tmp_path: Path, pattern: str, count: str, at: int
) -> None:
    problem = _problem(tmp_path, pattern)
    assert f"the count {count} at character {at} " in problem.message
    assert "nested" in problem.message
    assert "smaller number first" not in problem.message


@pytest.mark.parametrize(("pattern", "words"), [("a{1001}", "1000"), ("a{2,1}", "smaller")])
def test_a_count_wrong_on_its_own_is_still_named_so(
    tmp_path: Path, pattern: str, words: str
) -> None:
    problem = _problem(tmp_path, pattern)
    assert words in problem.message
    assert "nested" not in problem.message
