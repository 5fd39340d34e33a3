"""An old export writing its dates month first (``03/11/2019``, as the CFPB's did) or as
Excel keeps them (``43535``) has every row refused quoting its date (``column 'Date
received': '03/11/2019' is not a date; …``). The report counted those letters by that
quote: a row per day of the export, for one cause with one remedy, where ``dead-letters
count`` counts one. The date is now written ``'…'`` (and an Excel day's reading ``day …``),
so each cause is one row, its advice kept; ``dead-letters list`` still shows each date."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.reports import build_report, open_source
from complaintkit.storage.sqlite import SQLiteStorage

MONTH_FIRST = ("03/11/2019", "03/12/2019", "11/30/2019", "1/2/2020")
EXCEL_DAYS = ("43535", "43536", "43800")


def test_dates_of_one_unread_shape_are_one_row(tmp_path: Path) -> None:
    (tmp_path / "columns.yaml").write_text(
        "external_id: ID\nreceived_at: Date received\ntext: Issue\n", encoding="utf-8"
    )
    rows = [f"{i},{day},送错了\r\n" for i, day in enumerate(MONTH_FIRST + EXCEL_DAYS)]
    (tmp_path / "export.csv").write_text("ID,Date received,Issue\r\n" + "".join(rows), "utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(
        build_cli(),
        [
            *("--db", db, "intake", str(tmp_path / "export.csv"), "--channel", "csv"),
            *("-o", f"columns={tmp_path / 'columns.yaml'}", "-o", "timezone=Asia/Shanghai"),
        ],
    )
    assert done.exit_code == 3, done.output
    storage = SQLiteStorage(db)
    try:
        with closing(open_source(storage)) as source:
            counted = build_report(source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert sorted(counted.values()) == [len(EXCEL_DAYS), len(MONTH_FIRST)]
    for reason in counted:
        assert reason.startswith("received_at: column 'Date received': '…' is not a date; ")
    assert any("date_format=%m/%d/%Y" in reason for reason in counted)  # its advice kept
    assert all(f"'{day}'" in listed for day in MONTH_FIRST + EXCEL_DAYS)
