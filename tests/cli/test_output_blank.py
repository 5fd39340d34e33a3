"""An output option given blank (``--html "$OUT"`` of an unset variable) is a usage error
naming it: it was read as ``.``, the folder the command ran in, and refused as a folder
the user never named ("--html '.': could not write it: Is a directory", exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

POLICY = Path(__file__).parents[2] / "policies/ecommerce/online-shop.yaml"
OUTPUTS = [
    (["report", "--html"], "--html"),
    (["report", "--json", "--html"], "--html"),
    (["audit", "checkpoint", "--out"], "--out"),
    (["replay", str(POLICY), "--html"], "--html"),
]


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("BL1"))
    desk.storage.close()
    return url


@pytest.mark.parametrize("blank", ["", " "])
@pytest.mark.parametrize(("args", "option"), OUTPUTS, ids=[" ".join(a[:2]) for a, _ in OUTPUTS])
def test_a_blank_output_file_is_a_usage_error_naming_the_option(
    store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    option: str,
    blank: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", store, *args, blank])
    assert result.exit_code == 2, result.output
    said = result.stderr if "--json" not in args else result.stdout
    assert f"'{option}'" in said
    assert "is blank" in said
    assert "'.'" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_named_output_file_is_still_written(store: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", store, "report", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
