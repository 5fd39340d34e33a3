"""Complaints per second through the HTTP API, with p50/p99 latency.

Starts ``complaintkit serve`` in its own process on a free localhost port (SQLite storage
with synchronous=normal, or memory; signatures on) and posts signed complaints from a
thread pool of httpx clients in this process, so client and server do not share a GIL. Run: PYTHONPATH=src python benchmarks/http_intake.py [--requests N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from complaintkit.notify.signing import HEADER, sign

SECRET = "bench-secret"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--storage", default="sqlite", choices=["sqlite", "memory"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = (
            f"sqlite:///{folder}/bench.db?synchronous=normal"
            if args.storage == "sqlite"
            else "memory:"
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "complaintkit",
                "--db",
                url,
                "serve",
                "--port",
                str(port),
                "--secret",
                SECRET,
            ],
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/openapi.json")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.05)
        local = threading.local()

        def one(number: int) -> float:
            if not hasattr(local, "client"):
                local.client = httpx.Client(base_url=f"http://127.0.0.1:{port}")
            body = json.dumps(
                {
                    "external_id": f"B-{number}",
                    "customer": {"id": f"c{number % 500}", "contact": "x@example.com"},
                    "subject": "配送延误",
                    "text": "订单已经延误一周, 客服电话打不通。",
                },
                ensure_ascii=False,
            ).encode()
            start = time.perf_counter()
            response = local.client.post(
                "/complaints", content=body, headers={HEADER: sign(SECRET, body)}
            )
            elapsed = time.perf_counter() - start
            assert response.status_code == 201, response.text
            return elapsed

        began = time.perf_counter()
        with ThreadPoolExecutor(args.workers) as pool:
            latencies = sorted(pool.map(one, range(args.requests)))
        wall = time.perf_counter() - began
        server.terminate()
        server.wait(10)
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
        print(f"storage={args.storage} requests={args.requests} workers={args.workers}")
        print(f"throughput: {args.requests / wall:,.0f} complaints/s")
        print(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms")


if __name__ == "__main__":
    main()
