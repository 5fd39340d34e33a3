"""``COMPLAINTKIT_DB`` or ``COMPLAINTKIT_POLICY`` set but empty — a script's
``COMPLAINTKIT_DB=$PROD_DB`` whose variable went unset — is a usage error naming the
variable: click takes an empty variable as unset, so ``intake`` took the whole feed into a
new ``complaintkit.db`` in the working folder and said all went well."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def feed(folder: Path) -> Path:
    line = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "快递三天没到",
    }
    source = folder / "feed.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("variable", ["COMPLAINTKIT_DB", "COMPLAINTKIT_POLICY"])
def test_an_empty_variable_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.chdir(tmp_path)
    source = feed(tmp_path)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["intake", str(source)], env={variable: ""})
    assert result.exit_code == 2, result.output
    assert variable in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl"]


def test_an_option_given_beside_an_empty_variable_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = feed(tmp_path)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        cli, ["--db", url, "intake", str(source)], env={"COMPLAINTKIT_DB": ""}
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cases.db").is_file()
