"""``complaintkit schema --write`` wrote the schema into the installed package
(site-packages, or src/ of a checkout), a file no user named. The schema is now written
where ``--out`` names (``-``: standard output), whole or not at all; ``--write`` is a usage
error saying so, and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.policy import schema
from complaintkit.policy.schema import render_schema

SHIPPED = Path(schema.__file__).with_name("policy.schema.json")


def _run(*args: str) -> Result:
    return CliRunner().invoke(build_cli(), list(args))


def test_write_is_refused_and_the_package_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = SHIPPED.stat().st_mtime_ns
    result = _run("schema", "--write")
    assert result.exit_code == 2, result.output
    assert "--write" in result.stderr
    assert "--out" in result.stderr
    assert "Traceback" not in result.output
    assert SHIPPED.stat().st_mtime_ns == before
    assert list(tmp_path.iterdir()) == []


def test_out_writes_the_schema_there_and_nowhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = SHIPPED.stat().st_mtime_ns
    result = _run("schema", "--out", "policy.schema.json")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "policy.schema.json").read_text("utf-8") == render_schema()
    assert [p.name for p in tmp_path.iterdir()] == ["policy.schema.json"]
    assert "policy.schema.json" in result.stdout
    assert SHIPPED.stat().st_mtime_ns == before


def test_out_dash_prints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("schema", "--out", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["$schema"].startswith("https://json-schema.org/")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["", " ", "folder"])
def test_out_naming_no_file_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    result = _run("schema", "--out", where)
    assert result.exit_code in (1, 2), result.output
    assert "--out" in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]
    assert list((tmp_path / "folder").iterdir()) == []
