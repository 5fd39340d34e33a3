"""A CSV cell that starts like a spreadsheet formula (``=cmd|' /C calc'!A0``, ``@SUM(1+1)``,
``+1``, ``-2+3``) is stored as the text it is, neither evaluated nor changed; a report
written as CSV neutralises it (``reports.table.defused``, docs/reports.md)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text", "product": "product"}
FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "=1+1"]


@given(st.sampled_from(FORMULAS), st.text(alphabet="=+-@|'!()/ 外卖AC0", max_size=20))
def test_a_formula_in_a_cell_is_stored_as_its_text(formula: str, tail: str) -> None:
    text = formula + tail
    out = io.StringIO()
    csv.writer(out).writerows([list(COLUMNS.values()), ["F-1", "2026-11-23", text, text]])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        (complaint,) = CsvChannel(COLUMNS).read(str(path))
    assert isinstance(complaint, Complaint)
    assert complaint.text == text.strip()
    assert complaint.product == text.strip()
