"""An export taken in again after its rows were edited (a CSV of last month's forms with
typos mended) has each edited row refused as a complaint reusing its key with other
content, and its reason quotes that key (``external_id: 'order-0' on channel 'web' is
reused …``). The report counted such letters by that quote: one row per record, thousands
for a large export, where ``dead-letters count`` counts them as one cause. The key is now
written ``'…'``, as a case id is ``CK-…``, so they are one row; the channel stays (a
cause), and ``dead-letters list`` still shows each letter with its key."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import KeyReused
from complaintkit.reports import build_report, open_source
from complaintkit.reports.refused import reason_of
from complaintkit.storage.sqlite import SQLiteStorage

ROWS = 5


def _export(path: Path, text: str) -> Path:
    path.write_text(
        "".join(
            json.dumps(
                {
                    "channel": "web",
                    "external_id": f"order-{i}",
                    "received_at": "2026-11-02T09:00:00+08:00",
                    "text": f"{text} {i}",
                    "customer": {"id": f"c-{i}"},
                },
                ensure_ascii=False,
            )
            + "\n"
            for i in range(ROWS)
        ),
        encoding="utf-8",
    )
    return path


def test_an_edited_export_taken_in_again_is_one_row(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    for name, text in (("first.jsonl", "送错了"), ("edited.jsonl", "送错了,少送一份")):
        CliRunner().invoke(build_cli(), ["--db", db, "intake", str(_export(tmp_path / name, text))])
    storage = SQLiteStorage(db)
    try:
        assert len(storage.dead_letters()) == ROWS
        with closing(open_source(storage)) as source:
            counted = build_report(source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert list(counted.values()) == [ROWS]
    (reason,) = counted
    assert reason.startswith("external_id: '…' on channel 'web' is reused with different content")
    assert all(f"'order-{i}'" in listed for i in range(ROWS))


@given(st.text(min_size=1, max_size=40), st.sampled_from(["web", "微信", "it's"]))
def test_any_reused_key_is_left_out_of_the_reason(key: str, channel: str) -> None:
    refused = KeyReused(channel, key, ("text",))
    other = KeyReused(channel, "another-key", ("text",))
    assert reason_of(str(refused)) == reason_of(str(other))
    assert repr(channel) in reason_of(str(refused))
