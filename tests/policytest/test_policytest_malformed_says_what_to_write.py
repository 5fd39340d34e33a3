"""Every malformed part of a tests file says what to write there.

A test with no name, an ``expect``, ``complaint``, step or test that is no mapping, an id
expected as a list (``owner: [x]``, told to "quote it"), a compensation total that is no
amount and a remedy mapping without its kind were refused at their lines with no hint, or
with one that does not fit: the author learnt what was wrong, not what to write.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.spec import load_test_file


def _problems(tmp_path: Path, text: str) -> list[Problem]:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    return list(caught.value.problems)


def _one(tmp_path: Path, test: str) -> Problem:
    (problem,) = _problems(tmp_path, f"tests:\n  - {test}\n")
    assert problem.location.line == 2
    return problem


@pytest.mark.parametrize(
    ("test", "written"),
    [
        ("{complaint: {text: x}, expect: {category: product}}", "name:"),
        ("{name: a, complaint: {text: x}, expect: [category, product]}", "expect: {"),
        ("{name: a, complaint: milk went off, expect: {category: p}}", "complaint: {text:"),
        ("{name: a, complaint: {text: x}, steps: [tick], expect: {category: p}}", "{at:"),
        ("{name: a, complaint: {text: x}, expect: {owner: [li.na]}}", "owner: li.na"),
        ("{name: a, complaint: {text: x}, expect: {team: {id: q}}}", "team: "),
        ("{name: a, complaint: {text: x}, expect: {compensation: {total: lots}}}", "CNY"),
        (
            "{name: a, complaint: {text: x}, expect: {compensation: {remedies: [{amount: 5}]}}}",
            "kind:",
        ),
    ],
)
def test_a_malformed_test_says_what_to_write(tmp_path: Path, test: str, written: str) -> None:
    problem = _one(tmp_path, test)
    assert written in problem.hint


def test_a_test_that_is_no_mapping_says_what_a_test_is(tmp_path: Path) -> None:
    problem = _one(tmp_path, "just a sentence")
    assert "name:" in problem.hint
    assert "expect:" in problem.hint


def test_a_number_expected_as_an_id_is_still_told_to_quote_it(tmp_path: Path) -> None:
    problem = _one(tmp_path, "{name: a, complaint: {text: x}, expect: {team: 5}}")
    assert "quote" in problem.hint
