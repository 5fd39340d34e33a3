"""A line of invisible characters alone — the byte order mark of an empty file joined on
with `cat` (PowerShell writes one for nothing), a zero-width space — is as blank as an
empty line: skipped in JSON lines and CSV files, not a dead letter that no retry can mend
and that makes a complete file's run exit 3."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

INVISIBLE = st.text(st.sampled_from("\ufeff\u200b\u2060\u200e \t"), min_size=1)
COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def record(n: int) -> str:
    return json.dumps(
        {
            "channel": "web",
            "external_id": f"L-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "快递三天没到",
        }
    )


@settings(deadline=None, max_examples=30)
@given(blank=INVISIBLE)
def test_an_invisible_line_in_json_lines_is_skipped(
    tmp_path_factory: pytest.TempPathFactory, blank: str
) -> None:
    source = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    source.write_text(f"{record(1)}\n{blank}\n{record(2)}\n", encoding="utf-8")
    items = list(JsonLinesChannel().read(str(source)))
    assert [i.reason for i in items if isinstance(i, Rejected)] == []
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["L-1", "L-2"]


@settings(deadline=None, max_examples=30)
@given(blank=INVISIBLE)
def test_an_invisible_line_in_a_csv_file_is_skipped(
    tmp_path_factory: pytest.TempPathFactory, blank: str
) -> None:
    source = tmp_path_factory.mktemp("csv") / "in.csv"
    rows = f"id,at,text\r\n1,2026-11-02,a\r\n{blank}\r\n2,2026-11-03,b\r\n"
    source.write_text(rows, encoding="utf-8")
    items = list(CsvChannel(COLUMNS).read(str(source)))
    assert [i.reason for i in items if isinstance(i, Rejected)] == []
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["1", "2"]
