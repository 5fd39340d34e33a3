"""``intake`` whose store fails part-way (a disk that fills up, a lock held past the busy
timeout) ends in one line and exit code 1; the batches committed before it — their cases
and their dead letters — are kept, and taking the source in again takes the rest in and
opens none of them twice. docs/intake.md said exit code 1 meant nothing was dead-lettered."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels.intake import BATCH
from complaintkit.cli import build_cli
from complaintkit.model.case import Case
from complaintkit.storage import sqlite_writes
from complaintkit.storage.sqlite import SQLiteStorage


def _lines(count: int) -> str:
    lines = []
    for number in range(count):
        if number % 10 == 3:
            lines.append('{"not json')
            continue
        lines.append(
            json.dumps(
                {
                    "channel": "web",
                    "external_id": f"m{number}",
                    "received_at": "2026-11-23T09:30:00+08:00",
                    "customer": {"id": f"c{number}"},
                    "text": "送错了 / wrong order",
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines) + "\n"


def test_a_store_failing_mid_run_keeps_what_was_committed_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_lines(BATCH + 100), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    insert = sqlite_writes.insert_cases
    calls: list[int] = []

    def full_on_the_second(db: sqlite3.Connection, cases: Sequence[Case]) -> None:
        calls.append(len(cases))
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        insert(db, cases)

    with monkeypatch.context() as failing:
        failing.setattr(sqlite_writes, "insert_cases", full_on_the_second)
        failed = CliRunner().invoke(build_cli(), ["--db", url, "intake", str(source)])
    assert failed.exit_code == 1, failed.output
    assert "Traceback" not in failed.output
    assert "cases.db" in failed.output
    first = calls[0]
    assert (  # what was kept is said, as the summary of a whole run would say it
        f"before the store failed: {first} taken in ({first} new cases, 0 duplicates already "
        f"known), {BATCH - first} dead-lettered; taking it in again takes in the rest"
    ) in failed.output
    store = SQLiteStorage.reading(url)
    try:
        assert len(store.dead_letters()) == BATCH - first
        assert len(store.find_by_keys([("web", f"m{n}") for n in range(BATCH)])) == first
    finally:
        store.close()
    again = CliRunner().invoke(build_cli(), ["--db", url, "intake", str(source)])
    assert again.exit_code == 3, again.output
    assert again.output.startswith(f"{BATCH + 100 - 60} taken in ("), again.output
    assert f"{first} duplicates already known" in again.output
