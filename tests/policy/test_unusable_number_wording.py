"""A number a policy cannot use, told in the author's terms.

``'>': 1.0e+400`` (too large for a float, so infinite to YAML) and ``.inf`` were told
'inf is not a usable number', and ``.nan`` 'nan is not a usable number': the author of
1.0e+400 wrote no inf. The message says what the value is and how it comes about.
"""

from __future__ import annotations

import pytest

from complaintkit.policy.source import parse_text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1.0e+400", "too large"),
        ("-1.0e+400", "too large"),
        (".inf", ".inf"),
        (".nan", "not a number"),
    ],
)
def test_a_number_that_is_no_number_is_told_what_it_is(written: str, said: str) -> None:
    source = parse_text(f"limit: {written}\n", "p.yaml")
    (problem,) = source.problems
    assert (problem.code, problem.location.path, problem.location.line) == ("bad-value", "limit", 1)
    assert said in problem.message
    assert not problem.message.startswith(("inf ", "nan ", "-inf "))
