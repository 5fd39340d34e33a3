"""A tests file's ``policy:`` that is no path (a number, a list, blank text, nothing) is one
error at that key saying what it holds. It was read as not given: ``policy: ""`` tested the
policy named like the file, and ``policy: 5`` added a second error about that other policy
(``no policy at …``), which the author never named."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest.spec import load_test_file

_TESTS = "tests: [{name: a, complaint: {text: x}, expect: {category: product}}]\n"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("5", "5"), ("[a.yaml]", "[a.yaml]"), ('""', "''"), ('"  "', "'  '"), ("", "null")],
)
def test_a_policy_that_is_no_path_is_one_error_at_it(
    tmp_path: Path, written: str, shown: str
) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")  # the one named like it
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {written}\n{_TESTS}", "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    ((problem),) = caught.value.problems
    assert (problem.location.line, problem.location.path) == (1, "policy")
    assert shown in problem.message
    assert "policy: p.yaml" in problem.hint
