"""Complaints per second through the Desk into memory and SQLite, with peak memory.

Run: PYTHONPATH=src python benchmarks/intake.py [--count 20000] [--durable-count 1000]

Each row runs in its own process (so peak RSS is that row's) and reports wall-clock
throughput next to CPU time per complaint (``time.process_time``): on a shared machine the
wall figure moves with the load, the CPU figure much less. Rows:

* ``intake``: ``Desk.intake``, one transaction per complaint (case row, idempotency key,
  status token, three events). SQLite ``synchronous=full`` fsyncs every commit (survives
  power loss); ``normal`` (WAL) survives a killed process but may lose the last commits on
  power loss. Per-complaint ``full`` is bounded by the fsync (~4 ms here), so it runs on
  ``--durable-count`` complaints only; memory storage answers history facts by scanning
  every case, so it runs on ``--memory-count``.
* ``intake_many``: ``Desk.intake_many`` in batches of ``--batch``, one transaction (one
  fsync) per batch: group commit, with the same durability as ``full`` per complaint.

Each is run with the empty policy, with the demo policy (classification tables,
keyword rules, a customer-history fact, routing, SLA clocks), and with the demo policy plus an
``incidents`` section (batch rules on the product and on a lot attribute), on the same
complaints: the last two lines compare intake with and without live incident detection.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.policy.compiled import load_policy

DEMO_POLICY = Path(__file__).parents[1] / "src/complaintkit/demo/policy.yaml"
INCIDENTS = """
incidents:
  batches:
    - {key: product, min_cases: 3, window_hours: 72}
    - {key: attributes.lot, min_cases: 5, window_hours: 168}
"""
TEXTS = [
    "昨天买的鲜牛奶打开就有酸味,已经变质了,要求退款。",
    "The parcel has not arrived after ten days and the carrier does not answer.",
    "收银员态度很差,多收了会员费。",
    "I was charged twice for the same order; please refund the duplicate payment.",
]
ROWS = [
    # (label, storage, synchronous, batched)
    ("memory: intake", "memory", "", False),
    ("sqlite full   intake (1 fsync each)", "sqlite", "full", False),
    ("sqlite normal intake", "sqlite", "normal", False),
    ("sqlite full   intake_many (group commit)", "sqlite", "full", True),
    ("sqlite normal intake_many", "sqlite", "normal", True),
]


def complaints(count: int) -> list[Complaint]:
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    return [
        Complaint.from_json(
            {
                "channel": "bench",
                "external_id": f"B{n:07d}",
                "received_at": (start + timedelta(seconds=n)).isoformat(),
                "customer": {"id": f"C{n % 5000}", "tier": "gold" if n % 10 == 0 else "standard"},
                "subject": "complaint",
                "text": TEXTS[n % len(TEXTS)],
                "amount": {"amount": f"{n % 500}.50", "currency": "CNY"},
                # recalls are rare: every SKU and lot is named a few times, except a planted
                # recall SKU (every 500th complaint) and lot (every 997th)
                "product": "SKU-RECALL" if n % 500 == 0 else f"SKU-{n % 9973}",
                "attributes": {"lot": "LOT-RECALL" if n % 997 == 0 else f"LOT-{n % 4999}"},
            }
        )
        for n in range(count)
    ]


def load(policy_name: str, folder: Path) -> AssessingPolicy | None:
    if policy_name == "empty":
        return None
    if policy_name == "demo":
        return load_policy(DEMO_POLICY)
    path = folder / "incidents.yaml"  # the demo policy plus an incidents section
    path.write_text(DEMO_POLICY.read_text(encoding="utf-8") + INCIDENTS, encoding="utf-8")
    return load_policy(path)


def run_one(policy_name: str, url: str, count: int, batch: int) -> dict[str, float]:
    """Measure one row in this process; the parent prints it."""
    with tempfile.TemporaryDirectory() as folder:
        policy = load(policy_name, Path(folder))
    items = complaints(count)
    desk = Desk(policy, storage=url, clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    wall, cpu = time.perf_counter(), time.process_time()
    if batch:
        for start in range(0, len(items), batch):
            desk.intake_many(items[start : start + batch])
    else:
        for complaint in items:
            desk.intake(complaint)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    desk.storage.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"count": count, "wall": wall, "cpu": cpu, "peak_mib": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--durable-count", type=int, default=1_000)
    parser.add_argument(
        "--memory-count", type=int, default=5_000, help="memory: counts history by a scan"
    )
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--policies", default="empty,demo,incidents")
    parser.add_argument("--one", nargs=4, metavar=("POLICY", "URL", "COUNT", "BATCH"))
    args = parser.parse_args()
    if args.one:
        policy, url, count, batch = args.one
        print(json.dumps(run_one(policy, url, int(count), int(batch))))
        return
    print(
        f"{'policy':<9} {'row':<42} {'count':>7} {'complaints/s':>13} "
        f"{'CPU us/complaint':>17} {'CPU-bound/s':>12} {'peak RSS':>9}"
    )
    rates: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for policy in args.policies.split(","):
            for n, (label, kind, synchronous, batched) in enumerate(ROWS):
                per_fsync = synchronous == "full" and not batched
                count = args.durable_count if per_fsync else args.count
                count = args.memory_count if kind == "memory" else count
                url = (
                    "memory:"
                    if kind == "memory"
                    else f"sqlite:///{Path(folder) / f'{policy}{n}.db'}?synchronous={synchronous}"
                )
                command = [sys.executable, __file__, "--one", policy, url, str(count)]
                command.append(str(args.batch if batched else 0))
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                row = json.loads(out)
                cpu_us = row["cpu"] / row["count"] * 1e6
                rates[policy, label] = 1e6 / cpu_us
                print(
                    f"{policy:<9} {label:<42} {count:>7,} {row['count'] / row['wall']:>13,.0f} "
                    f"{cpu_us:>17,.0f} {1e6 / cpu_us:>12,.0f} {row['peak_mib']:>6.1f} MiB",
                    flush=True,
                )
    print("complaints/s is wall clock; CPU-bound/s = 1 / CPU time per complaint (one core).")
    for label, *_ in ROWS:
        if ("demo", label) in rates and ("incidents", label) in rates:
            ratio = rates["incidents", label] / rates["demo", label]
            print(f"with incidents / without, CPU-bound: {ratio:.2f}x  {label}")


if __name__ == "__main__":
    main()
