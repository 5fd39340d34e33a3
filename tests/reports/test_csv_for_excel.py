"""``report --csv`` opens in Excel with its Chinese intact.

Excel reads a CSV file without a byte order mark in the system's legacy code page (GBK on
a Chinese Windows, 1252 on an English one): ``report --csv --lang zh > report.csv``
opened by a double click showed ``投诉分析报告`` as mojibake, and every category label,
product and owner with it. The command now starts its CSV with a UTF-8 byte order mark,
which Excel, LibreOffice and ``encoding="utf-8-sig"`` read as the encoding and drop;
cells holding a line break stay one quoted cell.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


def _store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    try:
        play_day(desk, clock)
    finally:
        desk.storage.close()
    return url


def test_the_csv_starts_with_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    cli = build_cli(local_plugins())
    result = CliRunner().invoke(cli, ["--db", _store(tmp_path), "report", "--csv", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.count(codecs.BOM_UTF8) == 1
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "\u6295\u8bc9\u5206\u6790\u62a5\u544a"  # 投诉分析报告, the title
