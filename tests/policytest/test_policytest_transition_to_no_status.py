"""A ``transition:`` step to a word that is no status is refused when the file is read,
at its line: a typo with the status meant, an event with the ``record:`` step to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.spec import load_test_file


def _problem(tmp_path: Path, step: str) -> Problem:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n  - name: a\n    complaint: {text: x}\n"
        f"    steps:\n      - {{at: 1h, {step}}}\n    expect: {{status: investigating}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.path) == (5, "tests[0].steps[0].transition")
    return problem


@pytest.mark.parametrize(
    ("word", "event"), [("上门", "site_visit"), ("site_visit", "site_visit"), ("上门回访", "")]
)
def test_an_event_written_as_a_transition_is_shown_the_record_step(
    tmp_path: Path, word: str, event: str
) -> None:
    problem = _problem(tmp_path, f"transition: {word}")
    assert f"{word!r} is not a case status" in problem.message
    assert "record: " in problem.hint, problem.hint
    if word.isascii():
        assert f"write record: {event}" in problem.hint
    assert "investigating" in problem.hint  # the statuses there are


def test_a_mistyped_status_is_answered_with_the_status_meant(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "transition: investigatng")
    assert "did you mean 'investigating'?" in problem.hint, problem.hint
    assert "record:" not in problem.hint


def test_a_status_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n  - name: a\n    complaint: {text: x}\n"
        "    steps:\n      - {at: 1h, transition: investigating}\n"
        "    expect: {status: investigating}\n",
        "utf-8",
    )
    load_test_file(path)
