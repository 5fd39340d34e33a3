"""A system that pads its records with NUL characters (a fixed-width export, a C string
copied whole) has each of them refused saying where the character stood (``text: holds
a NUL character at position 17``). The report counted those letters by that position: a
row per position, for one cause, where ``dead-letters count`` counts one. The position is
now written ``…`` (``holds a NUL character at position …``), so each cause is one row;
``dead-letters list`` still shows each position."""

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
from complaintkit.model.complaint import Complaint
from complaintkit.reports import build_report, open_source
from complaintkit.reports.refused import reason_of
from complaintkit.storage.sqlite import SQLiteStorage

TEXTS = ("送错了\x00", "少送一份饮料\x00\x00", "\x00超时一个小时", "凉了" + "\x00" * 40)


def _complaint(i: int, text: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"w-{i}",
        "received_at": "2026-11-02T09:00:00+08:00",
        "text": text,
        "customer": {"id": f"c-{i}"},
    }


def test_nul_characters_anywhere_in_the_text_are_one_row(tmp_path: Path) -> None:
    lines = "".join(json.dumps(_complaint(i, t)) + "\n" for i, t in enumerate(TEXTS))
    (tmp_path / "export.jsonl").write_text(lines, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(build_cli(), ["--db", db, "intake", str(tmp_path / "export.jsonl")])
    assert done.exit_code == 3, done.output
    storage = SQLiteStorage(db)
    try:
        with closing(open_source(storage)) as source:
            counted = build_report(source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert counted == {"text: holds a NUL character at position …": len(TEXTS)}
    assert "at position 6" in listed


@given(st.text(max_size=30), st.text(max_size=30))
def test_a_nul_anywhere_is_one_reason(before: str, after: str) -> None:
    text = f"{before.replace(chr(0), '')}我\x00{after}"
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(_complaint(1, text))
    assert reason_of(str(refused.value)) == "text: holds a NUL character at position …"
