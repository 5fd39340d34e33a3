"""``complaintkit intake`` SIGKILLed part-way through the real CFPB export (its first
1,983 rows, ../shared/data/cfpb, read in place; skipped without it), some rows damaged, then run
again on the same file and SQLite store: every row is a case once or a dead letter once.

The kill is placed, not timed: the child kills itself as the second batch's cases are
committed, before that batch's dead letters are written (the two are separate commits).
"""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels.intake import BATCH
from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage

CFPB = Path("/work/shared/data/cfpb/complaints_sample_6664.csv")
if not CFPB.exists():
    CFPB = Path(__file__).resolve().parents[3] / "shared" / "data" / "cfpb" / CFPB.name
MAPPING = Path(__file__).resolve().parents[2] / "examples" / "cfpb" / "mapping.yaml"

#: Runs the CLI in a process that SIGKILLs itself once its second batch is committed.
KILLED_AFTER_TWO_BATCHES = """
import os, signal, sys
from complaintkit.desk import Desk
batch = Desk.intake_many
calls = []
def then_die(self, *args, **kwargs):
    taken = batch(self, *args, **kwargs)
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return taken
Desk.intake_many = then_die
from complaintkit.cli import main
sys.argv = ["complaintkit", *sys.argv[1:]]
main()
"""


#: Rows of the export taken: four batches, so the kill falls with two still to come.
ROWS = 4 * BATCH - 17


def _damaged(number: int) -> bool:
    """Whether the export's row ``number`` (from 0) has its date blanked: every 250th."""
    return number % 250 == 7


def _damaged_export(path: Path) -> tuple[int, set[str]]:
    """The export with some rows' dates blanked; its row count and the damaged ids."""
    rows = list(csv.reader(io.StringIO(CFPB.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1 : 1 + ROWS]
    received, key = header.index("Date received"), header.index("Complaint ID")
    damaged = set()
    for number, row in enumerate(body):
        if _damaged(number):
            row[received] = ""
            damaged.add(row[key])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *body])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return len(body), damaged


@pytest.mark.skipif(not CFPB.exists(), reason="no ../shared/data/cfpb sample")
def test_an_import_killed_part_way_then_run_again_keeps_every_row_once(tmp_path: Path) -> None:
    source = tmp_path / "complaints.csv"
    rows, damaged = _damaged_export(source)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    args = ["intake", "--channel", "csv", "-o", f"columns={MAPPING}", str(source)]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_TWO_BATCHES, "--db", db, *args],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with SQLiteStorage(db) as storage:
        kept, letters_kept = len(list(storage.case_ids())), len(storage.dead_letters())
    assert kept == sum(not _damaged(n) for n in range(2 * BATCH))
    assert letters_kept == sum(_damaged(n) for n in range(BATCH)), "the second batch's are lost"

    again = CliRunner().invoke(build_cli(), ["--db", db, *args, "--json"])
    assert again.exit_code == 3, again.output
    summary = json.loads(again.stdout)
    assert summary["duplicates"] == kept
    assert summary["opened"] + summary["duplicates"] == rows - len(damaged)
    assert summary["dead_lettered"] == len(damaged)
    with SQLiteStorage(db) as storage:
        cases = [storage.get(case_id) for case_id in storage.case_ids()]
        letters = storage.dead_letters()
    ids = [c.complaints[0].external_id for c in cases]
    assert len(ids) == len(set(ids)) == rows - len(damaged)
    assert not damaged & set(ids)
    sources = [letter.source.split(" ")[0] for letter in letters]
    assert len(sources) == len(set(sources)) == len(damaged), sources
    assert all(s.startswith("csv:complaints.csv:") for s in sources)
