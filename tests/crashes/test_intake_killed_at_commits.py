"""``intake`` of CFPB rows SIGKILLed at its commits, before and after each, then run again
to its end — and two intakes of the same file at once: every record is one case or one
dead letter, as in a single run never killed."""

from __future__ import annotations

from pathlib import Path

import killed_runs
import pytest

ROWS = 4
BATCH = {"CK_BATCH": "4"}  # 8 records: two batches, each its cases' commit and its letters'


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, object]:
    """How many commits an intake of the rows makes, never killed, and what it leaves: the
    same for every test here, so taken once (each test takes in a copy of its own)."""
    tmp_path = tmp_path_factory.mktemp("reference")
    source = killed_runs.cfpb_rows(tmp_path / "rows.csv", ROWS)
    db = f"sqlite:///{tmp_path / 'reference.db'}"
    commits = killed_runs.transactions(killed_runs.cfpb_intake(db, source), tmp_path, BATCH)
    expected = killed_runs.stored(db)
    assert (len(expected[0]), len(expected[1])) == (ROWS, 3)  # blank, undated, changed
    return commits, expected


@pytest.mark.parametrize(
    ("backend", "when"), [("sqlite", "before"), ("sqlite", "after"), ("postgres", "before")]
)
def test_an_intake_killed_at_each_commit_in_turn_then_run_again_ends_as_one_never_killed(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    reference: tuple[int, object],
    backend: str,
    when: str,
) -> None:
    source = killed_runs.cfpb_rows(tmp_path / "rows.csv", ROWS)
    commits, expected = reference
    db = killed_runs.database(request, backend, tmp_path / "killed.db")
    args = killed_runs.cfpb_intake(db, source)
    assert killed_runs.killed_in_turn(args, when, commits + 1, BATCH) > 0
    again = killed_runs.run(args, BATCH)
    assert again.returncode == 3, again.stderr
    assert killed_runs.stored(db) == expected
    killed_runs.verified(db)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_intakes_of_one_file_at_once_end_as_one(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    reference: tuple[int, object],
    backend: str,
) -> None:
    source = killed_runs.cfpb_rows(tmp_path / "rows.csv", ROWS)
    _, expected = reference
    db = killed_runs.database(request, backend, tmp_path / "both.db")
    args = killed_runs.cfpb_intake(db, source)
    for done in killed_runs.at_once([(args, BATCH)] * 2):
        assert done.returncode == 3, done.stderr
    assert killed_runs.stored(db) == expected
    killed_runs.verified(db)
