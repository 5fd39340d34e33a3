"""One tick over 1,000,000 open cases in SQLite with 10,000 due, next to plain sqlite3.

The store holds what a shop's desk holds after six weeks: cases received at random instants
over 42 days, classified by the real online-shop policy (policies/ecommerce: a business
calendar, four target rows, an escalation ladder) from real complaint texts (waimai reviews,
CFPB narratives), each brought up to date by a tick at ``T0``. ``--exact`` of them (default
58,000; four in five from the last nine days, where deadlines are still pending) are taken
in by ``Desk.intake_many`` and ticked for real, with their events and ledger; the rest are
copies of those not due, with new ids, customers, keys and status tokens, drawn so that
arrivals stay uniform over the six weeks (the copies carry their case row, intake key,
status token and report facts, written set-based in SQL, but no event history; no tick
reads them, as none is due). The measured tick runs at the instant by which ``--due``
cases have fallen due (a few more when others share the last one's deadline: business
deadlines bunch at closing time); every due case is one built exactly, with its own
history, and catching up on it fires warnings, breaches and escalations.

Contenders, taking turns (``harness.interleave``), each on the same state — the due cases,
their events and report rows, the ledger and the logs are restored between runs, untimed:

* ``complaintkit``: ``Desk.tick(now)`` with its default batch (500), as ``complaintkit tick``;
* ``plain sqlite3``: a hand-written tick on its own connection with the same pragmas and
  the same checkpoints (made in a thread, as complaintkit's store makes them), claiming
  the same batches with the same query, reading and parsing every claimed case,
  and writing the very rows complaintkit wrote (case updates with their next deadline,
  events and their event-log entries, ledger entries, the report rows that changed),
  recorded from a first complaintkit run. Its own computation is left out: it is the floor of the reads and writes, not a
  rival SLA engine.

Every run's result (each due case's row and report rows, the new events, event-log and
ledger entries) is compared with the first run's. SQLite runs with ``synchronous=full`` (durable:
each commit fsyncs) unless ``--synchronous normal``. Wall and CPU (``time.process_time``, the
checkpoint thread's included) medians are printed:
on a shared machine the wall figure moves with the load. The database (6.8 GB: a case
body of about 2 KB takes a 4 KB page of its own) is built once and cached under /tmp,
named by the build and the parameters; the build takes about three minutes on this 2-core
machine (half of it the exact cases), and a run leaves the store as it found it, so later
runs reuse it (``--rebuild`` builds it again). A run after the build takes about a minute.

    PYTHONPATH=src python benchmarks/sla.py [--cases 1000000] [--due 10000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import harness

from complaintkit.audit.stored import read_case
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.ids import new_status_token
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_checkpoint import checkpointer
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS, fact_rows

POLICY = Path(__file__).parents[1] / "policies/ecommerce/online-shop.yaml"
#: The last tick before the measured one: a Monday, 14:00 in Shanghai.
T0 = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
HISTORY_DAYS, RECENT_DAYS = 42, 9
#: In the cache name: a store built by an earlier build is never reused.
BUILD = 5  # 5: the online shop grades 外卖 reviews (a store built before is stale)
BATCH = 500  # Desk.tick's and ``complaintkit tick``'s default
CASE_COLUMNS = (
    "version, status, is_open, customer_id, owner, category, opened_at, next_deadline, body"
)
CLAIM = (
    "SELECT id, version, body FROM cases WHERE next_deadline IS NOT NULL "
    "AND next_deadline <= ? ORDER BY next_deadline, id LIMIT ?"
)


# --- the store ------------------------------------------------------------------------------


def build(path: Path, cases: int, exact: int, due: int, seed: int) -> datetime:
    """Build the store at ``path``; return the instant of the measured tick.

    The exact cases are built in a child process: a Desk keeps a read connection open for
    the life of its process (its incident watcher's report source), and the copies are
    written without a journal, which needs the file to itself.
    """
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as child:
        now = child.submit(_build_exact, path, exact, due, seed).result()
    began = time.perf_counter()
    _copy(path, cases, cases - exact, now, random.Random(seed + 1))
    print(f"  {cases - exact:,} copies in {time.perf_counter() - began:.0f} s", flush=True)
    return now


def _build_exact(path: Path, exact: int, due: int, seed: int) -> datetime:
    """Take in and tick the exact cases; return the instant by which ``due`` are due."""
    rng = random.Random(seed)
    storage = SQLiteStorage(f"sqlite:///{path}?synchronous=off")
    clock = ManualClock(T0)
    desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
    recent = exact * 4 // 5
    days = [rng.uniform(0, RECENT_DAYS) for _ in range(recent)]
    days += [rng.uniform(RECENT_DAYS, HISTORY_DAYS) for _ in range(exact - recent)]
    received = sorted(T0 - timedelta(days=d) for d in days)
    zh, en = corpus.real_texts()
    texts = (zh + en) or corpus.texts(1000)
    began = time.perf_counter()
    for start in range(0, exact, 100):
        chunk = received[start : start + 100]
        clock.set(chunk[-1])
        desk.intake_many(
            {
                "channel": rng.choice(("app", "web", "email", "phone")),
                "external_id": f"bench-{start + i}",
                "received_at": at.isoformat(),
                "customer": {"id": f"customer-{rng.randrange(exact)}", "name": "王女士"},
                "text": rng.choice(texts),
            }
            for i, at in enumerate(chunk)
        )
    took = time.perf_counter() - began
    print(f"  {exact:,} cases taken in by Desk.intake_many in {took:.0f} s", flush=True)
    began = time.perf_counter()
    desk.tick(T0, batch=2000)
    print(f"  ticked to {T0.isoformat()} in {time.perf_counter() - began:.0f} s", flush=True)
    now = _tick_instant(storage, due)
    storage.close()
    return now


def _tick_instant(storage: SQLiteStorage, due: int) -> datetime:
    """The instant by which ``due`` cases have fallen due (a few more when others share the
    last one's deadline: business deadlines bunch at closing time)."""
    rows = storage.execute(
        "SELECT body FROM cases WHERE next_deadline IS NOT NULL "
        "ORDER BY next_deadline LIMIT 1 OFFSET ?",
        (due - 1,),
    )
    assert rows, f"fewer than {due} cases pending; raise --exact"
    return datetime.fromisoformat(json.loads(rows[0][0])["next_deadline"])


#: A copy's id, key and customer, from its number ``n``; its body says the same.
_COPY_ID = "printf('CK-COPY%09d', c.n)"
_COPY_KEY = "'copy-' || c.n"
_COPY_CUSTOMER = "'copy-customer-' || (c.n % 400000)"


def _copy(path: Path, total: int, count: int, now: datetime, rng: random.Random) -> None:
    """Add ``count`` copies of the exact cases not due by ``now``, keeping arrivals uniform.

    Set-based, in one transaction without a journal: Python only draws each copy's source
    and status token; SQLite writes the rows (``json_set`` for the new id, key, customer and
    token in the body), their intake keys and status tokens, and derives their report facts
    from the bodies (``NEW_CASE_FACTS``: the rows storage writes from each case). The
    indexes stay in place, so they grow as a store's do.
    """
    cutoff = (T0 - timedelta(days=RECENT_DAYS)).timestamp()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA cache_size=-3000000")  # 3 GB: the indexes' random inserts stay in memory
    db.execute("PRAGMA temp_store=MEMORY")
    db.execute("BEGIN")
    db.execute(
        "CREATE TEMP TABLE source AS SELECT rowid AS source, opened_at >= ? AS recent, "
        f"{CASE_COLUMNS} FROM cases WHERE next_deadline IS NULL OR next_deadline > ? "
        "ORDER BY rowid",
        (cutoff, now.timestamp()),
    )
    rows = db.execute("SELECT source, recent FROM source ORDER BY source").fetchall()
    recent = [source for source, new in rows if new]
    older = [source for source, new in rows if not new]
    ((exact_recent,),) = db.execute("SELECT count(*) FROM cases WHERE opened_at >= ?", (cutoff,))
    ((last,),) = db.execute("SELECT max(rowid) FROM cases")
    wanted_recent = max(0, total * RECENT_DAYS // HISTORY_DAYS - exact_recent)
    db.execute("CREATE TEMP TABLE copies (n INTEGER PRIMARY KEY, source INTEGER, token TEXT)")
    db.executemany(
        "INSERT INTO copies VALUES (?, ?, ?)",
        (
            (
                n,
                rng.choice(recent if (n < wanted_recent and recent) or not older else older),
                new_status_token(),
            )
            for n in range(count)
        ),
    )
    db.execute(
        f"INSERT INTO cases ({CASE_COLUMNS}, id) "
        f"SELECT s.version, s.status, 1, {_COPY_CUSTOMER}, s.owner, s.category, s.opened_at, "
        "s.next_deadline, json_set(s.body, '$.id', "
        f"{_COPY_ID}, '$.status_token', c.token, '$.complaints[0].external_id', {_COPY_KEY}, "
        f"'$.complaints[0].customer.id', {_COPY_CUSTOMER}), {_COPY_ID} "
        "FROM copies c JOIN source s USING (source) ORDER BY c.n"
    )
    db.execute(
        "INSERT INTO intake_keys (channel, external_id, case_id) "
        f"SELECT json_extract(s.body, '$.complaints[0].channel'), {_COPY_KEY}, {_COPY_ID} "
        "FROM copies c JOIN source s USING (source) ORDER BY c.n"
    )
    db.execute(
        f"INSERT INTO status_tokens (token, case_id) SELECT c.token, {_COPY_ID} FROM copies c"
    )
    for statement in NEW_CASE_FACTS:  # the rows SQLiteStorage writes when it inserts cases
        db.execute(statement, (last,))
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")
    db.close()


def cached(args: argparse.Namespace) -> tuple[Path, datetime]:
    """The store for these parameters, built unless a finished build is cached."""
    name = f"complaintkit-sla-v{BUILD}-{args.cases}-{args.exact}-{args.due}-{args.seed}.db"
    path = args.cache / name
    meta = path.with_suffix(".json")
    if not args.rebuild and path.exists() and meta.exists():
        built = json.loads(meta.read_text())
        print(f"reusing {path} (built in {built['built_seconds']} s)")
        return path, datetime.fromisoformat(built["now"])
    for suffix in ("", "-wal", "-shm", "-outbox.lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    meta.unlink(missing_ok=True)
    began = time.perf_counter()
    now = build(path, args.cases, args.exact, args.due, args.seed)
    print(f"built {args.cases:,} open cases in {time.perf_counter() - began:.0f} s: {path}")
    meta.write_text(
        json.dumps({"now": now.isoformat(), "built_seconds": round(time.perf_counter() - began)})
    )
    return path, now


# --- restoring the state between runs -------------------------------------------------------


_FACT_UPDATES = ", ".join(
    f"{name} = excluded.{name}"
    for name in (
        "opened_at", "status", "category", "channel", "severity", "product",
        "first_response_secs", "resolution_secs", "satisfaction", "escalation_level",
        "fishbone", "nature", "root_why", "received_at",
    )
)  # fmt: skip


class FactTable(NamedTuple):
    """A report table: the due cases' rows (``select`` takes their ids as a JSON list),
    keyed by their first ``key`` columns, and how storage writes and deletes one."""

    select: str
    key: int
    upsert: str
    delete: str


_IN_IDS = "(SELECT value FROM json_each(?))"
FACT_TABLES = {
    "case_facts": FactTable(
        f"SELECT * FROM case_facts WHERE id IN {_IN_IDS} ORDER BY id",
        1,
        f"INSERT INTO case_facts VALUES ({', '.join('?' * 16)}) "
        f"ON CONFLICT (id) DO UPDATE SET {_FACT_UPDATES}",
        "DELETE FROM case_facts WHERE id = ?",
    ),
    "case_sla": FactTable(
        f"SELECT * FROM case_sla WHERE case_id IN {_IN_IDS} ORDER BY case_id, metric",
        2,
        "INSERT OR REPLACE INTO case_sla VALUES (?, ?, ?, ?, ?, ?)",
        "DELETE FROM case_sla WHERE case_id = ? AND metric = ?",
    ),
    "case_remedies": FactTable(
        f"SELECT * FROM case_remedies WHERE case_id IN {_IN_IDS} ORDER BY case_id, seq",
        2,
        "INSERT OR REPLACE INTO case_remedies VALUES (?, ?, ?, ?, ?, ?)",
        "DELETE FROM case_remedies WHERE case_id = ? AND seq = ?",
    ),
}


class Snapshot:
    """The rows a tick changes, saved once, so every run starts from the same state."""

    TABLES = ("ledger", "event_log", "outbox", "dead_letters")

    def __init__(self, path: Path, now: datetime) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.rows = self.db.execute(
            f"SELECT {CASE_COLUMNS}, id FROM cases WHERE next_deadline IS NOT NULL "
            "AND next_deadline <= ?",
            (now.timestamp(),),
        ).fetchall()
        self.ids = [row[-1] for row in self.rows]
        self.facts = self.rows_before()
        self.last = {
            table: self.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
            for table in self.TABLES
        }

    def restore(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany(
            "DELETE FROM events WHERE case_id = ? AND seq > ?",
            [(row[-1], row[0]) for row in self.rows],
        )
        for table, last in self.last.items():
            self.db.execute(f"DELETE FROM {table} WHERE rowid > ?", (last,))
            self.db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (last, table))
        self.db.executemany(
            "UPDATE cases SET version = ?, status = ?, is_open = ?, customer_id = ?, owner = ?, "
            "category = ?, opened_at = ?, next_deadline = ?, body = ? WHERE id = ?",
            self.rows,
        )
        ids = json.dumps(self.ids)
        for table in ("case_sla", "case_remedies"):
            self.db.execute(f"DELETE FROM {table} WHERE case_id IN {_IN_IDS}", (ids,))
        for table, facts in FACT_TABLES.items():
            self.db.executemany(facts.upsert, self.facts[table])
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def rows_before(self) -> dict[str, list[tuple[Any, ...]]]:
        """The due cases' report rows before the tick, as storage derives them from the
        cases (``fact_rows``): the store's own are a tick's once a run has ticked, as the
        report rows a tick writes are left as they are; ``reopened``, which a tick does
        not change, is the stored one."""
        reopened = {row[0]: row[14] for row in self.report_rows()["case_facts"]}
        before: dict[str, list[tuple[Any, ...]]] = {table: [] for table in FACT_TABLES}
        for row in self.rows:
            derived = fact_rows(read_case(row[-2], row[-1]))
            facts = derived.facts
            before["case_facts"].append((*facts[:14], reopened[facts[0]], facts[14]))
            before["case_sla"] += derived.sla
            before["case_remedies"] += derived.remedies
        return before

    def report_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """The due cases' rows in the report tables."""
        ids = json.dumps(self.ids)
        return {
            table: self.db.execute(facts.select, (ids,)).fetchall()
            for table, facts in FACT_TABLES.items()
        }

    def written(
        self,
    ) -> tuple[
        dict[str, tuple[Any, ...]],
        list[tuple[Any, ...]],
        list[tuple[Any, ...]],
        dict[str, list[tuple[Any, ...]]],
        list[tuple[Any, ...]],
    ]:
        """What a tick wrote: each due case's row, the new events and ledger entries, the
        due cases' report rows and the event log's new entries (the commit order)."""
        marks = ",".join("?" * len(self.ids))
        cases = {
            row[-1]: row[:-1]
            for row in self.db.execute(
                f"SELECT {CASE_COLUMNS}, id FROM cases WHERE id IN ({marks})",
                self.ids,
            )
        }
        before = {row[-1]: row[0] for row in self.rows}
        events = [
            row
            for case_id in self.ids
            for row in self.db.execute(
                "SELECT case_id, seq, kind, at, body FROM events WHERE case_id = ? AND seq > ? "
                "ORDER BY seq",
                (case_id, before[case_id]),
            )
        ]
        ledger = self.db.execute(
            "SELECT id, hash, body FROM ledger WHERE id > ? ORDER BY id", (self.last["ledger"],)
        ).fetchall()
        log = self.db.execute(
            "SELECT case_id, seq FROM event_log WHERE position > ? ORDER BY position",
            (self.last["event_log"],),
        ).fetchall()
        return cases, events, ledger, self.report_rows(), log

    def changed_facts(self) -> dict[str, list[tuple[str, tuple[Any, ...]]]]:
        """Per due case, the writes (statement, parameters) that bring its report rows from
        the snapshot's to what a tick left: storage writes only the rows that differ."""
        after = self.report_rows()
        changed: dict[str, list[tuple[str, tuple[Any, ...]]]] = {key: [] for key in self.ids}
        for table, facts in FACT_TABLES.items():
            before = set(self.facts[table])
            kept = {row[: facts.key] for row in after[table]}
            for row in before:
                if row[: facts.key] not in kept:
                    changed[row[0]].append((facts.delete, row[: facts.key]))
            for row in after[table]:
                if row not in before:
                    changed[row[0]].append((facts.upsert, row))
        return changed

    def digest(self) -> str:
        return hashlib.sha256(repr(self.written()).encode()).hexdigest()


# --- the contenders -------------------------------------------------------------------------


def reference(path: Path, synchronous: str, snapshot: Snapshot) -> Callable[[float], int]:
    """A hand-written tick writing the rows complaintkit wrote (recorded from its run)."""
    cases, events, ledger, _, _ = snapshot.written()
    facts = snapshot.changed_facts()
    plan: dict[str, tuple[tuple[Any, ...], list[tuple[Any, ...]]]] = {
        case_id: (row, []) for case_id, row in cases.items()
    }
    for event in events:
        plan[event[0]][1].append(event)
    db = sqlite3.connect(path, isolation_level=None)
    (journal,) = db.execute("PRAGMA journal_mode=WAL").fetchone()
    db.execute(f"PRAGMA synchronous={synchronous.upper()}")
    db.execute("PRAGMA foreign_keys=ON")
    checkpoints = checkpointer(db, journal, path, synchronous)  # as complaintkit's store
    assert checkpoints is not None

    def tick(now: float) -> int:
        handled = batch = 0
        while True:
            db.execute("BEGIN IMMEDIATE")
            claimed = db.execute(CLAIM, (now, BATCH)).fetchall()
            updates, rows = [], []
            reports: dict[str, list[tuple[Any, ...]]] = {}
            for case_id, version, body in claimed:
                json.loads(body)  # a tick reads every case it handles
                (new, status, is_open, _, owner, category, _, deadline, text), written = plan[
                    case_id
                ]
                updates.append(
                    (new, status, is_open, owner, category, deadline, text, case_id, version)
                )
                rows.extend(written)
                for statement, params in facts[case_id]:
                    reports.setdefault(statement, []).append(params)
            db.executemany(
                "UPDATE cases SET version = ?, status = ?, is_open = ?, owner = ?, category = ?, "
                "next_deadline = ?, body = ? WHERE id = ? AND version = ?",
                updates,
            )
            db.executemany(
                "INSERT INTO events (case_id, seq, kind, at, body) VALUES (?, ?, ?, ?, ?)", rows
            )
            db.executemany(
                "INSERT INTO event_log (case_id, seq) VALUES (?, ?)", [row[:2] for row in rows]
            )
            for statement, params_list in reports.items():  # the report rows that changed
                db.executemany(statement, params_list)
            if claimed:
                db.execute("INSERT INTO ledger (id, hash, body) VALUES (?, ?, ?)", ledger[batch])
            db.execute("COMMIT")
            checkpoints.committed(bulk=True)
            handled += len(claimed)
            batch += 1
            if len(claimed) < BATCH:
                return handled

    return tick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--exact", type=int, default=58_000, help="cases built by the Desk")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--synchronous", choices=("full", "normal"), default="full")
    parser.add_argument("--cache", type=Path, default=Path("/tmp"))
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()
    path, now = cached(args)
    snapshot = Snapshot(path, now)
    due = len(snapshot.ids)
    assert args.due <= due <= args.due * 1.05, f"{due:,} due, not about {args.due:,}"
    storage = SQLiteStorage(f"sqlite:///{path}?synchronous={args.synchronous}")
    desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(now))
    try:
        snapshot.restore()
        first = desk.tick(now)
        print(
            f"tick at {now.isoformat()}: {first.cases:,} cases, {first.events:,} events "
            f"({first.warnings:,} warnings, {first.breaches:,} breaches, "
            f"{first.escalations:,} escalations) in {first.batches} batches"
        )
        assert first.cases == due
        expected = snapshot.digest()
        plain = reference(path, args.synchronous, snapshot)
        cpu: dict[str, list[float]] = {"complaintkit": [], "plain sqlite3": []}
        checked = {
            "complaintkit": lambda: desk.tick(now).cases,
            "plain sqlite3": lambda: plain(now.timestamp()),
        }

        def contender(name: str) -> Callable[[], None]:
            def run() -> None:
                began = time.process_time()
                handled = checked[name]()
                cpu[name].append(time.process_time() - began)
                assert handled == due, f"{name} handled {handled}"

            return run

        def verify_and_restore() -> None:
            if any(cpu.values()):
                assert snapshot.digest() == expected, "a contender wrote other rows"
            snapshot.restore()

        runs = harness.interleave(
            {name: contender(name) for name in checked}, args.repeats, reset=verify_and_restore
        )
        verify_and_restore()
    finally:
        storage.close()
    workload = f"tick: {args.due:,} due of {args.cases:,} open, SQLite"
    found = harness.figures(workload, runs, due)
    ours, floor = found["complaintkit"], found["plain sqlite3"]
    cpu_medians = {name: round(statistics.median(times), 3) for name, times in cpu.items()}
    print(f"synchronous={args.synchronous}, {args.repeats} interleaved repeats:")
    for name, figure in found.items():
        print(f"  {name:14} {figure.seconds:6.2f} s wall, {cpu_medians[name]:5.2f} s CPU (medians)")
    checks = [
        harness.below_seconds(workload, ours, 2.0),
        harness.reported(
            f"{workload}, next to plain sqlite3 writing the same rows",
            f"{ours.seconds / floor.seconds:.2f}x plain sqlite3",
        ),
    ]
    harness.save(
        "sla",
        found.values(),
        checks,
        {
            "synchronous": args.synchronous,
            "cases": args.cases,
            "due": due,
            "exact": args.exact,
            "batch": BATCH,
            "repeats": args.repeats,
            "now": now.isoformat(),
            "events": first.events,
            "cpu_median_seconds": cpu_medians,
            "policy": "policies/ecommerce/online-shop.yaml",
        },
    )


if __name__ == "__main__":
    main()
