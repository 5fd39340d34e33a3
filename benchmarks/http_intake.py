"""Durable intake over HTTP: complaints per second (wall clock) and p50/p99 latency.

    python benchmarks/http_intake.py [--requests 1500] [--workers 16] [--repeats 3]
                                     [--synchronous full]

Starts one ``complaintkit serve`` per policy — no policy, and the demo policy (with its
notifications, so the server's delivery worker runs too) — each in its own process on a
free localhost port with its own SQLite store. Durable by default: ``synchronous=full``, so
every complaint the server answered 201 for survives a power loss (``--synchronous normal``
says otherwise in the results). Signed complaints are posted from a pool of ``--workers``
httpx clients in this process, so client and server do not share a GIL (they do share the
machine's two cores).

The reference is the same complaints taken in by ``Desk.intake_many`` in this process from
as many threads, one complaint per call, on a store with the same settings: what the HTTP
layer (parsing, signatures, uvicorn) adds to a durable commit per request. The servers and
the reference take turns (interleaved repeats); figures are medians. Every request must
open a new case, checked by its status code and, at the end, by the number of cases stored.
"""

from __future__ import annotations

import argparse
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import harness

from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.policy.compiled import load_policy

SECRET = "bench-secret"
DEMO_POLICY = Path(__file__).parents[1] / "src/complaintkit/demo/policy.yaml"
WORKLOAD = "durable intake over HTTP"


def body(run: str, number: int, text: str) -> dict[str, Any]:
    return {
        "external_id": f"{run}-{number}",
        "customer": {"id": f"c{number % 500}", "contact": f"c{number % 500}@example.com"},
        "subject": "配送延误",
        "text": text,
    }


class Server:
    """``complaintkit serve`` in its own process, on its own store."""

    def __init__(self, folder: Path, name: str, synchronous: str, policy: Path | None) -> None:
        self.path = folder / f"{name}.db"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        command = [sys.executable, "-m", "complaintkit"]
        command += ["--db", f"sqlite:///{self.path}?synchronous={synchronous}"]
        command += ["--policy", str(policy)] if policy else []
        command += ["serve", "--port", str(self.port), "--secret", SECRET]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/openapi.json")
                return
            except httpx.TransportError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class Bench:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.texts = corpus.texts(args.requests)
        self.runs = 0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.expected: dict[Path, int] = defaultdict(int)
        self.local = threading.local()
        self.folder = folder

    def post(self, port: int, run: str, number: int) -> float:
        clients = self.local.__dict__.setdefault("clients", {})
        if port not in clients:
            clients[port] = httpx.Client(base_url=f"http://127.0.0.1:{port}")
        content = json.dumps(body(run, number, self.texts[number]), ensure_ascii=False).encode()
        stamp = int(time.time())
        headers = {HEADER: sign_request(SECRET, content, stamp), TIMESTAMP_HEADER: str(stamp)}
        start = time.perf_counter()
        response = clients[port].post("/complaints", content=content, headers=headers)
        elapsed = time.perf_counter() - start
        assert response.status_code == 201, response.text
        return elapsed

    def over_http(self, name: str, server: Server) -> Callable[[], None]:
        def run() -> None:
            self.runs += 1
            tag = f"R{self.runs}"
            with ThreadPoolExecutor(self.args.workers) as pool:
                times = pool.map(
                    lambda n: self.post(server.port, tag, n), range(self.args.requests)
                )
                self.latencies[name] += times
            self.expected[server.path] += self.args.requests

        return run

    def in_process(self, desk: Desk, path: Path) -> Callable[[], None]:
        def take(tag: str, number: int) -> None:
            data = body(tag, number, self.texts[number])
            now = datetime.now(UTC).isoformat()
            (outcome,) = desk.intake_many([{"channel": "http", "received_at": now, **data}])
            assert isinstance(outcome, Taken), outcome
            assert outcome.created, outcome

        def run() -> None:
            self.runs += 1
            tag = f"R{self.runs}"
            with ThreadPoolExecutor(self.args.workers) as pool:
                list(pool.map(lambda n: take(tag, n), range(self.args.requests)))
            self.expected[path] += self.args.requests

        return run

    def verify(self) -> None:
        for path, count in self.expected.items():
            with sqlite3.connect(path) as db:
                (stored,) = db.execute("SELECT count(*) FROM cases").fetchone()
            assert stored == count, f"{path.name}: {stored} cases stored, {count} expected"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500, help="complaints per run")
    parser.add_argument("--workers", type=int, default=16, help="concurrent clients")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--synchronous",
        default="full",
        choices=["full", "normal", "off"],
        help="SQLite synchronous (full: durable through power loss; the default)",
    )
    args = parser.parse_args()
    print(
        f"SQLite synchronous={args.synchronous} (WAL), {args.requests:,} signed requests per run "
        f"from {args.workers} clients; {args.repeats} interleaved repeats"
    )
    with tempfile.TemporaryDirectory() as folder:
        bench = Bench(args, Path(folder))
        plain = Server(Path(folder), "none", args.synchronous, None)
        demo = Server(Path(folder), "demo", args.synchronous, DEMO_POLICY)
        reference = Path(folder) / "reference.db"
        desk = Desk(
            load_policy(DEMO_POLICY),
            storage=f"sqlite:///{reference}?synchronous={args.synchronous}",
        )
        try:
            contenders = {
                "http, no policy": bench.over_http("http, no policy", plain),
                "http, demo policy": bench.over_http("http, demo policy", demo),
                "in-process, demo policy": bench.in_process(desk, reference),
            }
            runs = harness.interleave(contenders, args.repeats)
        finally:
            plain.stop()
            demo.stop()
            desk.storage.close()
        bench.verify()
    figures = harness.figures(WORKLOAD, runs, args.requests)
    print(f"  {'contender':<26} {'complaints/s':>13} {'p50 ms':>8} {'p99 ms':>8}")
    for name, figure in figures.items():
        latency = sorted(bench.latencies.get(name, []))
        p50 = f"{statistics.median(latency) * 1000:8.1f}" if latency else f"{'':>8}"
        p99 = f"{latency[int(len(latency) * 0.99) - 1] * 1000:8.1f}" if latency else f"{'':>8}"
        print(f"  {name:<26} {figure.per_second:>13,.0f} {p50} {p99}")
    print()
    settings = {
        "synchronous": args.synchronous,
        "requests": args.requests,
        "workers": args.workers,
        "repeats": args.repeats,
        "taken": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    harness.save("http_intake", figures.values(), [], settings)


if __name__ == "__main__":
    main()
