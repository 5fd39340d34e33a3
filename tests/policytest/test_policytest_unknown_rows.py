"""An expectation naming a compensation row the policy does not have is an error in the
tests file, as an undeclared category is: ``compensation: {rows: [food-safty]}`` ran and
showed as an ordinary FAIL, as though the policy had decided wrongly, when no decision
could ever name that row."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.runner import Runner

SUPERMARKET = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
ROWS = [row.id for row in load_policy(SUPERMARKET).compensation.table.rows]  # type: ignore[union-attr]


def _load(folder: Path, expect: str) -> None:
    path = folder / "shop.tests.yaml"
    path.write_text(
        f"policy: {SUPERMARKET}\n"
        "complaint: {channel: web, customer: {id: C-1}}\n"
        "tests:\n"
        "  - name: 牛奶\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps:\n"
        "      - {at: 1h, tick: true, expect: {status: received}}\n"
        f"    expect: {expect}\n",
        "utf-8",
    )
    Runner().load_file(path)


def _problems(folder: Path, expect: str) -> list[Problem]:
    with pytest.raises(PolicyError) as caught:
        _load(folder, expect)
    return list(caught.value.problems)


def test_a_row_the_policy_does_not_have_is_named_at_its_line(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "{compensation: {rows: [food-safety, food-safty]}}")
    assert problem.location.line == 8
    assert problem.location.path == "tests[0].expect.compensation.rows[1]"
    assert "'food-safty'" in problem.message
    assert problem.hint is not None
    assert "'food-safety'" in problem.hint


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.sampled_from([*ROWS, "no-such-row", "行"]), max_size=4))
def test_only_the_rows_the_policy_lacks_are_refused(
    tmp_path_factory: pytest.TempPathFactory, rows: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("rows")
    expect = "{compensation: {rows: [" + ", ".join(rows) + "]}}"
    unknown = [r for r in rows if r not in ROWS]
    if not unknown:
        _load(folder, expect)
        return
    problems = _problems(folder, expect)
    assert len(problems) == len(unknown)
    assert all(any(repr(r) in p.message for p in problems) for r in unknown)
