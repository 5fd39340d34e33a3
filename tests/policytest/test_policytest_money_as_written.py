"""An expected amount written as the SOP writes money (``total: 119元``, ``voucher 20元``,
``￥119``) says what to write, not only the form.

Found writing tests for a policy from seed 001: ``expect: {compensation: {total: 119元}}``
got 'expected an amount like '15.00 CNY' (got "119元")' and no hint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.spec import load_test_file


def _problem(tmp_path: Path, compensation: str) -> Problem:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        f"tests:\n  - name: a\n    complaint: {{text: x}}\n"
        f"    expect: {{compensation: {compensation}}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    [problem] = caught.value.problems
    return problem


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("{total: 119元}", "write '119 CNY'"),
        ("{total: ￥119}", "write '119 CNY'"),
        ("{remedies: [voucher 20元]}", "write 'voucher 20 CNY'"),
    ],
)
def test_money_as_the_sop_writes_it_says_what_to_write(
    tmp_path: Path, written: str, hint: str
) -> None:
    assert _problem(tmp_path, written).hint.startswith(hint)
