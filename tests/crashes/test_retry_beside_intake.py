"""``dead-letters retry`` running while an intake of the same file and channel runs, both
with a fixed mapping: every record ends as one case, no letter is left and none is taken
in twice — whichever of the two gets to a record first."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import killed_runs
import pytest

ROWS = 12
BLANKED = range(0, ROWS, 2)  # these rows lack a narrative: letters until Issue is read too


def rows(path: Path) -> Path:
    with killed_runs.FIXTURE.open(encoding="utf-8", newline="") as handle:
        header, *read = list(csv.reader(handle))
    read = read[:ROWS]
    for index in BLANKED:
        read[index][header.index("Consumer complaint narrative")] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *read])
    return path


def columns(text: str) -> list[str]:
    return [
        *["-o", "columns.external_id=Complaint ID", "-o", "columns.received_at=Date received"],
        *["-o", f"columns.text={text}", "-o", "channel=cfpb"],
    ]


@pytest.mark.parametrize(("backend", "round_"), [("sqlite", 0), ("sqlite", 1), ("postgres", 0)])
def test_a_retry_beside_an_intake_of_the_same_rows_takes_each_in_once(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str, round_: int
) -> None:
    source = rows(tmp_path / "rows.csv")
    db = killed_runs.database(request, backend, tmp_path / "cases.db")
    intake = ["--db", db, "intake", "--channel", "csv", str(source)]
    first = killed_runs.run([*intake, *columns("Consumer complaint narrative")])
    assert first.returncode == 3, first.stderr
    assert len(killed_runs.stored(db)[1]) == len(BLANKED)
    fixed = columns("Consumer complaint narrative|Issue")
    retry = ["--db", db, "dead-letters", "retry", "--all", *fixed]
    both: list[killed_runs.Run] = [
        (args, {}) for args in ([*intake, *fixed], retry)[:: 1 if round_ % 2 else -1]
    ]
    for done in killed_runs.at_once(both):
        assert done.returncode == 0, done.stderr
    keys, letters, *_ = killed_runs.stored(db)
    assert (len(keys), len(set(keys)), letters) == (ROWS, ROWS, [])
    killed_runs.verified(db)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_retry_killed_at_each_commit_in_turn_then_run_again_takes_each_in_once(
    tmp_path: Path, when: str
) -> None:
    source = rows(tmp_path / "rows.csv")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = ["--db", db, "intake", "--channel", "csv", str(source)]
    first = killed_runs.run([*intake, *columns("Consumer complaint narrative")])
    assert first.returncode == 3, first.stderr
    retry = ["--db", db, "dead-letters", "retry", "--all"]
    retry += columns("Consumer complaint narrative|Issue")
    assert killed_runs.killed_in_turn(retry, when, 2 * len(BLANKED) + 2) > 0
    again = killed_runs.run(retry)
    assert again.returncode == 0, again.stderr
    keys, letters, *_ = killed_runs.stored(db)
    assert (len(keys), len(set(keys)), letters) == (ROWS, ROWS, [])
    killed_runs.verified(db)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_retries_at_once_take_each_letter_in_once(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    source = rows(tmp_path / "rows.csv")
    db = killed_runs.database(request, backend, tmp_path / "cases.db")
    intake = ["--db", db, "intake", "--channel", "csv", str(source)]
    first = killed_runs.run([*intake, *columns("Consumer complaint narrative")])
    assert first.returncode == 3, first.stderr
    retry = ["--db", db, "dead-letters", "retry", "--all", "--json"]
    retry += columns("Consumer complaint narrative|Issue")
    outcomes: list[str] = []
    for done in killed_runs.at_once([(retry, {})] * 2):
        assert done.returncode == 0, done.stderr
        outcomes += [tried["outcome"] for tried in json.loads(done.stdout)]
    assert outcomes.count("taken") == len(BLANKED)  # each letter by one retry only
    keys, letters, *_ = killed_runs.stored(db)
    assert (len(keys), len(set(keys)), letters) == (ROWS, ROWS, [])
    killed_runs.verified(db)
