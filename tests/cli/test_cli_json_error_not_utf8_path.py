"""``explain``, ``check`` and ``replay`` given a policy path that is not UTF-8 (``$'\\xff'``,
which Python reads as a lone surrogate) with ``--json`` ended in a UnicodeEncodeError
traceback: the error's message named the path, and the JSON printing it could not be
encoded. The message now shows such a character as its escape (``\\udcff``), so the error
is JSON, with its exit code; so does ``audit checkpoint --out``'s line naming the file
it wrote, which said the file was written and then failed with exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
NOT_UTF8 = "\udcff"


@pytest.mark.parametrize(
    "command",
    [
        ["explain", NOT_UTF8, "complaint.json"],
        ["check", NOT_UTF8],
        ["replay", NOT_UTF8],
        ["replay", POLICY, "rows.csv", "--baseline", NOT_UTF8],
    ],
)
def test_a_json_error_naming_a_path_that_is_not_utf8_is_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / NOT_UTF8).write_text("x", "utf-8")  # it exists: the policy reader refuses it
    (tmp_path / "complaint.json").write_text('{"text": "late", "customer_id": "C1"}', "utf-8")
    (tmp_path / "rows.csv").write_text("id,date,narrative\n1,2026-11-23,late\n", "utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(CLI, ["--db", db, *command, "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == result.exit_code
    assert result.exit_code in (1, 2)
    assert "\\udcff" in error["message"]


def test_a_checkpoint_written_to_a_path_not_utf8_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=db)
    desk.intake(make_complaint("NU1"))
    desk.storage.close()
    result = CliRunner().invoke(CLI, ["--db", db, "audit", "checkpoint", "--out", NOT_UTF8])
    assert result.exit_code == 0, result.output
    assert "\\udcff" in result.output
