"""``replay`` answers alike on SQLite and PostgreSQL: the same histories (the demo's day, and
the committed CFPB sample imported with its history in New York time, dates across
daylight saving changes) replayed under the policy in force and under candidates give the same
comparison, figure for figure, with cases named by their complaint's key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day, play, ticks, timeline
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).resolve().parents[3]
CFPB = ROOT / "examples" / "cfpb"
SAMPLE = ROOT / "tests" / "fixtures" / "cfpb_sample.csv"
IMPORTED_AT = datetime(2026, 12, 1, tzinfo=UTC)


def _demo_day(storage: Storage) -> None:
    day, policy = load_day(), load_policy(demo_policy_path())
    steps = timeline(day)
    clock = ManualClock(steps[0].at)
    desk = Desk(policy, storage=storage, clock=clock)
    for _ in play(desk, clock, steps):
        pass
    for _, at in ticks(day):
        clock.set(at)
        desk.tick(at)


def _cfpb(storage: Storage) -> None:
    channel = CsvChannel(
        str(CFPB / "mapping.yaml"), channel="cfpb", timezone="America/New_York", language="en"
    )
    desk = Desk(load_policy(CFPB / "policy.yaml"), storage=storage, clock=ManualClock(IMPORTED_AT))
    summary = take_in(desk, "cfpb", channel.read(str(SAMPLE)))
    assert summary.opened == 50
    assert not summary.rejected


def _candidate(tmp_path: Path, policy: Path, old: str, new: str) -> Path:
    text = policy.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"candidate-{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _keyed(storage: Storage, replayed: dict[str, Any]) -> dict[str, Any]:
    """The replay's JSON with every case id written as its complaint's key."""
    keys = {i: ":".join(storage.get(i).complaints[0].key) for i in storage.case_ids()}

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: rename(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v) for v in value]
        return keys.get(value, value) if isinstance(value, str) else value

    return dict(rename(replayed))


@pytest.mark.parametrize(
    ("fill", "policy", "old", "new"),
    [
        (_demo_day, demo_policy_path(), "", ""),
        (_demo_day, demo_policy_path(), "    - first_response: 24h", "    - first_response: 1h"),
        (_demo_day, demo_policy_path(), "    - first_response: 24h", "    - first_response: 10m"),
        (_cfpb, CFPB / "policy.yaml", "", ""),
        (_cfpb, CFPB / "policy.yaml", "then: {category: mortgage}", "then: {category: loans}"),
    ],
    ids=["demo in force", "demo 1h", "demo 10m", "cfpb in force", "cfpb mortgages as loans"],
)
def test_sqlite_and_postgres_replay_alike(
    postgres_url: str, tmp_path: Path, fill: Any, policy: Path, old: str, new: str
) -> None:
    candidates = tmp_path / "candidates"
    candidates.mkdir()
    candidate = load_policy(_candidate(candidates, policy, old, new) if old else policy)
    answers = []
    for url in (f"sqlite:///{tmp_path / 'replay.db'}", postgres_url):
        storage: Storage = SQLiteStorage(url) if url.startswith("sqlite") else PostgresStorage(url)
        with storage:
            fill(storage)
            replayed = _keyed(
                storage, replay_store(storage, candidate, Plugins(), limit=0).to_json()
            )
        replayed["changed_cases"].sort(key=lambda c: c["case_id"])  # ids order the stream
        answers.append(replayed)
    on_sqlite, on_postgres = answers
    assert on_sqlite == on_postgres
    assert on_sqlite["rejected"] == []
    assert on_sqlite["damaged"] == []
    assert (on_sqlite["changed"] > 0) == bool(old)  # a candidate changes cases, in force none
