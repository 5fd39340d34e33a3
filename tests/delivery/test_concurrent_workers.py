"""Several workers on one SQLite file at once — ``deliver --loop`` under a service manager,
a cron ``deliver`` and a second ``deliver --loop`` started by mistake — to a webhook
receiver on loopback: every message arrives, and none twice (docs/delivery.md allows a
repeat only when a worker is stopped or loses its lock mid-send, which none is here). Real
processes; the test waits for the outbox to empty, not for a time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from complaintkit.notify.signing import DELIVERY_HEADER
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.policies import MINIMAL_POLICY
from loopback import serving

COMPLAINTS = 60
#: Long enough for any machine, never reached when the test passes.
GENEROUS = 120

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    en: {subject: "We received {case.id}", body: "Dear {customer.name}"}
notifications:
  notifiers: {hook: {type: webhook, options: {url: "URL", timeout: 10}}}
  rules:
    - {"on": opened, notify: [customer], via: hook, template: ack}
  publish: [hook]
"""
)


class Receiver(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), Counting)


class Counting(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            self.server.received[self.headers[DELIVERY_HEADER]] += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as server:
        yield server


def _pending(db: str) -> int:
    with SQLiteStorage(db) as storage:
        return len(storage.deliveries("pending"))


def test_workers_side_by_side_send_each_message_once(tmp_path: Path, receiver: Receiver) -> None:
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    (tmp_path / "policy.yaml").write_text(POLICY.replace("URL", url), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    env = {
        **os.environ,
        "COMPLAINTKIT_DB": db,
        "COMPLAINTKIT_POLICY": str(tmp_path / "policy.yaml"),
    }
    records = (
        json.dumps(
            {
                "channel": "web",
                "external_id": f"K-{n}",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": f"C{n}", "name": "Sam", "contact": f"c{n}@example.com"},
                "text": "the parcel is late",
            }
        )
        for n in range(COMPLAINTS)
    )
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    complaintkit = [sys.executable, "-m", "complaintkit"]
    intake = [*complaintkit, "intake", str(tmp_path / "in.jsonl")]
    subprocess.run(intake, env=env, check=True, capture_output=True, timeout=GENEROUS)
    with SQLiteStorage(db) as storage:
        expected = {d.outgoing.delivery_id for d in storage.deliveries()}
    loop = [*complaintkit, "deliver", "--loop", "--interval", "0.05"]
    once = [*complaintkit, "deliver"]
    commands = (loop, once, loop, once, loop)
    workers = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    try:
        deadline = time.monotonic() + GENEROUS
        while _pending(db) and time.monotonic() < deadline:
            time.sleep(0.2)
        for worker, command in zip(workers, commands, strict=True):
            if command is loop:  # a one-off run ends by itself
                worker.send_signal(signal.SIGTERM)
        ended = [worker.wait(GENEROUS) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.communicate()
    # a loop still loading when SIGTERM came ends as Python's default has it, having done
    # nothing; the stopping of a running loop is tests/cli/test_loop_sigterm_hung_notifier's
    started = [0, -signal.SIGTERM]
    assert all(
        code in (started if c is loop else [0]) for code, c in zip(ended, commands, strict=True)
    )
    assert set(receiver.received) == expected
    assert max(receiver.received.values()) == 1
