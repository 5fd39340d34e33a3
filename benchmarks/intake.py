"""Complaints per second through Desk.intake into memory and SQLite, with peak memory.

Run: .venv/bin/python benchmarks/intake.py [COUNT]

Each complaint is one transaction (case row, idempotency key and three events). SQLite is
measured with synchronous=FULL (fsync on every commit: survives power loss) and NORMAL
(WAL, survives a killed process; the last commits may be lost on power loss).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

TEXTS = [
    "昨天买的鲜牛奶打开就有酸味,已经变质了,要求退款。",
    "The parcel has not arrived after ten days and the carrier does not answer.",
    "收银员态度很差,多收了会员费。",
    "I was charged twice for the same order; please refund the duplicate payment.",
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
            }
        )
        for n in range(count)
    ]


def measure(label: str, url: str, batch: list[Complaint]) -> None:
    desk = Desk(storage=url, clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    started = time.perf_counter()
    for complaint in batch:
        desk.intake(complaint)
    elapsed = time.perf_counter() - started
    desk.storage.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {len(batch) / elapsed:>10,.0f} complaints/s   peak RSS {peak:6.1f} MiB")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    batch = complaints(count)
    print(f"Desk.intake of {count:,} complaints (empty policy), one process:")
    measure("memory:", "memory:", batch)
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("full", "normal"):
            path = Path(folder) / f"{mode}.db"
            measure(f"sqlite synchronous={mode}", f"sqlite:///{path}?synchronous={mode}", batch)


if __name__ == "__main__":
    main()
