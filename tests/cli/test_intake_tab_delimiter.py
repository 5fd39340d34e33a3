"""A tab-separated export (Excel's "Unicode Text", a database dump) needs ``-o
delimiter=<a tab>``, which bash writes ``$'\\t'`` and Windows' cmd cannot type at all. The
tab written as ``\\t`` or ``tab`` — what the advice for a tab-separated header said, copied
into PowerShell or cmd, or what a script passes — was refused as 'delimiter '\\\\t' must be
one character'. Both name the tab, and the advice says ``-o delimiter=tab``, which every
shell passes as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COLUMNS = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
EXPORT = "id\tdate\ttext\r\n1\t2026-11-23\t外卖送晚了,饭是凉的\r\n"


def intake(tmp_path: Path, *options: str) -> tuple[int, str]:
    source = tmp_path / "export.txt"
    source.write_bytes(EXPORT.encode("utf-16"))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    args = ["--db", db, "intake", "--channel", "csv", *COLUMNS, "-o", "columns.text=text"]
    result = CliRunner().invoke(CLI, [*args, "-o", "encoding=utf-16", *options, str(source)])
    return result.exit_code, result.output


@pytest.mark.parametrize("written", ["\\t", "tab", "TAB", "\t"])
def test_a_tab_written_out_reads_a_tab_separated_export(tmp_path: Path, written: str) -> None:
    code, output = intake(tmp_path, "-o", f"delimiter={written}")
    assert code == 0, output
    assert "1 new cases" in output


def test_the_advice_for_a_tab_separated_header_works_in_any_shell(tmp_path: Path) -> None:
    code, output = intake(tmp_path)
    assert code == 1
    advice = output.rpartition("read the file with ")[2].split()
    assert advice[:2] == ["-o", "delimiter=tab"], output
    code, output = intake(tmp_path, *advice[:2])
    assert code == 0, output
