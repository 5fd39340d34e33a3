"""Replay throughput and memory over many stored cases in SQLite.

    PYTHONPATH=src python benchmarks/replay.py [--cases 100000] [--db /tmp/replay-bench.db]

Builds the database once: a few thousand real histories made by a Desk under the demo's
policy (intake, responses, resolutions, closings at varied delays, then the scheduler's
tick), cloned with fresh case and customer ids by direct inserts. Then times

* ``plain``: reading every stored history and folding it back into its case (the floor:
  what streaming the store costs without any policy work), and
* ``replay``: ``replay_store`` under the demo policy with first response tightened to 1h
  (re-opening, classifying, routing, clocks, escalations for every case).

Peak memory: process max RSS of the measuring process (the database is built in a child
process, so its RSS is the replay's alone), and with ``--heap`` the Python heap peak
(tracemalloc, on a second run; several times slower).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.audit.stored import read_case, stored_event
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day
from complaintkit.desk import Desk
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import replay
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.histories import stored_histories
from complaintkit.reports import Scope
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_writes import write_facts

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
TEMPLATES = 2_000


def templates(n: int) -> list[tuple[str, str, list[tuple[int, str, str, str]]]]:
    """(case id, case body, [(seq, kind, at, event body)]) for ``n`` real histories."""
    rng = random.Random(11)
    complaints = [entry["complaint"] for entry in load_day()["complaints"]]
    clock = ManualClock(START)
    desk = Desk(load_policy(demo_policy_path()), clock=clock)
    later: list[tuple[datetime, str, str]] = []
    for i in range(n):
        at = START + timedelta(minutes=7 * i)
        clock.set(at)
        data = dict(rng.choice(complaints), external_id=f"T-{i}", received_at=at.isoformat())
        data["customer"] = dict(data["customer"], id=f"CUST{i:06d}")
        case = desk.intake(data)
        if rng.random() < 0.85:
            answered = at + timedelta(minutes=rng.randrange(5, 30 * 60))
            later.append((answered, case.id, "respond"))
            if rng.random() < 0.7:
                later.append((answered + timedelta(hours=rng.randrange(1, 96)), case.id, "resolve"))
    for at, case_id, action in sorted(later):
        clock.set(at)
        if action == "respond":
            desk.respond(case_id, "We are on it.", actor="agent.a")
        elif desk.get(case_id).status.value in ("acknowledged", "investigating"):
            desk.resolve(case_id, "Refunded.", actor="agent.a")
    desk.tick(max(at for at, _, _ in later) + timedelta(hours=1))
    out = []
    for case in desk.find():
        events = [(e.seq, e.kind, e.at.isoformat(), e.stored_json()) for e in desk.history(case.id)]
        out.append((case.id, json.dumps(case.to_json(), ensure_ascii=False), events))
    return out


def resealed(texts: list[str]) -> tuple[list[tuple[str, int, str, str, str]], str]:
    """The events rows of a copied history, each event sealed again onto the one before, as
    the Desk sealed the template's, since its case and customer ids changed (a replay checks
    every hash, and the case row's ``last_hash``, and names a case that breaks either as
    damaged, replaying none); and the new last hash."""
    rows, prev = [], GENESIS
    for text in texts:
        e = stored_event(text)
        sealed = CaseEvent.chained(
            case_id=e.case_id, seq=e.seq, kind=e.kind, at=e.at, actor=e.actor,
            reason=e.reason, data=e.data, prev_hash=prev,
        )  # fmt: skip
        rows.append(
            (sealed.case_id, sealed.seq, sealed.kind, sealed.at.isoformat(), sealed.stored_json())
        )
        prev = sealed.hash
    return rows, prev


#: The columns a copy fills (the store's later columns, such as ``planned_by``, keep their
#: defaults: the replay reads the body and the events).
INSERT_CASE = (
    "INSERT INTO cases (id, version, status, is_open, customer_id, owner, category, opened_at, "
    "next_deadline, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def build(path: Path, n: int) -> None:
    started = time.perf_counter()
    made = templates(min(n, TEMPLATES))
    SQLiteStorage(f"sqlite:///{path}?synchronous=off").close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    cases, events, copied = [], [], []
    for i in range(n):
        template_id, body, history = made[i % len(made)]
        copy, customer = f"{template_id[:-6]}{i:06d}", f"-{i // len(made)}"
        history_rows, last_hash = resealed(
            [
                text.replace(template_id, copy).replace('"CUST', f'"X{customer}CUST')
                for *_, text in history
            ]
        )
        events += history_rows
        body = body.replace(template_id, copy).replace('"CUST', f'"X{customer}CUST')
        case = json.loads(body)
        body = body.replace(case["last_hash"], last_hash)
        copied.append(read_case(body, copy))  # its report rows, as the Desk writes them
        opened = datetime.fromisoformat(case["opened_at"]).timestamp()
        due = case["next_deadline"]
        cases.append(
            (
                copy, case["version"], case["status"], int(case["status"] != "closed"),
                case["complaints"][0]["customer"]["id"], case["owner"], case["category"],
                opened, None if due is None else datetime.fromisoformat(due).timestamp(), body,
            )
        )  # fmt: skip
        if len(cases) == 5_000:
            db.executemany(INSERT_CASE, cases)
            db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", events)
            write_facts(db, copied, new=True)
            cases, events, copied = [], [], []
    db.executemany(INSERT_CASE, cases)
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", events)
    write_facts(db, copied, new=True)
    db.execute("COMMIT")
    (count,) = db.execute("SELECT count(*) FROM events").fetchone()
    db.close()
    print(
        f"built {n:,} cases ({count:,} events) in {time.perf_counter() - started:.1f} s, "
        f"{path.stat().st_size / 1e6:.0f} MB"
    )


def measure(label: str, n: int, run: Callable[[], object], *, heap: bool) -> None:
    started = time.perf_counter()
    cpu = time.process_time()
    run()
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    traced = ""
    if heap:
        tracemalloc.start()
        run()
        traced = f"  python heap peak {tracemalloc.get_traced_memory()[1] / 1e6:6.1f} MB"
        tracemalloc.stop()
    print(
        f"{label:<8} {n / elapsed:7,.0f} cases/s wall, {n / used:7,.0f} cases/s CPU "
        f"({elapsed:6.1f} s wall, {used:6.1f} s CPU)  process max RSS {rss / 1e3:5.0f} MB{traced}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "replay-bench.db")
    parser.add_argument("--rebuild", action="store_true", help="Build the database again.")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--heap", action="store_true", help="Also trace the Python heap peak.")
    args = parser.parse_args()
    if args.build_only:
        for stale in args.db.parent.glob(args.db.name + "*"):
            stale.unlink()
        build(args.db, args.cases)
        return
    if args.rebuild or not args.db.exists():
        command = [sys.executable, __file__, "--build-only", "--cases", str(args.cases)]
        subprocess.run([*command, "--db", str(args.db)], check=True)
    text = demo_policy_path().read_text(encoding="utf-8")
    tight = args.db.with_suffix(".policy.yaml")
    tight.write_text(text.replace("    - first_response: 24h", "    - first_response: 1h"))
    candidate, plugins = load_policy(tight), Plugins()
    with SQLiteStorage(f"sqlite:///{args.db}") as storage:
        cases = storage.count(CaseQuery())

        def plain() -> None:
            for events in stored_histories(storage, Scope()):
                replay(events)

        def candidate_replay() -> None:
            result = replay_store(storage, candidate, plugins)
            print(
                f"replay: {result.comparison.cases:,} cases, {result.comparison.changed:,} change"
            )

        measure("plain", cases, plain, heap=args.heap)
        measure("replay", cases, candidate_replay, heap=args.heap)


if __name__ == "__main__":
    main()
