"""Policy tests written in TOML or JSON, as a policy may be: run like YAML ones, never
skipped. A folder's ``supermarket.tests.json`` was left out of ``complaintkit test
policies/`` without a word, so its wrong expectations "passed" by not running."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.spec import find_test_files, is_test_file

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"


def _write_both(folder: Path) -> tuple[Path, Path]:
    as_json = folder / "shop.tests.json"
    as_json.write_text(
        json.dumps(
            {
                "policy": str(POLICY),
                "tests": [
                    {"name": "牛奶变质", "complaint": {"text": "牛奶变质了"}, "expect": {}},
                ],
            },
            ensure_ascii=False,
            indent=2,
        ).replace('"expect": {}', '"expect": {"category": "service"}'),
        "utf-8",
    )
    as_toml = folder / "shop.tests.toml"
    as_toml.write_text(
        f'policy = "{POLICY}"\n\n'
        "[[tests]]\n"
        'name = "spoiled milk is product"\n'
        'complaint = {text = "牛奶变质了"}\n'
        'expect = {category = "product"}\n\n'
        "[[tests]]\n"
        'name = "spoiled milk is not minor"\n'
        'complaint = {text = "牛奶变质了"}\n'
        'expect = {severity = "minor"}\n',
        "utf-8",
    )
    return as_json, as_toml


def test_toml_and_json_tests_files_are_test_files() -> None:
    for name in ("a.tests.json", "a.tests.toml", "a.tests.yaml", "a.tests.yml", "A.TESTS.YAML"):
        assert is_test_file(Path(name)), name
    assert not is_test_file(Path("a.json"))


def test_a_folder_runs_its_toml_and_json_tests_and_reports_their_lines(tmp_path: Path) -> None:
    as_json, as_toml = _write_both(tmp_path)
    assert find_test_files([tmp_path]) == [as_json, as_toml]
    result = CliRunner().invoke(build_cli(), ["test", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert f"FAIL {as_json}:4" in result.output  # the test object's line
    assert f"FAIL {as_toml}:8  spoiled milk is not minor" in result.output
    assert "1 passed, 2 failed in 2 file(s)" in result.output


def test_a_policy_folder_does_not_read_its_toml_or_json_tests_as_policy(tmp_path: Path) -> None:
    (tmp_path / "shop.yaml").write_text(POLICY.read_text("utf-8"), "utf-8")
    _write_both(tmp_path)
    assert load_policy(tmp_path).catalog is not None


def test_a_file_named_like_no_tests_file_is_told_its_name(tmp_path: Path) -> None:
    path = tmp_path / "shop.tests.txt"
    path.write_text("tests: []\n", "utf-8")
    result = CliRunner().invoke(build_cli(), ["test", str(path)])
    assert result.exit_code == 1
    assert "shop.tests.tests" not in result.output
    assert "shop.tests.yaml" in result.output
