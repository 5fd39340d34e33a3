"""SIGTERM to ``deliver --loop`` or ``tick --loop`` while a notifier hangs in ``send``
waited for that notifier for ever: the handler only asked the loop to stop between
passes, and the pass never ended (a service manager then kills the worker). Now the loop
takes no new work, waits a bounded time for the delivery in flight and exits 0, that
delivery left pending in the outbox, sent again by the next worker. Real processes; the
notifier blocks on its stdin, so the test releases it or not, and waits on output lines."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from acknowledging import acknowledging

from complaintkit.storage.sqlite import SQLiteStorage

#: Long enough for any machine, never reached when the test passes.
GENEROUS = 60

POLICY = acknowledging("stdin")

#: The command line with a notifier that says what it sends on stderr and then, as ``HANG``
#: says, waits for ever or for a line on its stdin; ``PATIENCE`` is how long a stopped
#: loop waits for it.
WORKER = """
import os, signal, sys, threading
from complaintkit.cli import in_flight
from complaintkit.cli.ctrl_c import terminate_as_ctrl_c
from complaintkit.cli.group import build_cli
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager

class Stdin:
    def send(self, message):
        print("sending", message.delivery_id, file=sys.stderr, flush=True)
        if os.environ.get("HANG") == "forever":
            threading.Event().wait()
        elif os.environ.get("HANG") == "signalled-here":  # SIGTERM the kernel gave this thread
            signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
            threading.Event().wait()
        elif os.environ.get("HANG") == "stdin":
            sys.stdin.readline()

class StdinPlugin:
    @hookimpl
    def register_notifiers(self, register):
        register("stdin", Stdin)

in_flight.STOP_PATIENCE = float(os.environ.get("PATIENCE", "60"))
terminate_as_ctrl_c()
pm = plugin_manager(load_entrypoints=False)
pm.register(StdinPlugin())
build_cli(Plugins(pm)).main(args=sys.argv[1:], prog_name="complaintkit")
"""

LOOPS = {
    "deliver": ["deliver", "--loop", "--interval", "0.05"],
    "tick": ["tick", "--loop", "--interval", "0.1"],
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    env = {
        **os.environ,
        "COMPLAINTKIT_DB": f"sqlite:///{tmp_path / 'cases.db'}",
        "COMPLAINTKIT_POLICY": str(policy),
    }
    records = [
        json.dumps(
            {
                "channel": "web",
                "external_id": f"W-{n}",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": f"C{n}", "name": "Sam", "contact": f"c{n}@example.com"},
                "text": "late",
            }
        )
        for n in range(3)
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(records) + "\n", encoding="utf-8")
    taken = _run(env, "intake", str(source))
    assert taken.returncode == 0, taken.stderr
    return env


@pytest.fixture
def start(env: dict[str, str]) -> Iterator[Callable[[str, str, float], Worker]]:
    """Start a loop (``deliver`` or ``tick``) whose notifier hangs as ``hang`` says,
    waiting ``patience`` seconds for it once stopped."""
    started: list[subprocess.Popen[str]] = []

    def starting(loop: str, hang: str, patience: float) -> Worker:
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER, *LOOPS[loop]],
            env={**env, "HANG": hang, "PATIENCE": str(patience)},
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return Worker(process)

    yield starting
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


class Worker:
    """A started loop, its stderr read line by line on a thread of its own."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.said: list[str] = []
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put("")  # the end

    def line(self, starting: str) -> str:
        """The next stderr line starting so (those before it kept in ``said``)."""
        while True:
            try:
                line = self.lines.get(timeout=GENEROUS)
            except queue.Empty:
                pytest.fail(f"no line starting {starting!r}; said: {self.said}")
            assert line, f"stderr ended before {starting!r}; said: {self.said}"
            self.said.append(line)
            if line.startswith(starting):
                return line

    def ended(self) -> int:
        """The exit code, once the process ended by itself (its stdin left open)."""
        try:
            self.process.wait(timeout=GENEROUS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {GENEROUS} s after SIGTERM; said: {self.said}")
        while (line := self.lines.get(timeout=GENEROUS)) != "":
            self.said.append(line)
        return self.process.returncode


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WORKER, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=GENEROUS,
        check=False,
    )


def _outbox(env: dict[str, str]) -> dict[str, tuple[str, int]]:
    with SQLiteStorage(env["COMPLAINTKIT_DB"]) as storage:
        return {d.outgoing.delivery_id: (d.state, d.attempts) for d in storage.deliveries()}


@pytest.mark.parametrize("loop", ["deliver", "tick"])
def test_a_sigterm_the_kernel_gives_the_delivery_thread_stops_the_loop(
    start: Callable[[str, str, float], Worker], env: dict[str, str], loop: str
) -> None:
    """The kernel gives a process's signal to any of its threads that does not block it;
    given to the thread a hung notifier holds, it woke no one: the loop's thread slept in
    an untimed wait and ran no handler, the worker ran on for ever (a suite's run found it
    once in about three)."""
    worker = start(loop, "signalled-here", 0.2)
    hung = worker.line("sending").split()[1]
    assert worker.ended() == 0
    said = "".join(worker.said)
    assert said.endswith(f"{loop}: stopped (Ctrl-C or SIGTERM)\n"), said
    assert _outbox(env)[hung] == ("pending", 0)


@pytest.mark.parametrize(
    ("loop", "stopping"),
    [("deliver", signal.SIGTERM), ("tick", signal.SIGTERM), ("deliver", signal.SIGINT)],
)
def test_stopping_leaves_a_hung_delivery_pending_and_exits(
    start: Callable[[str, str, float], Worker],
    env: dict[str, str],
    loop: str,
    stopping: signal.Signals,
) -> None:
    worker = start(loop, "forever", 0.2)
    hung = worker.line("sending").split()[1]
    worker.process.send_signal(stopping)
    assert worker.ended() == 0
    said = "".join(worker.said)
    assert f"{loop}: the delivery in flight has not ended: it stays pending" in said, said
    assert said.endswith(f"{loop}: stopped (Ctrl-C or SIGTERM)\n"), said
    assert "Traceback" not in said, said
    outbox = _outbox(env)
    assert outbox[hung] == ("pending", 0)  # not counted as an attempt: it may not have ended
    assert [state for state, _ in outbox.values()] == ["pending"] * 3
    again = _run(env, "deliver")
    assert again.returncode == 0, again.stderr
    assert f"sending {hung}" in again.stderr
    assert [state for state, _ in _outbox(env).values()] == ["delivered"] * 3


@pytest.mark.parametrize("loop", list(LOOPS))
def test_sigterm_waits_for_the_delivery_in_flight_and_takes_no_more(
    start: Callable[[str, str, float], Worker], env: dict[str, str], loop: str
) -> None:
    worker = start(loop, "stdin", GENEROUS)
    sending = worker.line("sending").split()[1]
    worker.process.send_signal(signal.SIGTERM)
    worker.line(f"{loop}: stopping")
    stdin = worker.process.stdin
    assert stdin is not None
    stdin.write("go on\n")
    stdin.flush()
    assert worker.ended() == 0
    said = "".join(worker.said)
    assert said.count("sending") == 1, said
    outbox = _outbox(env)
    assert outbox.pop(sending) == ("delivered", 1)
    assert sorted(outbox.values()) == [("pending", 0)] * 2
