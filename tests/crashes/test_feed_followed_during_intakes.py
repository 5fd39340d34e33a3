"""A reader following the event feed's cursor while two intakes write at once gets every
committed event exactly once: none skipped by a page read while a writer was mid-commit."""

from __future__ import annotations

import json
from pathlib import Path

import killed_runs
import pytest


def lines(path: Path, prefix: str, count: int) -> Path:
    records = [
        {
            "channel": "web",
            "external_id": f"{prefix}-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"{prefix}{n % 7}"},
            "text": f"complaint {prefix}-{n}",
        }
        for n in range(count)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_feed_followed_during_two_intakes_gives_each_event_once(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    db = killed_runs.database(request, backend, tmp_path / "cases.db")
    made = killed_runs.run(["--db", db, "intake", str(lines(tmp_path / "0.jsonl", "Z", 1))])
    assert made.returncode == 0, made.stderr
    intakes = [
        (["--db", db, "intake", str(lines(tmp_path / f"{p}.jsonl", p, 60))], {"CK_BATCH": "3"})
        for p in "AB"
    ]
    read: list[tuple[str, int]] = []
    with killed_runs.opened(db) as storage, killed_runs.started(intakes) as writers:
        cursor = None
        while True:
            done = writers.ended()
            page = storage.events_since(cursor, 7)
            read += [(event.case_id, event.seq) for event in page.events]
            cursor = page.cursor if page.events else cursor
            if done and not page.events:
                break
        everything = storage.events_since(None, 100_000).events
    for writer in writers.done:
        assert writer.returncode == 0, writer.stderr
    assert sorted(read) == sorted((e.case_id, e.seq) for e in everything)  # each once
