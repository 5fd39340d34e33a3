"""A CSV cell of invisible characters alone (a zero-width space pasted from a web page, a
byte order mark) is blank, as a cell of spaces is: an optional column is left out, a
fallback column is read instead, and a required one is named as blank."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.base import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {
    "external_id": "id",
    "received_at": "date",
    "text": "narrative|issue",
    "product": "product",
    "customer.id": "id",
}
DATE = "2026-11-23T09:00:00+08:00"


def read(tmp_path: Path, *rows: str) -> list[Complaint | Rejected]:
    source = tmp_path / "rows.csv"
    source.write_text("id,date,narrative,issue,product\n" + "".join(rows), encoding="utf-8")
    return list(CsvChannel(COLUMNS).read(str(source)))


@pytest.mark.parametrize("blank", [" ", "\u200b", "\ufeff", "\u200b \u00ad"])
def test_an_invisible_optional_cell_is_left_out(tmp_path: Path, blank: str) -> None:
    (taken,) = read(tmp_path, f"1,{DATE},牛奶过期了,,{blank}\n")
    assert isinstance(taken, Complaint)
    assert taken.product is None


@pytest.mark.parametrize("blank", ["\u200b", "\ufeff\u2060"])
def test_an_invisible_cell_falls_back_to_the_next_column(tmp_path: Path, blank: str) -> None:
    (taken,) = read(tmp_path, f"1,{DATE},{blank},Late delivery,milk\n")
    assert isinstance(taken, Complaint)
    assert taken.text == "Late delivery"


def test_an_invisible_required_cell_is_named_blank(tmp_path: Path) -> None:
    (refused,) = read(tmp_path, f"1,{DATE},\u200b,\u200b,milk\n")
    assert isinstance(refused, Rejected)
    assert "'narrative|issue' is blank" in refused.reason
