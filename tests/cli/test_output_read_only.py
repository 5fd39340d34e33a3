"""An output file the user made read-only is refused, not replaced: ``report --html`` and
``audit checkpoint --out`` wrote a new file beside it and renamed it over, which needs only
the folder's permission, so a checkpoint kept read-only on purpose was silently lost."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

KEPT = '{"kept": true}\n'
OUTPUTS = [
    (["report", "--html"], "--html"),
    (["report", "--json", "--html"], "--html"),
    (["audit", "checkpoint", "--out"], "--out"),
]


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("RO1"))
    desk.storage.close()
    return url


def read_only(path: Path) -> Path:
    path.write_text(KEPT, encoding="utf-8")
    path.chmod(0o444)
    return path


@pytest.mark.parametrize(("args", "option"), OUTPUTS, ids=[" ".join(a) for a, _ in OUTPUTS])
def test_a_read_only_output_file_is_refused_and_kept(
    store: str, tmp_path: Path, args: list[str], option: str
) -> None:
    out = read_only(tmp_path / "kept.html")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", store, *args, str(out)])
    assert result.exit_code == 2, result.output
    said = result.stderr if "--json" not in args else result.stdout
    assert option in said
    assert str(out) in said
    assert "read-only" in said
    assert out.read_text(encoding="utf-8") == KEPT
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cases.db") == ["kept.html"]


def test_a_writable_output_file_is_still_replaced(store: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text(KEPT, encoding="utf-8")
    out.chmod(0o640)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", store, "report", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
