"""``tick`` under a new policy version SIGKILLed at its commits, before and after each, then
run again: the re-plan of every open case, and of the cases the superseded version saved
after it, resumes where the killed run stopped, so the store ends as by one tick never
killed (each level fired once, each moved deadline saved once) — and so do two such
ticks at once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import killed_runs
import pytest
from test_tick_killed_at_commits import POLICY

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

#: Version 2 adds a level at a quarter of the first-response target, before anything of
#: version 1 falls due (its warning, at half).
NEWER = POLICY.replace('version: "1"', 'version: "2"').replace(
    "        - name: supervisor\n",
    "        - name: early\n"
    "          trigger: {sla: first_response, elapsed: 0.25}\n"
    "          actions: [{add_tags: [early]}]\n"
    "        - name: supervisor\n",
)
OLDER_CASES = 5
TICK = ["tick", "--now", "2026-11-23T09:50:00+08:00", "--batch", "2"]


def seeded(db: str, tmp_path: Path, *, after_replan: bool) -> list[str]:
    """Cases opened under version 1 at ``db`` and ticked by it; with ``after_replan``,
    version 2 re-planned them and version 1 opened as many again after. The arguments of
    version 2's tick once its early level fell due for each, before version 1's plan
    has anything due: only a re-plan finds them."""
    older, newer = tmp_path / "older.yaml", tmp_path / "newer.yaml"
    older.write_text(POLICY, encoding="utf-8")
    newer.write_text(NEWER, encoding="utf-8")
    killed_runs.late_parcels(older, db, OLDER_CASES).close()
    at = datetime(2026, 11, 23, 1, 5, tzinfo=UTC)
    Desk(load_policy(older), storage=db, clock=ManualClock(at)).tick()
    if after_replan:
        Desk(load_policy(newer), storage=db, clock=ManualClock(at)).tick()
        desk = Desk(load_policy(older), storage=db, clock=ManualClock(at))
        for n in range(OLDER_CASES):
            complaint = {
                "channel": "web",
                "external_id": f"L-{n}",
                "received_at": "2026-11-23T09:05:00+08:00",
                "customer": {"id": f"D{n}", "name": "Sam", "contact": f"d{n}@example.com"},
                "text": "the parcel is late",
            }
            desk.intake(complaint)
        desk.storage.close()
    return ["--db", db, "--policy", str(newer), *TICK]


@pytest.mark.parametrize("after_replan", [False, True], ids=["every case", "older saves"])
@pytest.mark.parametrize(
    ("backend", "when"), [("sqlite", "before"), ("sqlite", "after"), ("postgres", "after")]
)
def test_a_replan_killed_at_each_commit_in_turn_then_run_again_ends_as_one_never_killed(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    backend: str,
    when: str,
    after_replan: bool,
) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "k").mkdir()
    reference = seeded(
        f"sqlite:///{tmp_path / 'reference.db'}", tmp_path / "r", after_replan=after_replan
    )
    commits = killed_runs.transactions(reference, tmp_path)
    expected = killed_runs.stored(reference[1])
    cases = OLDER_CASES * (2 if after_replan else 1)
    assert [kind for *_, kind in expected[3]].count("escalated") == cases  # early, each once
    db = killed_runs.database(request, backend, tmp_path / "killed.db")
    args = seeded(db, tmp_path / "k", after_replan=after_replan)
    assert killed_runs.killed_in_turn(args, when, commits * 3) > 0
    again = killed_runs.run(args)
    assert again.returncode == 0, again.stderr
    assert killed_runs.stored(db) == expected
    killed_runs.verified(db)


@pytest.mark.parametrize("after_replan", [False, True], ids=["every case", "older saves"])
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_replanning_ticks_at_once_end_as_one(
    tmp_path: Path, request: pytest.FixtureRequest, backend: str, after_replan: bool
) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "k").mkdir()
    reference = seeded(
        f"sqlite:///{tmp_path / 'reference.db'}", tmp_path / "r", after_replan=after_replan
    )
    assert killed_runs.run(reference).returncode == 0
    expected = killed_runs.stored(reference[1])
    db = killed_runs.database(request, backend, tmp_path / "both.db")
    args = seeded(db, tmp_path / "k", after_replan=after_replan)
    for done in killed_runs.at_once([(args, {})] * 2):
        assert done.returncode == 0, done.stderr
    assert killed_runs.stored(db) == expected
    killed_runs.verified(db)
