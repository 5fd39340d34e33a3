"""``dead-letters retry`` SIGKILLed between storing a letter's case and removing the letter.

The retry took the letter in (its case committed) and then purged the letter in a second
transaction: a process killed between the two left the record both a case and a dead
letter, listed as refused input and counted so by reports. The kill is placed, not timed:
the child process kills itself as it is about to purge.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage

#: Runs the CLI in a process that SIGKILLs itself when the retry purges a letter.
KILLED_AT_PURGE = """
import os, signal, sys
from complaintkit.storage.sqlite import SQLiteStorage
def die(self, ids):
    os.kill(os.getpid(), signal.SIGKILL)
SQLiteStorage.purge_dead_letters = die
from complaintkit.cli import main
sys.argv = ["complaintkit", *sys.argv[1:]]
main()
"""

ROWS = "id,date,narrative,issue\nA-1,2026-11-23T09:00:00+08:00,,the parcel is late\n"
MAPPING = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]


def test_a_retry_killed_before_it_removes_the_letter_leaves_no_case(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "rows.csv"
    source.write_text(ROWS, encoding="utf-8")
    cli = build_cli()
    refused = CliRunner().invoke(
        cli,
        [
            "--db",
            db,
            "intake",
            "--channel",
            "csv",
            str(source),
            *MAPPING,
            "-o",
            "columns.text=narrative",
        ],
    )
    assert refused.exit_code == 3, refused.output
    fix = ["-o", "columns.text=narrative|issue"]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_PURGE, "--db", db, "dead-letters", "retry", "--all", *fix],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    with SQLiteStorage(db) as storage:
        letters, cases = storage.dead_letters(), list(storage.case_ids())
    assert (len(letters), cases) == (1, []), "the record is a case or a letter, never both"
    again = CliRunner().invoke(cli, ["--db", db, "dead-letters", "retry", "--all", *fix, "--json"])
    assert again.exit_code == 0, again.output
    assert [r["outcome"] for r in json.loads(again.stdout)] == ["taken"]
    with SQLiteStorage(db) as storage:
        assert (storage.dead_letters(), len(list(storage.case_ids()))) == ([], 1)
