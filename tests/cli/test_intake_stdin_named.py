"""An intake from standard input (``complaintkit intake -``) that cannot use it named it by
the dash it was given as: ``Error: - starts with the byte order mark of utf-16``,
``Error: -: the file is empty``. The error names it "standard input", as the dead
letters of its records name it ``<stdin>``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COLUMNS = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
CSV = ["--channel", "csv", *COLUMNS, "-o", "columns.text=text"]
HEADER = "id\tdate\ttext\r\n1\t2026-11-23\t外卖送晚了\r\n"

CASES = {
    "csv, empty": (CSV, b""),
    "csv, utf-16 read as utf-8": (CSV, HEADER.encode("utf-16")),
    "csv, utf-16 with no mark": ([*CSV, "-o", "encoding=utf-16"], HEADER.encode("utf-16-le")),
    "csv, header lacks a column": (CSV, b"id,date,narrative\n"),
    "csv, unmarked utf-16-le": (CSV, "id,date,text\n".encode("utf-16-le")),
    "jsonl, utf-16": (["--channel", "jsonl"], '{"a": 1}\n'.encode("utf-16")),
}


@pytest.mark.parametrize(("args", "stdin"), CASES.values(), ids=CASES.keys())
def test_an_error_about_standard_input_names_it(
    tmp_path: Path, args: list[str], stdin: bytes
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(CLI, ["--db", db, "intake", *args, "-"], input=stdin)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: standard input"), result.stderr
