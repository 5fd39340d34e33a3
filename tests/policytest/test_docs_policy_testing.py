"""docs/policy-testing.md runs: its test-file examples pass against the supermarket policy
they are written for, and the failure it shows is what ``complaintkit test`` prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.policytest import Runner

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "policy-testing.md").read_text(encoding="utf-8")
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


def section(title: str) -> str:
    return DOC.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_format_example_passes_beside_its_policy(tmp_path: Path) -> None:
    """The reference example names every key; it is a real test of supermarket.yaml."""
    example = re.findall(r"```yaml\n(.*?)```", section("Format"), flags=re.S)[0]
    shutil.copy(POLICY, tmp_path / "supermarket.yaml")
    path = tmp_path / "supermarket.tests.yaml"
    path.write_text(example, encoding="utf-8")
    results = Runner().run_file(path)
    assert [r.test.name for r in results] == ["spoiled milk is urgent food safety"]
    assert [(r.error, r.failures) for r in results if not r.passed] == []


def test_the_gate_example_passes_against_the_supermarket_policy(tmp_path: Path) -> None:
    (gate,) = [text for text in blocks("yaml") if "refused:" in text]
    path = tmp_path / "gate.tests.yaml"
    path.write_text(f"policy: {POLICY}\ntests:\n{gate}", encoding="utf-8")
    results = Runner().run_file(path)
    assert len(results) == 1
    assert [(r.error, r.failures) for r in results if not r.passed] == []


def test_the_failure_shown_is_what_the_test_command_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Reading a failure': the test file shown, run where the page runs it, fails with the
    very lines the page shows (expected and actual the right way round)."""
    text = section("Reading a failure")
    (test_file,) = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    (shown,) = re.findall(
        r"```\n(.*?)```", re.sub(r"```yaml\n.*?```", "", text, flags=re.S), flags=re.S
    )
    command = re.search(r"`(complaintkit test [^`]+)`", text)
    assert command is not None
    where = shown.splitlines()[0].split()[1].rsplit(":", 1)[0]
    monkeypatch.chdir(tmp_path)
    Path(where).parent.mkdir(parents=True)
    shutil.copy(POLICY, Path(where).parent / POLICY.name)
    Path(where).write_text(test_file, encoding="utf-8")
    assert yaml.safe_load(Path(where).read_text(encoding="utf-8"))["tests"]
    _, _, *args = command.group(1).split()
    result = CliRunner().invoke(build_cli(), ["test", *args])
    assert result.exit_code == 1
    assert result.output.startswith(shown), result.output
