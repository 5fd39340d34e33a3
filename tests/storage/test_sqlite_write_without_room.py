"""A tick whose write the disk had no room for (a full disk; here a file-size limit, which
SQLite meets the same way, as the write of its log failing) ended in "'cases.db': the
write failed and was rolled back (disk I/O error)": the file was named, but not what was
wrong nor what to do, and an operator could take it for a failing disk. The error now says
the disk may be full or the file larger than the process may write, that nothing was
written, and to free space and run again; the run after it escalates each case once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint
from damaged_store import NOW

POLICY = str(Path(__file__).parents[2] / "policies" / "retail")
TICKED_AT = NOW + timedelta(days=2)  # every case's first deadlines are past

#: The CLI's tick in a process that may write no file past ``argv[1]`` bytes, as a disk
#: with that little room left (SIGXFSZ ignored: the write fails, as on a full disk).
TICK_IN_LITTLE_ROOM = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from complaintkit.cli import main
main(sys.argv[2:])
"""


def tick(path: Path, room: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            TICK_IN_LITTLE_ROOM,
            str(room),
            "--db",
            f"sqlite:///{path}",
            "--policy",
            POLICY,
            "tick",
            "--now",
            TICKED_AT.isoformat(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def escalations(path: Path) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "SELECT case_id, count(*) FROM events WHERE kind = 'escalated' GROUP BY case_id"
        ).fetchall()


def test_a_tick_the_disk_has_no_room_for_says_so_and_the_next_run_escalates_each_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(NOW))
        desk.intake_many([make_complaint(f"k{n}", customer=f"C{n}") for n in range(20)])
        desk.tick(NOW)
    cramped = tick(path, path.stat().st_size // 4)  # its log cannot grow past that
    assert cramped.returncode == 1, cramped.stdout + cramped.stderr
    error = cramped.stderr
    assert "Traceback" not in error
    assert str(path) in error
    assert "full" in error
    assert "nothing was written" in error
    assert "free space" in error.lower()
    assert escalations(path) == []
    roomy = tick(path, 1 << 40)
    assert roomy.returncode == 0, roomy.stdout + roomy.stderr
    assert len(escalations(path)) == 20
    assert all(count == 1 for _, count in escalations(path))
