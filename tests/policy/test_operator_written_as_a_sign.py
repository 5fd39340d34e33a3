"""An operator written as a sign or word the reader does not take (``≥`` from an input
method, ``=>``, ``<>``, a slip such as ``contians``) is an error at it that names the
operator to write, not only the list of operators."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.conditions import compile_condition


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\u2265", ">="),
        ("\u2264", "<="),
        ("\u2260", "!="),
        ("\uff1e", ">"),
        ("\uff1c", "<"),
        ("=", "=="),
        ("\uff1d", "=="),
        ("=>", ">="),
        ("=<", "<="),
        ("<>", "!="),
        ("contians", "contains"),
        ("betwen", "between"),
        ("not_in", "not in"),
    ],
)
def test_an_operator_written_otherwise_names_the_one_to_write(written: str, meant: str) -> None:
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": "complaint.amount", written: 100}, "when")
    (problem,) = refused.value.problems
    assert problem.location.path == f"when.{written}"
    assert f"write {meant!r}" in problem.hint
