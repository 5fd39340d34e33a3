"""``complaintkit test`` and ``complaintkit check`` (complaintkit.cli.policytest), and the
pytest plugin collecting ``*.tests.yaml`` (run in this process by pytester, which loads the
installed pytest11 plugins as a new pytest process does)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent


def _broken(tmp_path: Path) -> Path:
    policy = ROOT / "policies" / "retail" / "supermarket.yaml"
    path = tmp_path / "broken.tests.yaml"
    path.write_text(
        f"policy: {policy}\n"
        "tests:\n"
        "  - name: right\n    complaint: {text: 牛奶变质了}\n    expect: {owner: li.na}\n"
        "  - name: wrong\n    complaint: {text: 牛奶变质了}\n    expect: {owner: amy.store}\n",
        "utf-8",
    )
    return path


def test_test_command_passes_on_the_seed_policies() -> None:
    result = CliRunner().invoke(build_cli(), ["test", str(ROOT / "policies")])
    assert result.exit_code == 0, result.output
    assert ", 0 failed in " in result.output


def test_test_command_exits_1_with_the_diff(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["test", str(_broken(tmp_path))])
    assert result.exit_code == 1
    assert "FAIL" in result.output
    assert "owner  expected: amy.store" in result.output
    assert "actual:   li.na" in result.output
    assert "1 passed, 1 failed in 1 file(s)" in result.output


def test_test_command_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["test", "--json", str(_broken(tmp_path))])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["passed"], data["failed"]) == (1, 1)
    (failure,) = data["tests"][1]["failures"]
    assert failure["mismatches"][0]["key"] == "owner"


@pytest.mark.slow
def test_check_command_finds_the_planted_gap() -> None:
    result = CliRunner().invoke(
        build_cli(),
        ["check", str(HERE / "fixtures" / "gap.yaml"), "--types", "price", "--examples", "40"],
    )
    assert result.exit_code == 1
    assert "FAIL classified: no classification rule matched" in result.output
    assert "smallest example:" in result.output


def test_check_command_rejects_unknown_types() -> None:
    result = CliRunner().invoke(
        build_cli(), ["check", str(HERE / "fixtures" / "gap.yaml"), "--types", "weather"]
    )
    assert result.exit_code == 2  # a usage mistake, as an unknown --property is
    assert "unknown type(s) ['weather']" in result.output


@pytest.mark.parametrize(
    ("types", "meant"), [("Product", "product"), ("product,servcie", "service")]
)
def test_check_command_names_the_type_a_slip_meant(types: str, meant: str) -> None:
    result = CliRunner().invoke(
        build_cli(), ["check", str(HERE / "fixtures" / "gap.yaml"), "--types", types]
    )
    assert result.exit_code == 2
    assert f"did you mean {meant!r}?" in result.output


@pytest.mark.parametrize("types", [",", " , ", ""])
def test_check_command_refuses_types_naming_none(types: str) -> None:
    result = CliRunner().invoke(
        build_cli(), ["check", str(HERE / "fixtures" / "gap.yaml"), "--types", types]
    )
    assert result.exit_code == 2
    assert "--types" in result.output
    assert "names no type" in result.output


def test_pytest_collects_policy_tests_and_shows_the_diff(pytester: pytest.Pytester) -> None:
    _broken(pytester.path)
    (pytester.path / "notes.yaml").write_text("not: a test\n", "utf-8")  # never collected
    done = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", str(pytester.path))
    assert done.ret == 1, done.stdout.str()
    assert "1 failed, 1 passed" in done.stdout.str()
    assert "owner  expected: amy.store" in done.stdout.str()


def test_pytest_refuses_to_collect_an_amount_finer_than_the_policys_currency(
    pytester: pytest.Pytester,
) -> None:
    # a total of 12.345 (read as CNY) was collected, and failed only when run
    policy = ROOT / "policies" / "retail" / "supermarket.yaml"
    (pytester.path / "cents.tests.yaml").write_text(
        f"policy: {policy}\ntests:\n  - name: cents\n"
        "    complaint: {text: 牛奶变质了}\n    expect: {compensation: {total: 12.345}}\n",
        "utf-8",
    )
    done = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", str(pytester.path))
    assert done.ret != 0, done.stdout.str()
    assert "1 error" in done.stdout.str()
    assert "cents.tests.yaml:5" in done.stdout.str()
    assert "more places than CNY, the policy's currency, pays" in done.stdout.str()


def test_check_command_passes_on_a_shipped_statutory_pack_and_selects_properties() -> None:
    policy = ROOT / "policies" / "statutory" / "eu-261-2004-art7.yaml"
    result = CliRunner().invoke(
        build_cli(), ["check", str(policy), "--property", "compensation", "--examples", "30"]
    )
    assert result.exit_code == 0, result.output
    assert "compensation hold on 30 complaints" in result.output
    assert "classified" not in result.output


def test_an_earlier_complaint_that_cannot_be_read_fails_its_own_test(tmp_path: Path) -> None:
    # it ended the whole run in one line naming neither the file nor the test
    policy = ROOT / "policies" / "retail" / "supermarket.yaml"
    path = tmp_path / "earlier.tests.yaml"
    path.write_text(
        f"policy: {policy}\n"
        "tests:\n"
        "  - name: broken earlier\n    complaint: {text: 牛奶变质了}\n"
        "    earlier: [{text: x, received_at: nope}]\n    expect: {owner: li.na}\n"
        "  - name: fine\n    complaint: {text: 牛奶变质了}\n    expect: {owner: li.na}\n",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["test", str(path)])
    assert result.exit_code == 1
    assert f"FAIL {path}:3  broken earlier" in result.output
    assert "error at line 5:" in result.output
    assert "1 passed, 1 failed in 1 file(s)" in result.output


def test_a_test_file_that_cannot_be_read_does_not_hide_the_others(tmp_path: Path) -> None:
    # one broken file ended the run: the other files' results were never shown
    (tmp_path / "a-broken.tests.yaml").write_text(
        f"policy: {ROOT / 'policies' / 'retail' / 'supermarket.yaml'}\n"
        "tests: [{name: x, complaint: {text: y}, expect: {deadlines: [first_response]}}]\n",
        "utf-8",
    )
    _broken(tmp_path)
    result = CliRunner().invoke(build_cli(), ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert f"ERROR {tmp_path / 'a-broken.tests.yaml'}" in result.output
    assert "deadlines must be a mapping" in result.output
    assert "1 passed, 1 failed, 1 file(s) could not run, in 2 file(s)" in result.output
    data = json.loads(CliRunner().invoke(build_cli(), ["test", "--json", str(tmp_path)]).output)
    assert (data["passed"], data["failed"]) == (1, 1)
    (error,) = data["errors"]
    assert error["file"] == str(tmp_path / "a-broken.tests.yaml")


def test_an_error_comparing_the_end_is_located_at_the_test_not_its_last_step(
    tmp_path: Path,
) -> None:
    # the expected total in another currency was reported at the line of the last step
    policy = ROOT / "policies" / "retail" / "supermarket.yaml"
    path = tmp_path / "currency.tests.yaml"
    path.write_text(
        f"policy: {policy}\n"
        "tests:\n"
        "  - name: euros for yuan\n    complaint: {text: 收银员态度很差}\n"
        "    steps:\n      - {at: 1h, respond: 抱歉}\n"
        "    expect: {compensation: {total: 0 EUR}}\n",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["test", str(path)])
    assert result.exit_code == 1
    assert f"FAIL {path}:3  euros for yuan" in result.output
    assert "error at line 3:" in result.output
    assert "EUR" in result.output


def test_a_policy_given_as_a_test_file_is_one_error_naming_its_tests(tmp_path: Path) -> None:
    # every top-level key of the policy was an "unknown key" of a test file: 20 errors
    policy = ROOT / "policies" / "retail" / "supermarket.yaml"
    result = CliRunner().invoke(build_cli(), ["test", str(policy)])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1, result.output
    assert "not a policy test file" in result.output
    assert str(policy.with_name("supermarket.tests.yaml")) in result.output


def test_json_names_each_problem_of_a_file_that_cannot_run_with_its_line(
    tmp_path: Path,
) -> None:
    # a script got one multi-line message to parse for the lines
    path = tmp_path / "typo.tests.yaml"
    path.write_text(
        f"policy: {ROOT / 'policies' / 'retail' / 'supermarket.yaml'}\n"
        "tests:\n  - name: a\n    complaint: {text: x}\n    expect: {categroy: product}\n",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["test", "--json", str(path)])
    assert result.exit_code == 1
    (error,) = json.loads(result.output)["errors"]
    (problem,) = error["problems"]
    assert (problem["line"], problem["path"]) == (5, "tests[0].expect.categroy")
    assert problem["message"] == "unknown key 'categroy'"


def test_json_gives_the_line_of_a_step_that_could_not_happen(tmp_path: Path) -> None:
    # the text said "error at line 6", the JSON only the message: a script could not
    # point at the step
    path = tmp_path / "illegal.tests.yaml"
    path.write_text(
        f"policy: {ROOT / 'policies' / 'retail' / 'supermarket.yaml'}\n"
        "tests:\n"
        "  - name: closing at once\n    complaint: {text: 收银员态度很差}\n    steps:\n"
        "      - {at: 1h, close: true}\n    expect: {status: closed}\n",
        "utf-8",
    )
    result = CliRunner().invoke(build_cli(), ["test", "--json", str(path)])
    assert result.exit_code == 1
    (test,) = json.loads(result.output)["tests"]
    assert (test["line"], test["error_line"]) == (3, 6)
    assert test["error"].startswith("step 1 (close, 1h after intake)")


def test_check_command_shows_a_huge_examples_value_cut_short() -> None:
    policy = ROOT / "policies" / "statutory" / "eu-261-2004-art7.yaml"
    given = "9" * 5000
    result = CliRunner().invoke(build_cli(), ["check", str(policy), "--examples", given])
    assert result.exit_code == 2
    assert "--examples" in result.output
    assert given not in result.output
    assert len(result.output) < 1000
