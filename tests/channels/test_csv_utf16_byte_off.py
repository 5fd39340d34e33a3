"""A UTF-16 export with one byte added or lost mid-row (a damaged copy, a transfer that
dropped a byte): every character after it reads one byte off, ASCII as CJK-looking
characters (``R`` as 刀) and each line end as U+0A00, which Unicode leaves unassigned. The
row holding it took in the rest of the file as its text — the rows after it became
nonsense inside one case and no dead letter said so. Such a row is now a dead letter
naming the cause, its bytes kept as they were; the rows before it are taken in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage

COLUMNS = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
COLUMNS += ["-o", "columns.text=text", "-o", "encoding=utf-16"]
ROWS = ["id,date,text", "R0,2026-11-23,late", "R1,2026-11-23,still late", "R2,2026-11-23,cold"]


def _intake(tmp_path: Path, data: bytes) -> tuple[str, list[str], list[str]]:
    (tmp_path / "rows.csv").write_bytes(data)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        build_cli(),
        ["--db", db, "intake", "--channel", "csv", *COLUMNS, str(tmp_path / "rows.csv")],
    )
    assert "Traceback" not in result.output
    storage = SQLiteStorage(db)
    try:
        taken = [c.external_id for i in storage.case_ids() for c in storage.get(i).complaints]
        reasons = [letter.reason for letter in storage.dead_letters()]
    finally:
        storage.close()
    return result.output, sorted(taken), reasons


@pytest.mark.parametrize("damage", ["added", "lost"])
def test_a_byte_off_in_utf16_is_a_dead_letter_not_text(tmp_path: Path, damage: str) -> None:
    data = "\r\n".join(ROWS).encode("utf-16")
    at = data.index("R1".encode("utf-16-le")) - 4  # in R0's text, before its line end
    if damage == "added":  # and one lost at the end: the file's length stays even
        data = data[:at] + b"\x00" + data[at:-1]
    else:  # and a stray one at the end
        data = data[:at] + data[at + 1 :] + b"\x00"
    _, taken, reasons = _intake(tmp_path, data)
    assert "R0" not in taken  # its row holds the byte off: kept, with the rows after it
    assert len(reasons) == 1, reasons
    assert "U+0A00" in reasons[0]
    assert "one byte off" in reasons[0]


def test_whole_utf16_rows_are_all_taken(tmp_path: Path) -> None:
    _, taken, reasons = _intake(tmp_path, "\r\n".join(ROWS).encode("utf-16"))
    assert (taken, reasons) == (["R0", "R1", "R2"], [])
