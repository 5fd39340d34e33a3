"""Durable intake into SQLite: complaints per second, wall clock including the fsync wait.

    python benchmarks/intake.py [--count 5000] [--batch 500] [--single 200] [--repeats 3]
                                [--policies none,demo,cn] [--synchronous full]

Durable by default: SQLite ``synchronous=full`` (every commit fsyncs the WAL, so a power
loss keeps every acknowledged complaint); ``--synchronous normal`` measures the weaker
setting and says so in the results. Throughput is wall time of the whole run — building the
cases, writing the rows, waiting for the fsyncs, closing the store — per complaint; CPU time
per complaint (``time.process_time``) is printed beside it because the machine is shared.

Contenders, interleaved in one run, for the empty policy, the demo policy (classification,
keyword rules, a customer-history fact, routing, SLA clocks, notifications) and a policy
whose clocks count on a calendar with China's public holidays (policies/property: every
clock records the holiday data it counted on — reading it once cost 0.9 ms a clock, which
the demo policy's own calendar never showed):

* ``complaintkit intake_many``: ``Desk.intake_many`` in batches of ``--batch``, one
  transaction and one fsync per batch (group commit);
* ``complaintkit intake``: ``Desk.intake`` per complaint, one fsync each, on ``--single``
  complaints (a durable per-complaint commit is bounded by the fsync, not by complaintkit);
* ``plain sqlite3``: a hand-written writer inserting exactly the rows ``intake_many``
  wrote — same tables, same indexes, same pragmas and checkpoints (made in a thread, as
  complaintkit's store makes them), JSON bodies encoded from dicts (orjson), the report
  facts, event log and ledger rows written directly, as complaintkit writes them (the
  schema has no triggers) — with ``executemany``, one transaction per batch. Its rows are asserted equal
  to complaintkit's.

The Desk's clock moves on a millisecond each time it is read (``Ticking``), so case ids,
which begin with their creation time, ascend as in production and each batch's rows land
together at the end of every index (a frozen clock scatters them, which costs every
contender alike but is not what a store sees), and every run sees the same instants.

Every complaintkit run is checked to have written the same rows (per-table counts, and each
complaint's category, severity, status and product) as the captured one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import harness
import orjson

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_checkpoint import checkpointer

ROOT = Path(__file__).parents[1]
POLICIES = {
    "demo": ROOT / "src/complaintkit/demo/policy.yaml",
    "cn": ROOT / "policies/property/property-management.yaml",
}
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
WORKLOADS = {
    "none": "durable intake into SQLite, no policy",
    "demo": "durable intake, demo policy",
    "cn": "durable intake, CN holiday-calendar policy",
}
RATE_TARGETS = {"none": 5000.0, "demo": 4000.0}

# Every table intake writes: (table, the column naming the case, columns the writer sets,
# JSON columns). Autoincrement keys (event_log, outbox, dead_letters) are left to SQLite.
TABLES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "cases",
        "id",
        (
            "id",
            "version",
            "status",
            "is_open",
            "customer_id",
            "owner",
            "category",
            "opened_at",
            "next_deadline",
            "body",
        ),
        ("body",),
    ),
    ("intake_keys", "case_id", ("channel", "external_id", "case_id"), ()),
    ("events", "case_id", ("case_id", "seq", "kind", "at", "body"), ("body",)),
    ("event_log", "case_id", ("case_id", "seq"), ()),
    ("status_tokens", "case_id", ("token", "case_id"), ()),
    (
        "case_facts",
        "id",
        (
            "id",
            "opened_at",
            "status",
            "category",
            "channel",
            "severity",
            "product",
            "first_response_secs",
            "resolution_secs",
            "satisfaction",
            "escalation_level",
            "fishbone",
            "nature",
            "root_why",
            "reopened",
        ),
        (),
    ),
    ("case_sla", "case_id", ("case_id", "metric", "met", "breached", "due_at", "cancelled"), ()),
    ("case_remedies", "case_id", ("case_id", "seq", "remedy", "currency", "amount", "status"), ()),
    (
        "outbox",
        "case_id",
        (
            "delivery_id",
            "via",
            "kind",
            "case_id",
            "payload",
            "created_at",
            "state",
            "attempts",
            "next_attempt_at",
            "last_error",
        ),
        ("payload",),
    ),
    ("dead_letters", "", ("source", "raw", "reason", "at"), ()),
    ("ledger", "", ("id", "hash", "body"), ("body",)),
)
#: How to read back, in the order they were written, the rows of tables without a rowid:
#: events in the event log's order, the others in their cases' order.
_WRITTEN_ORDER = {
    "events": "l.position",
    "intake_keys": "(SELECT rowid FROM cases c WHERE c.id = t.case_id), external_id",
    "status_tokens": "(SELECT rowid FROM cases c WHERE c.id = t.case_id)",
    "case_sla": "(SELECT rowid FROM cases c WHERE c.id = t.case_id), metric",
    "case_remedies": "(SELECT rowid FROM cases c WHERE c.id = t.case_id), seq",
}
_LOG_JOIN = " JOIN event_log AS l ON l.case_id = t.case_id AND l.seq = t.seq"
#: What a run must agree on, per complaint (keyed by its external id).
FACTS = (
    "SELECT json_extract(c.body, '$.complaints[0].external_id'), f.category, f.severity, "
    "f.status, f.product FROM cases c JOIN case_facts f ON f.id = c.id"
)


def complaints(count: int) -> list[Complaint]:
    """Real complaint texts (corpus.py), customers who come back (one in two within the
    run), most with an e-mail address, amounts and products."""
    texts = corpus.texts(count)
    return [
        Complaint.from_json(
            {
                "channel": "bench",
                "external_id": f"B{n:07d}",
                "received_at": (NOW - timedelta(seconds=count - n)).isoformat(),
                "customer": {
                    "id": f"C{n % 5000}",
                    "tier": "gold" if n % 10 == 0 else "standard",
                    # one in ten gave no address: its acknowledgement is a dead letter
                    **({"contact": f"c{n % 5000}@example.com"} if n % 10 else {}),
                },
                "subject": "complaint",
                "text": text,
                "amount": {"amount": f"{n % 500}.50", "currency": "CNY"},
                "product": f"SKU-{n % 9973}",
            }
        )
        for n, text in enumerate(texts)
    ]


class Ticking(ManualClock):
    """A clock that moves on a millisecond whenever it is read: deterministic, and ids made
    from it ascend."""

    def now(self) -> datetime:
        return self.advance(timedelta(milliseconds=1))


def load(name: str) -> AssessingPolicy | None:
    return None if name == "none" else load_policy(POLICIES[name])


class Files:
    """Fresh copies of an empty store (schema made by complaintkit), made before timing."""

    def __init__(self, folder: Path, synchronous: str) -> None:
        self.folder = folder
        self.synchronous = synchronous
        self.template = folder / "template.db"
        SQLiteStorage(f"sqlite:///{self.template}").close()
        with sqlite3.connect(self.template) as db:  # the reference writes every row itself
            assert not db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
        self.made = 0

    def fresh(self) -> Path:
        self.made += 1
        path = self.folder / f"run{self.made}.db"
        shutil.copyfile(self.template, path)
        return path

    def url(self, path: Path) -> str:
        return f"sqlite:///{path}?synchronous={self.synchronous}"


def rows_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every intake table's rows, in the order they were written."""
    with sqlite3.connect(path) as db:
        out = {}
        for table, _, columns, _ in TABLES:
            order = _WRITTEN_ORDER.get(table, "rowid")
            join = _LOG_JOIN if table == "events" else ""
            picked = ", ".join(f"t.{column}" for column in columns)
            sql = f"SELECT {picked} FROM {table} AS t{join} ORDER BY {order}"
            out[table] = db.execute(sql).fetchall()
    return out


def facts_of(path: Path) -> dict[str, tuple[Any, ...]]:
    with sqlite3.connect(path) as db:
        return {row[0]: row[1:] for row in db.execute(FACTS)}


def counts(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    return {table: len(found) for table, found in rows.items()}


class Plain:
    """The hand-written writer: the captured rows, bodies as dicts, split into batches."""

    def __init__(self, captured: dict[str, list[tuple[Any, ...]]], batch: int) -> None:
        order = {row[0]: n // batch for n, row in enumerate(captured["cases"])}
        batches = max(order.values()) + 1
        self.batches: list[list[tuple[str, list[tuple[Any, ...]]]]] = [[] for _ in range(batches)]
        self.encode = lambda value: orjson.dumps(value).decode()  # the fastest encoder here
        for table, by, columns, json_columns in TABLES:
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            parts: list[list[tuple[Any, ...]]] = [[] for _ in range(batches)]
            decode = [columns.index(c) for c in json_columns]
            for n, row in enumerate(captured[table]):
                if table == "ledger":
                    at = n  # one entry per batch transaction
                elif table == "dead_letters":
                    at = order[json.loads(row[1])["case_id"]]
                else:
                    at = order[row[columns.index(by)]]
                values = list(row)
                for i in decode:
                    values[i] = json.loads(values[i])
                parts[at].append(tuple(values))
            for at, part in enumerate(parts):
                self.batches[at].append((sql, part, decode))  # type: ignore[arg-type]

    def write(self, path: Path, synchronous: str) -> None:
        db = sqlite3.connect(path, isolation_level=None)
        (journal,) = db.execute("PRAGMA journal_mode=WAL").fetchone()
        db.execute(f"PRAGMA synchronous={synchronous.upper()}")
        db.execute("PRAGMA foreign_keys=ON")
        checkpoints = checkpointer(db, journal, path, synchronous)  # as complaintkit's store
        assert checkpoints is not None
        encode = self.encode
        for statements in self.batches:
            db.execute("BEGIN IMMEDIATE")
            for sql, rows, decode in statements:  # type: ignore[misc]
                if decode:
                    rows = [  # noqa: PLW2901 -- encoded in the timed run, as an app would
                        tuple(encode(v) if i in decode else v for i, v in enumerate(row))
                        for row in rows
                    ]
                db.executemany(sql, rows)
            db.execute("COMMIT")
            checkpoints.committed(bulk=True)
        checkpoints.close()
        db.close()


class Bench:
    """The contenders for one policy, with the paths and CPU seconds of their runs."""

    def __init__(self, args: argparse.Namespace, policy_name: str, files: Files) -> None:
        self.args = args
        self.policy = load(policy_name)
        self.files = files
        self.plugins = Plugins()
        self.items = complaints(args.count)
        self.paths: dict[str, list[Path]] = defaultdict(list)
        self.cpu: dict[str, list[float]] = defaultdict(list)
        self.captured: dict[str, list[tuple[Any, ...]]] = {}
        self.plain: Plain | None = None

    def desk(self, path: Path) -> Desk:
        url = self.files.url(path)
        return Desk(self.policy, storage=url, clock=Ticking(NOW), plugins=self.plugins)

    def timed(self, name: str, work: Callable[[Path], None]) -> Callable[[], None]:
        def run() -> None:
            path = self.files.fresh()
            start = time.process_time()
            work(path)
            self.cpu[name].append(time.process_time() - start)
            self.paths[name].append(path)

        return run

    def batched(self, path: Path) -> None:
        desk = self.desk(path)
        size = self.args.batch
        for start in range(0, len(self.items), size):
            taken = desk.intake_many(self.items[start : start + size])
            assert all(isinstance(t, Taken) and t.created for t in taken), taken
        desk.storage.close()

    def single(self, path: Path) -> None:
        desk = self.desk(path)
        for complaint in self.items[: self.args.single]:
            desk.intake(complaint)
        desk.storage.close()

    def reference(self, path: Path) -> None:
        assert self.plain is not None
        self.plain.write(path, self.files.synchronous)

    def capture(self) -> None:
        """One untimed run of ``intake_many`` (the warm-up): the rows every run must write."""
        path = self.files.fresh()
        self.batched(path)
        self.captured = rows_of(path)
        self.facts = facts_of(path)
        self.plain = Plain(self.captured, self.args.batch)
        check = self.files.fresh()
        self.plain.write(check, self.files.synchronous)
        assert rows_of(check) == self.captured, "the reference wrote other rows"
        path.unlink()
        check.unlink()

    def contenders(self) -> dict[str, Callable[[], None]]:
        return {
            "complaintkit intake_many": self.timed("complaintkit intake_many", self.batched),
            "complaintkit intake": self.timed("complaintkit intake", self.single),
            "plain sqlite3": self.timed("plain sqlite3", self.reference),
        }

    def verify(self) -> None:
        """Every run wrote what the captured run wrote; then its file goes."""
        expected = counts(self.captured)
        first = {key: self.facts[key] for key in list(self.facts)[: self.args.single]}
        for name, paths in self.paths.items():
            for path in paths:
                if name == "complaintkit intake":
                    assert facts_of(path) == first, f"{name} decided otherwise"
                else:
                    assert counts(rows_of(path)) == expected, f"{name} wrote other rows"
                    assert facts_of(path) == self.facts, f"{name} decided otherwise"
                path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000, help="complaints per batched run")
    parser.add_argument("--batch", type=int, default=500, help="complaints per transaction")
    parser.add_argument("--single", type=int, default=200, help="complaints, one commit each")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--policies", default="none,demo,cn")
    parser.add_argument(
        "--synchronous",
        default="full",
        choices=["full", "normal", "off"],
        help="SQLite synchronous (full: durable through power loss; the default)",
    )
    args = parser.parse_args()
    print(
        f"SQLite synchronous={args.synchronous} (WAL), {args.count:,} complaints in batches "
        f"of {args.batch}, {args.single} one at a time; {args.repeats} interleaved repeats"
    )
    found: list[harness.Figure] = []
    checks: list[harness.Check] = []
    cpu_us: dict[str, dict[str, float]] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        files = Files(Path(folder), args.synchronous)
        for policy in args.policies.split(","):
            workload = WORKLOADS[policy]
            bench = Bench(args, policy, files)
            bench.capture()
            # the benchmark's own data (complaints, captured rows) is no contender's garbage:
            # frozen, so the collections a contender triggers do not walk it
            gc.collect()
            gc.freeze()
            runs = harness.interleave(bench.contenders(), args.repeats, warmup=0)
            gc.unfreeze()
            bench.verify()
            sizes = {"complaintkit intake": args.single}
            figures = {
                name: harness.figures(workload, {name: times}, sizes.get(name, args.count))[name]
                for name, times in runs.items()
            }
            print(f"\n{workload}  ({len(bench.captured['events']) / args.count:.1f} events each)")
            print(f"  {'contender':<26} {'complaints/s':>13} {'CPU µs/complaint':>17}")
            cpu_us[workload] = {}
            for name, figure in figures.items():
                cpu = statistics.median(bench.cpu[name]) / figure.items * 1e6
                cpu_us[workload][name] = round(cpu, 1)
                print(f"  {name:<26} {figure.per_second:>13,.0f} {cpu:>17,.0f}")
            found += figures.values()
            ours, plain = figures["complaintkit intake_many"], figures["plain sqlite3"]
            print(f"  intake_many takes {ours.seconds / plain.seconds:.2f}x plain sqlite3's time")
            if policy in RATE_TARGETS:
                target = RATE_TARGETS[policy]
                checks.append(harness.at_least_rate(workload, ours, target, "complaints/s"))
            else:
                rate = f"{ours.per_second:,.0f} complaints/s"
                checks.append(harness.reported(workload, rate))
            if policy == "none":
                ratio = f"{ours.seconds / plain.seconds:.2f}x plain sqlite3 writing the same rows"
                checks.append(harness.reported(workload, ratio))
    load = max(load, os.getloadavg()[0])
    print(f"\nload average (1 min) up to {load:.1f} on {os.cpu_count()} cores: wall figures")
    print("move with it, CPU time per complaint much less.")
    settings = {
        "cpu_us_per_complaint": cpu_us,
        "load_average": round(load, 2),
        "synchronous": args.synchronous,
        "count": args.count,
        "batch": args.batch,
        "single": args.single,
        "repeats": args.repeats,
        "policies": args.policies,
    }
    harness.save("intake", found, checks, settings)


if __name__ == "__main__":
    main()
