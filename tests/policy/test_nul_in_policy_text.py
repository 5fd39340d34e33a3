"""A NUL byte in a policy that is otherwise UTF-8 text — a paste from a terminal, a file a
crash left zero-filled at its end — is named at its line and column, with how many more
follow. It was "the file is not text (it holds NUL bytes)" at line 1, column 1: the author
of a 300-line policy had no way to find it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.encoding import policy_text

POLICY = "complaintkit: 1\nname: 商城\ncategories:\n  product: {label: 产品}\n"


def _problem(raw: bytes) -> Problem:
    try:
        policy_text(raw, "policy.yaml")
    except PolicyError as refused:
        (problem,) = refused.problems
        return problem
    raise AssertionError("read as a policy")


def test_a_nul_is_named_at_its_line_and_column() -> None:
    problem = _problem(POLICY.replace("商城", "商\x00城").encode())
    assert (problem.location.line, problem.location.column) == (2, 8)
    assert "NUL" in problem.message
    assert "delete" in (problem.hint or "")


def test_a_zero_filled_end_is_named_where_it_starts_with_its_count() -> None:
    problem = _problem(POLICY.encode() + bytes(4096))
    assert (problem.location.line, problem.location.column) == (5, 1)
    assert "4095 more" in problem.message


@given(st.integers(0, len(POLICY)), st.integers(1, 3), st.sampled_from(["\n", "\r\n", "\r"]))
def test_wherever_nuls_are_the_first_is_located(at: int, count: int, end: str) -> None:
    text = POLICY[:at] + "\x00" * count + POLICY[at:]
    problem = _problem(text.replace("\n", end).encode())
    before = POLICY[:at]
    assert problem.location.line == before.count("\n") + 1
    assert problem.location.column == len(before) - (before.rfind("\n") + 1) + 1


def test_bytes_that_are_no_text_are_still_named_so() -> None:
    for raw in (b"\x00\x01\x02", bytes(64)):
        assert "not text" in _problem(raw).message
