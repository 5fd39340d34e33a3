"""A policy test's expected amount with a point before three digits, in a currency with no
minor unit (``total: 1.000 JPY``, ``voucher 150.000 VND``), is as ambiguous as a policy's or
a complaint's amount so written: it was compared as 1 JPY, so a test meaning 1,000 yen
passed on a policy paying 1 yen. It is an error naming both readings, where it is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest.runner import Runner
from complaintkit.policytest.spec import load_test_file

BASE = (Path(__file__).parents[2] / "docs" / "policy" / "base.yaml").as_posix()


def _files(tmp_path: Path, paid: str, expect: str) -> Path:
    (tmp_path / "p.yaml").write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: JPY\n  rules:\n"
        f"    - id: a\n      remedies: [{{kind: voucher, amount: {paid}}}]\n",
        "utf-8",
    )
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        "complaint: {channel: web, customer: {id: C-1}, text: hello}\n"
        f"tests:\n  - name: a\n    expect: {{compensation: {expect}}}\n",
        "utf-8",
    )
    return tests


@pytest.mark.parametrize(
    ("expect", "where"),
    [
        ("{total: 1.000 JPY}", "tests[0].expect.compensation.total"),
        ("{remedies: [voucher 1.000 JPY]}", "tests[0].expect.compensation.remedies[0]"),
    ],
)
def test_an_expected_amount_so_written_is_an_error_naming_both(
    tmp_path: Path, expect: str, where: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        load_test_file(_files(tmp_path, "1", expect))
    [problem] = caught.value.problems
    assert problem.location.path == where
    assert "'1000'" in problem.message
    assert "'1'" in problem.message


@pytest.mark.parametrize(
    "expect", ["{total: 1.000}", "{remedies: [{kind: voucher, amount: '1.000'}]}"]
)
def test_one_in_the_policys_currency_is_refused_once_the_policy_is_known(
    tmp_path: Path, expect: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        Runner().run_file(_files(tmp_path, "1", expect))
    [problem] = caught.value.problems
    assert problem.location.path.startswith("tests[0].expect.compensation.")
    assert "'1000'" in problem.message
    assert "'1'" in problem.message


@pytest.mark.parametrize("expect", ["{total: 1000 JPY}", "{total: 1000}", "{total: 1.000 KWD}"])
def test_amounts_without_the_ambiguity_compare_as_written(tmp_path: Path, expect: str) -> None:
    paid = "1000"
    [result] = Runner().run_file(_files(tmp_path, paid, expect))
    assert result.passed != ("KWD" in expect)
