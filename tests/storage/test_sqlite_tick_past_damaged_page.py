"""A page of a SQLite store's ``cases`` table damaged on disk (a failing disk, a copy taken
mid-write) ended every tick at the first claim that reached it: "reading failed: the file is
damaged", and no due case of the store — however many were readable — got its warnings,
breaches or escalations until the file was restored. A tick now passes over the rows on
the damaged page, names each (its case and row) with the check to run and the mend,
brings every readable due case up to date, and ``complaintkit tick`` exits 3 at the end."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.cli.tick import LEFT_DUE
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint
from damaged_store import NOW

POLICY = str(Path(__file__).parents[2] / "policies" / "retail")
TICKED_AT = NOW + timedelta(days=2)  # every case's first deadlines are past


@pytest.fixture(scope="module")
def sound_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 40 cases opened at ``NOW`` and ticked then, as cron ticks it (which
    records the policy version that planned them), every one due at ``TICKED_AT``."""
    path = tmp_path_factory.mktemp("sound") / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(NOW))
        desk.intake_many([make_complaint(f"k{n}", customer=f"C{n}") for n in range(40)])
        desk.tick(NOW)
    return path


def damaged_copy(sound: Path, folder: Path, leaf: int) -> tuple[Path, list[str]]:
    """A copy of ``sound`` in ``folder`` with the ``leaf``-th leaf page of ``cases``
    overwritten, and the ids of the cases whose rows were on it."""
    path = folder / "cases.db"
    shutil.copyfile(sound, path)
    with closing(sqlite3.connect(path)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            page
            for (page,) in db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
        ]
    with path.open("r+b") as handle:
        handle.seek((leaves[leaf % len(leaves)] - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return path, unreadable_ids(path)


def unreadable_ids(path: Path) -> list[str]:
    """The ids (read from the primary key's index, which is whole) whose rows cannot be read."""
    lost = []
    with closing(sqlite3.connect(path)) as db:
        for (case_id,) in db.execute("SELECT id FROM cases ORDER BY id").fetchall():
            try:
                db.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchall()
            except sqlite3.DatabaseError:
                lost.append(case_id)
    return lost


def still_due(path: Path) -> list[str]:
    """The ids of the cases still due at ``TICKED_AT``, read through the due index alone."""
    with closing(sqlite3.connect(path)) as db:
        rowids = [
            rowid
            for (rowid,) in db.execute(
                "SELECT rowid FROM cases INDEXED BY cases_due "
                "WHERE next_deadline IS NOT NULL AND next_deadline <= ?",
                (TICKED_AT.timestamp(),),
            )
        ]
        named = dict(db.execute("SELECT rowid, id FROM cases ORDER BY id").fetchall())
    return sorted(named[rowid] for rowid in rowids)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(leaf=st.integers(0, 40), batch=st.sampled_from([1, 3, 500]))
def test_a_tick_passes_over_a_damaged_page_and_brings_every_readable_case_up_to_date(
    sound_store: Path, tmp_path_factory: pytest.TempPathFactory, leaf: int, batch: int
) -> None:
    path, lost = damaged_copy(sound_store, tmp_path_factory.mktemp("damaged"), leaf)
    assert lost  # the page held rows
    result = CliRunner().invoke(
        build_cli(),
        [
            "--db",
            f"sqlite:///{path}",
            "--policy",
            POLICY,
            "tick",
            "--now",
            TICKED_AT.isoformat(),
            "--batch",
            str(batch),
        ],
    )
    assert result.exit_code == LEFT_DUE, result.output
    assert "Traceback" not in result.output
    for case_id in lost:
        assert f"{case_id} left due" in result.output
    assert "PRAGMA integrity_check" in result.output
    assert "backup" in result.output
    assert str(path) in result.output
    assert still_due(path) == lost  # every readable case was brought up to date
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        readable = [case_id for case_id in storage.case_ids() if case_id not in lost]
        assert all(
            any(event.kind == "sla_breached" for event in storage.events(case_id))
            for case_id in readable
        )
