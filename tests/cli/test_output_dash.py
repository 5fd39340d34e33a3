"""``-`` for an output file is standard output, as for any command-line tool: ``replay
--html -`` and ``audit checkpoint --out -`` wrote a file named ``-`` in the working
directory (``replay`` printing its text comparison where a page was piped for), as
``report --html -`` did before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path


@pytest.fixture(scope="module", name="store")
def store_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(build_cli(), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "demo.db"


def _run(store: Path, work: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    work.mkdir()
    monkeypatch.chdir(work)
    return CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{store}", *args])


def test_replay_html_dash_prints_the_page_alone(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = str(demo_policy_path())
    result = _run(store, tmp_path / "work", monkeypatch, "replay", policy, "--html", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert list((tmp_path / "work").iterdir()) == []


def test_replay_html_dash_beside_json_is_a_usage_error(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = str(demo_policy_path())
    args = ("replay", policy, "--html", "-", "--json")
    result = _run(store, tmp_path / "work", monkeypatch, *args)
    assert result.exit_code == 2
    assert "--html -" in result.output
    assert list((tmp_path / "work").iterdir()) == []


def test_checkpoint_out_dash_prints_the_checkpoint(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(store, tmp_path / "work", monkeypatch, "audit", "checkpoint", "--out", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["format"] == "complaintkit-audit-checkpoint/1"
    assert list((tmp_path / "work").iterdir()) == []
