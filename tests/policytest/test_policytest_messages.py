"""Messages of ``complaintkit test`` speak of the tests file, in the YAML its author wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.runner import Runner
from complaintkit.policytest.spec import load_test_file

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail"


def _problems(tmp_path: Path, text: str) -> list[Problem]:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    return list(caught.value.problems)


def test_an_anchor_in_a_tests_file_points_to_the_files_shared_defaults(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        "complaint: &c {channel: web}\n"
        "tests:\n"
        "  - name: a\n"
        "    complaint: *c\n"
        "    expect: {category: product}\n",
    )
    assert [problem.location.line for problem in problems] == [1, 4]  # the anchor, the alias
    for problem in problems:
        assert "tests file" in problem.message
        assert "polic" not in problem.message
        assert "extends" not in problem.hint
        assert "complaint:" in problem.hint
        assert "facts:" in problem.hint


def test_a_merge_key_in_a_tests_file_speaks_of_the_tests_file(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        "tests:\n  - name: a\n    complaint: {<<: {text: x}}\n    expect: {category: product}\n",
    )
    merge = [p for p in problems if "<<" in p.message]
    assert merge
    assert all("polic" not in p.message + p.hint for p in merge)


def test_deep_nesting_in_a_tests_file_speaks_of_the_tests_file(tmp_path: Path) -> None:
    deep = "[" * 70 + "]" * 70
    [problem] = _problems(tmp_path, f"tests:\n  - name: a\n    complaint: {{text: {deep}}}\n")
    assert problem.location.line == 3
    assert "the tests file nests deeper than 64 levels" in problem.message


def test_a_yaml_tag_in_a_tests_file_speaks_of_the_tests_file(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        "tests:\n  - name: a\n    complaint: {text: !!set {x}}\n    expect: {category: product}\n",
    )
    tagged = [p for p in problems if "!!set" in p.message]
    assert tagged
    assert all("polic" not in p.message + p.hint for p in tagged)


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n", "# only a comment\n"])
def test_a_file_that_is_no_mapping_of_tests_is_one_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "nothing-beside.tests.yaml").write_text(text, "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(tmp_path / "nothing-beside.tests.yaml")
    [problem] = caught.value.problems
    assert problem.location.line == 1
    assert "tests:" in problem.message + problem.hint


def test_a_step_time_that_is_no_time_is_shown_as_yaml_wrote_it(tmp_path: Path) -> None:
    [problem] = _problems(
        tmp_path,
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x}\n"
        "    steps: [{at: true, tick: true}]\n"
        "    expect: {category: product}\n",
    )
    assert problem.location.line == 4
    assert "(got true)" in problem.message


def test_errors_while_running_name_no_python_class(tmp_path: Path) -> None:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {RETAIL / 'supermarket.yaml'}\n"
        "tests:\n"
        "  - name: a move the lifecycle forbids\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps: [{at: 1h, transition: follow_up}]\n"
        "    expect: {category: product}\n"
        "  - name: an earlier complaint without text\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    earlier: [{channel: web}]\n"
        "    expect: {category: product}\n"
        "  - name: a formula input left out\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {compensation: {total: 0 CNY}}\n",
        "utf-8",
    )
    results = Runner().run_file(path)
    errors = [r.error for r in results]
    assert all(errors), errors
    for error in errors:
        assert error is not None
        assert not re.search(r"\b[A-Z][a-z]+[A-Z]\w*:|Error:", error), error
    assert [r.error_location.line for r in results if r.error_location] == [5, 9, 11]


def test_a_value_that_should_be_a_mapping_is_shown_as_yaml_wrote_it(tmp_path: Path) -> None:
    [problem] = _problems(
        tmp_path,
        "tests:\n  - name: a\n    complaint: [x, y]\n    expect: {category: product}\n",
    )
    assert problem.message == "complaint must be a mapping (got [x, y])"


@pytest.mark.parametrize(
    ("expect", "path"),
    [
        ("{total: 2020.001 CNY}", "tests[0].expect.compensation.total"),
        ("{total: 1.5 JPY}", "tests[0].expect.compensation.total"),
        ("{remedies: [refund 12.505 CNY]}", "tests[0].expect.compensation.remedies[0]"),
    ],
)
def test_an_expected_amount_finer_than_its_currency_pays_is_an_error_at_its_line(
    tmp_path: Path, expect: str, path: str
) -> None:
    [problem] = _problems(
        tmp_path,
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x}\n"
        "    facts: {loss: {amount: '500.001', currency: CNY}}\n"
        f"    expect:\n      compensation: {expect}\n",
    )
    assert problem.location.line == 6
    assert problem.location.path == path
    assert "more places than" in problem.message


def test_an_expected_amount_as_paid_and_a_finer_fact_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x}\n"
        "    facts: {loss: {amount: '500.001', currency: CNY}}\n"
        "    expect: {compensation: {total: 2020.10 CNY, remedies: [refund 3 JPY, refund 1.1]}}\n",
        "utf-8",
    )
    [test] = load_test_file(path).tests
    assert test.facts["loss"]["amount"] == "500.001"


SUPERMARKET = RETAIL / "supermarket.yaml"


@pytest.mark.parametrize(
    ("expect", "line", "path"),
    [
        ("    expect: {compensation: {total: 12.345}}\n", 4, "tests[0].expect.compensation.total"),
        (
            "    expect: {compensation: {remedies: [refund 12.505]}}\n",
            4,
            "tests[0].expect.compensation.remedies[0]",
        ),
        (
            "    steps:\n      - {tick: true, expect: {compensation: {total: '0.001'}}}\n",
            5,
            "tests[0].steps[0].expect.compensation.total",
        ),
    ],
    ids=["total", "remedy", "step"],
)
def test_an_amount_without_a_currency_finer_than_the_policys_is_refused_on_loading(
    tmp_path: Path, expect: str, line: int, path: str
) -> None:
    # 12.345 read as CNY can never match a decided total: the test failed only when run
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(f"policy: {SUPERMARKET}\ntests:\n  - name: a\n{expect}", "utf-8")
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(tests)
    [problem] = caught.value.problems
    assert problem.location.file == str(tests)
    assert (problem.location.line, problem.location.path) == (line, path)
    assert "more places than CNY" in problem.message
    assert "the policy's currency" in problem.message
    with pytest.raises(PolicyError):
        Runner().run_file(tests)


def test_an_amount_without_a_currency_as_the_policy_pays_is_accepted(tmp_path: Path) -> None:
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        f"policy: {SUPERMARKET}\ntests:\n  - name: a\n"
        "    expect: {compensation: {total: 12.35, remedies: [refund 12.3, refund]}}\n",
        "utf-8",
    )
    [test] = Runner().load_file(tests).tests
    assert test.expect is not None
