"""An export whose product column holds pasted paragraphs (each over the 256 characters a
product may have) has each such row refused saying how long it was (``product: is 305
characters; the limit is 256``). The report counted those letters by that length: a row
per length, for one cause, where ``dead-letters count`` counts one. The length is now
written ``…`` (``product: is … characters; the limit is 256``), the limit kept, so they
are one row; ``dead-letters list`` still shows each letter's length."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import MAX_SUBJECT_CHARS, checked_text
from complaintkit.reports import build_report, open_source
from complaintkit.reports.refused import reason_of
from complaintkit.storage.sqlite import SQLiteStorage

LENGTHS = (257, 300, 1_000, 12_345)


def test_products_of_every_length_over_the_limit_are_one_row(tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text(
        "".join(
            json.dumps(
                {
                    "channel": "web",
                    "external_id": f"order-{n}",
                    "received_at": "2026-11-02T09:00:00+08:00",
                    "text": "送错了",
                    "customer": {"id": f"c-{n}"},
                    "product": "奶" * n,
                },
                ensure_ascii=False,
            )
            + "\n"
            for n in LENGTHS
        ),
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(build_cli(), ["--db", db, "intake", str(source)])
    assert done.exit_code == 3, done.output
    storage = SQLiteStorage(db)
    try:
        with closing(open_source(storage)) as report_source:
            counted = build_report(report_source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert counted == {"product: is … characters; the limit is 256": len(LENGTHS)}
    assert "is 12,345 characters" in listed


@given(st.integers(MAX_SUBJECT_CHARS + 1, 100_000))
def test_any_length_over_the_limit_is_one_reason(length: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        checked_text("x" * length, "subject", MAX_SUBJECT_CHARS)
    assert (
        reason_of(str(refused.value))
        == f"subject: is … characters; the limit is {MAX_SUBJECT_CHARS:,}"
    )
