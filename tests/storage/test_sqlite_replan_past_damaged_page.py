"""The re-plan a tick runs first (under a new policy version, or ``tick --replan``) read
every open case in one transaction and saved them in it, so a page of the ``cases`` table
damaged on disk — unreadable, or readable but no longer writable — ended the tick at once,
exit 1: no open case was re-planned and no due case swept. The re-plan now passes over the
cases it cannot read or save, naming each with the check to run and the mend, re-plans
and sweeps the others, and ``complaintkit tick`` exits 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_sqlite_tick_past_damaged_page import POLICY, damaged_copy, sound_store, still_due
from test_sqlite_tick_past_unwritable_row import tick, unwritable_copy

from complaintkit.cli.tick import LEFT_DUE
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint
from damaged_store import NOW

__all__ = ["sound_store"]  # the fixture, shared


def swept_once_but(path: Path, left: list[str]) -> None:
    """Every case but ``left`` breached once; ``left`` not at all, and still due."""
    assert still_due(path) == sorted(left)
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        for case_id in storage.case_ids():
            if case_id in left:
                continue
            breaches = [e for e in storage.events(case_id) if e.kind == "sla_breached"]
            assert len(breaches) == 1, case_id


@pytest.mark.parametrize(("leaf", "batch"), [(0, 500), (5, 3), (11, 1)])
def test_a_replan_passes_over_the_rows_it_cannot_read(
    sound_store: Path, tmp_path: Path, leaf: int, batch: int
) -> None:
    path, lost = damaged_copy(sound_store, tmp_path, leaf)
    assert lost
    exit_code, output = tick(path, "--replan", "--batch", str(batch))
    assert exit_code == LEFT_DUE, output
    assert "Traceback" not in output
    for case_id in lost:
        assert f"{case_id} left due" in output
    assert "PRAGMA integrity_check" in output
    swept_once_but(path, lost)


@pytest.mark.parametrize(("leaf", "batch"), [(0, 500), (5, 3), (11, 1)])
def test_a_replan_saves_every_case_it_can_and_names_those_it_cannot_write(
    sound_store: Path, tmp_path: Path, leaf: int, batch: int
) -> None:
    path, refused = unwritable_copy(sound_store, tmp_path, leaf)
    assert refused
    exit_code, output = tick(path, "--replan", "--batch", str(batch))
    assert exit_code == LEFT_DUE, output
    assert "Traceback" not in output
    for case_id in refused:
        assert f"{case_id} left due" in output
    assert str(path) in output
    swept_once_but(path, refused)


@pytest.fixture(scope="module")
def never_ticked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 40 cases taken in at ``NOW`` and never ticked: it records no version."""
    path = tmp_path_factory.mktemp("never_ticked") / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(NOW))
        desk.intake_many([make_complaint(f"k{n}", customer=f"C{n}") for n in range(40)])
    return path


@pytest.mark.parametrize("leaf", [0, 6])
def test_the_first_tick_of_a_store_with_a_damaged_page_replans_and_sweeps_the_readable_cases(
    never_ticked: Path, tmp_path: Path, leaf: int
) -> None:
    """Which versions planned a store that records none is read from its open cases: the
    damaged page failed that read, and the tick, before any case was looked at."""
    path, lost = damaged_copy(never_ticked, tmp_path, leaf)
    assert lost
    exit_code, output = tick(path)
    assert exit_code == LEFT_DUE, output
    assert "Traceback" not in output
    for case_id in lost:
        assert f"{case_id} left due" in output
    assert "PRAGMA integrity_check" in output
    swept_once_but(path, lost)
