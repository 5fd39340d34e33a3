"""``cases export CASE --out FILE``: the export wrote only to standard output, so a case
for a regulator went through a shell redirect, which truncates the file before the first
byte is read (an earlier export lost on a typo) and leaves half a file on a full disk.
``--out`` writes the file whole or not at all, refuses to replace one unless ``--force``
is given, and names the file and what to do when it cannot be written."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _export(db: Path, case_id: str, *options: str) -> Result:
    return CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{db}", "cases", "export", case_id, *options]
    )


@pytest.mark.parametrize("form", [[], ["--csv"]], ids=["json", "csv"])
def test_the_file_holds_what_standard_output_gets(tmp_path: Path, form: list[str]) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "case.export"
    case_id = noted_case(db, "called back")
    printed = _export(db, case_id, *form)
    written = _export(db, case_id, *form, "--out", str(out))
    assert written.exit_code == 0, written.output
    assert out.read_bytes() == printed.stdout_bytes
    assert str(out) in written.stdout
    assert "intact" in written.stdout


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "case.json"
    case_id = noted_case(db, "called back")
    out.write_text("last week's export", encoding="utf-8")
    refused = _export(db, case_id, "--out", str(out))
    assert refused.exit_code == 2
    assert out.read_text(encoding="utf-8") == "last week's export"
    said = " ".join(refused.stderr.split())
    assert str(out) in said
    assert "--force" in said
    forced = _export(db, case_id, "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.read_text(encoding="utf-8"))["case_id"] == case_id


def test_a_damaged_history_is_written_and_named(tmp_path: Path) -> None:
    db, out = tmp_path / "cases.db", tmp_path / "case.json"
    case_id = noted_case(db, "called back")
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            "UPDATE events SET body = json_set(body, '$.data.text', 'refunded') "
            "WHERE case_id = ? AND kind = 'noted'",
            (case_id,),
        )
    result = _export(db, case_id, "--out", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["verdict"]["intact"] is False
    assert "altered after it was recorded" in " ".join(result.stderr.split())
    assert "damaged" in result.stdout


def _unwritable(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Paths no export can be written to, and a word the refusal says about each."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    return {
        "folder missing": (tmp_path / "no-such-folder" / "case.json", "no-such-folder"),
        "below a file": (tmp_path / "a-file" / "case.json", "a-file"),
        "a folder": (tmp_path / "a-folder", "folder"),
        "the store": (tmp_path / "cases.db", "--db"),
    }


@pytest.mark.parametrize("where", ["folder missing", "below a file", "a folder", "the store"])
def test_an_unwritable_path_is_named(tmp_path: Path, where: str) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called back")
    out, word = _unwritable(tmp_path)[where]
    before = db.read_bytes()
    result = _export(db, case_id, "--out", str(out), "--force")
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.stderr.split())
    assert "--out" in said
    assert word in said
    assert db.read_bytes() == before


def test_a_blank_name_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called back")
    result = _export(db, case_id, "--out", " ")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_the_store_is_named_before_any_advice_to_force(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called back")
    before = db.read_bytes()
    result = _export(db, case_id, "--out", str(db))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "is the store --db names" in said
    assert "--force" not in said
    assert db.read_bytes() == before
