"""SIGTERM (a service manager stopping its unit, ``docker stop``, ``timeout``) ends a
one-shot command as Ctrl-C does: one line counting what was committed, one error line and
exit code 143, as shells report a program SIGTERM ended. It ended the process at once in
silence: an intake stopped part-way left no word of the 500 complaints it had taken in.
The signal is placed, not timed: the intake sends it to itself as it reads its 701st record.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

TERMINATED_AT_RECORD = """
import os, signal, sys, time
import complaintkit.cli.intake as intake
from complaintkit.channels import take_in

def reading(records):
    for read, record in enumerate(records):
        if read == 700:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(60)  # ended by the signal's handler, or by the signal itself
        yield record

def terminated(desk, channel, records, **kwargs):
    return take_in(desk, channel, reading(records), **kwargs)

intake.take_in = terminated
from complaintkit.cli import main
main(sys.argv[1:])
"""


def _complaints(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "in.jsonl"
    lines = (
        json.dumps(
            {
                "channel": "web",
                "external_id": f"W-{n}",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": f"C{n}"},
                "text": "the parcel has not come",
            }
        )
        for n in range(count)
    )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def _stored(db: Path) -> int:
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        return storage.count(CaseQuery())


def test_sigterm_ends_an_intake_saying_what_it_kept(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    args = ["--db", f"sqlite:///{db}", "intake", "--channel", "jsonl"]
    source = str(_complaints(tmp_path, 1200))
    ended = subprocess.run(
        [sys.executable, "-c", TERMINATED_AT_RECORD, *args, source],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert ended.returncode == 143, ended.stderr
    lines = ended.stderr.strip().splitlines()
    assert lines[0].startswith("before SIGTERM: 500 taken in (500 new cases"), ended.stderr
    assert lines[-1].startswith("Error: stopped (SIGTERM): "), ended.stderr
    assert len(lines) == 2, ended.stderr
    assert _stored(db) == 500
    again = subprocess.run(
        [sys.executable, "-m", "complaintkit", *args, source],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "(700 new cases, 500 duplicates already known)" in again.stdout
    assert _stored(db) == 1200
