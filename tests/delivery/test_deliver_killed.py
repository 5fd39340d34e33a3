"""SIGKILL during delivery to a webhook receiver on localhost: after a restart every
message arrives (counted by delivery id, none missing). Real processes, a real socket."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.notify.signing import DELIVERY_HEADER
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.policies import MINIMAL_POLICY
from loopback import serving

COMPLAINTS = 40
HELD = 50  # the request the receiver holds open while the sender is killed


class Receiver(ThreadingHTTPServer):
    """Counts deliveries by id; holds request number ``HELD`` open until released."""

    daemon_threads = True

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.release = threading.Event()
        self.held = ""
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            self.server.received[self.headers[DELIVERY_HEADER]] += 1
            count = self.server.received.total()
        if count == HELD:
            self.server.held = self.headers[DELIVERY_HEADER]
            self.server.holding.set()
            self.server.release.wait(30)
        try:
            self.send_response(204)
            self.end_headers()
        except OSError:  # the sender is gone
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as server:
        try:
            yield server
        finally:
            server.release.set()


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


def complaints(path: Path) -> Path:
    lines = [
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
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sigkill_mid_delivery_then_restart_delivers_every_message(
    tmp_path: Path, receiver: Receiver
) -> None:
    policy = tmp_path / "policy.yaml"
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    policy.write_text(POLICY.replace("URL", url), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    env = {**os.environ, "COMPLAINTKIT_DB": db, "COMPLAINTKIT_POLICY": str(policy)}
    taken = CliRunner().invoke(
        build_cli(), ["intake", str(complaints(tmp_path / "in.jsonl"))], env=env
    )
    assert taken.exit_code == 0, taken.output
    with SQLiteStorage(db) as storage:
        expected = {d.outgoing.delivery_id for d in storage.deliveries()}
    assert len(expected) == COMPLAINTS * 4  # an acknowledgement and three published events

    command = [sys.executable, "-m", "complaintkit", "deliver", "--loop", "--interval", "0.05"]
    worker = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        assert receiver.holding.wait(60), "the worker never reached the held request"
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    receiver.release.set()
    assert 0 < len(receiver.received) < len(expected)

    restarted = subprocess.run(
        [sys.executable, "-m", "complaintkit", "deliver", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert restarted.returncode == 0, restarted.stderr
    assert set(receiver.received) == expected  # every message, none missing
    assert receiver.received[receiver.held] == 2  # in flight at the kill: sent again, same id
    with SQLiteStorage(db) as storage:
        assert storage.deliveries("pending") == []
        assert {d.outgoing.delivery_id for d in storage.deliveries("delivered")} == expected
