"""A policy test names statuses and gate steps by their ids; one written as the SOP says it
(已解决, 根因) is an error at its line when the file is read, saying which id to write.

Found writing tests for a policy from seed 001: ``transition: 已解决`` was told to write
``record: <event>`` (an event your SOP names) although 已解决 is the status ``resolved``;
``expect: {status: 已解决}`` and ``expect: {refused: [根因]}`` were read, and the test then
failed comparing 已解决 with resolved and 根因 with root_cause, or a typo (``satisfation``)
with what the gates found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.spec import load_test_file


def _problem(tmp_path: Path, step: str) -> Problem:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        f"tests:\n  - name: a\n    complaint: {{text: x}}\n    steps:\n      - {{at: 1h, {step}}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    [problem] = caught.value.problems
    assert problem.location.line == 5
    return problem


@pytest.mark.parametrize(("word", "status"), [("已解决", "resolved"), ("结案", "closed")])
def test_a_transition_to_a_status_named_in_chinese_says_which(
    tmp_path: Path, word: str, status: str
) -> None:
    problem = _problem(tmp_path, f"transition: {word}, expect: {{tags: []}}")
    assert problem.hint.startswith(f"write transition: {status}"), problem.hint


@pytest.mark.parametrize(
    ("expect", "path", "hint"),
    [
        ("{status: 已解决}", "expect.status", "write status: resolved"),
        ("{status: resolvd}", "expect.status", "did you mean 'resolved'?"),
        ("{refused: [根因]}", "expect.refused[0]", "write root_cause"),
        ("{refused: [satisfation]}", "expect.refused[0]", "did you mean 'satisfaction'?"),
    ],
)
def test_an_expected_status_or_gate_step_that_is_none_says_which(
    tmp_path: Path, expect: str, path: str, hint: str
) -> None:
    problem = _problem(tmp_path, f"close: true, expect: {expect}")
    assert problem.location.path == f"tests[0].steps[0].{path}"
    assert problem.hint.startswith(hint), problem.hint
