"""Runs the CLI in a child process that SIGKILLs itself at a placed point, not a timed one.

``CK_KILL_AT=N`` counts the store's outermost write transactions (every process's own: a
SQLite store's, or a PostgreSQL one's psycopg transactions);
``CK_KILL_WHEN=before`` kills in the N-th, its writes done but not committed, ``after``
just after its commit. ``CK_KILL_SENT=N`` kills just after
the N-th message the ``smtp`` notifier sent, before the outbox records it. ``CK_BATCH`` sets intake's batch, so that a small file commits several. ``CK_COUNT_TO=FILE`` writes how many there were, when the run ends
unkilled. So a test can place a kill at every commit of a run in turn. On PostgreSQL a run
returns once the server has ended its sessions (``sessions_ended``).

``run`` and ``at_once`` fork these children from one server process that has imported
complaintkit and its plugins once (a fresh interpreter spends a second or more importing
what a command needs, compiling it all when no bytecode is cached); each child
is still a process of its own, killed by its own SIGKILL, its exit status and output its
own, and the children of ``at_once`` run at the same time. A child that ends does what
the interpreter does at its end (threads joined, atexit functions run, output flushed)
but then leaves with ``os._exit``, and the server freezes what it imported out of the
garbage collector's reach before forking: tearing down every module, or collecting them,
wrote to each of their pages, which the child then copied from the server one by one.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import functools
import json
import os
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import psycopg
import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "cfpb_sample.csv"

CHILD = """
import atexit, contextlib, os, signal, sys
import complaintkit.storage.sqlite as sqlite
from complaintkit.channels import intake
if os.environ.get("CK_BATCH"):
    intake.take_in.__kwdefaults__["batch"] = int(os.environ["CK_BATCH"])
at, when, count_to = int(os.environ.get("CK_KILL_AT", "0")), os.environ.get("CK_KILL_WHEN", "after"), os.environ.get("CK_COUNT_TO")
seen = [0]
inner = sqlite.write_transaction
@contextlib.contextmanager
def counted(db, *args, **kwargs):
    outermost = not db.in_transaction
    with inner(db, *args, **kwargs) as handle:
        yield handle
        if outermost:
            seen[0] += 1
            if seen[0] == at and when == "before":
                os.kill(os.getpid(), signal.SIGKILL)
    if outermost and seen[0] == at and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
sqlite.write_transaction = counted
try:
    from psycopg import Transaction
except ImportError:
    Transaction = None
if Transaction is not None:
    leave = Transaction.__exit__
    def leaving(self, kind, value, trace):
        outermost = self._outer_transaction and kind is None
        if outermost:
            seen[0] += 1
            if seen[0] == at and when == "before":
                os.kill(os.getpid(), signal.SIGKILL)
        left = leave(self, kind, value, trace)
        if outermost and seen[0] == at and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return left
    Transaction.__exit__ = leaving
sent_at = int(os.environ.get("CK_KILL_SENT", "0"))
if sent_at:
    from complaintkit.notify.smtp import SmtpNotifier
    sent, send = [0], SmtpNotifier.send
    def sending(self, message):
        send(self, message)
        sent[0] += 1
        if sent[0] == sent_at:
            os.kill(os.getpid(), signal.SIGKILL)
    SmtpNotifier.send = sending
if count_to:
    atexit.register(lambda: open(count_to, "w").write(str(seen[0])))
from complaintkit.cli import main
sys.argv = ["complaintkit", *sys.argv[1:]]
main()
"""


def command(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-c", CHILD, *args]


SERVER = """
import atexit, contextlib, gc, importlib, importlib.metadata, json, os, pkgutil, sys, threading
import complaintkit
for found in pkgutil.walk_packages(complaintkit.__path__, "complaintkit."):
    if not found.name.endswith(".__main__"):
        with contextlib.suppress(Exception):
            importlib.import_module(found.name)
for plugin in importlib.metadata.entry_points(group="complaintkit"):
    with contextlib.suppress(Exception):
        plugin.load()
def leave(code):
    # as the interpreter ends a process: wait for its threads, run its atexit functions,
    # flush its output; then end without tearing down the modules the server imported
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
gc.freeze()  # the children's collections leave what the server built alone
replies = sys.stdout
for line in sys.stdin:
    children = []
    for asked in json.loads(line):
        child = os.fork()
        if child == 0:
            os.chdir(asked["cwd"])
            os.environ.clear()
            os.environ.update(asked["env"])
            for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, asked["out"], os.O_WRONLY), (2, asked["err"], os.O_WRONLY)):
                os.dup2(os.open(path, flags), fd)
            sys.argv = ["-c", *asked["args"]]
            try:
                exec(compile(asked["code"], "<string>", "exec"), {"__name__": "__main__"})
            except SystemExit as done:  # as the interpreter reads sys.exit's argument
                if done.code is None or isinstance(done.code, int):
                    leave(done.code or 0)
                print(done.code, file=sys.stderr)
                leave(1)
            except BaseException:
                sys.excepthook(*sys.exc_info())
                leave(1)
            leave(0)
        children.append(child)
    print(*children, file=replies, flush=True)
    ended = [os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) for child in children]
    print(*ended, file=replies, flush=True)
"""


@functools.cache
def forking_server() -> subprocess.Popen[bytes]:
    """The process that forks the children, started once, ended when its input ends."""
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    atexit.register(server.communicate)
    return server


def reply(server: subprocess.Popen[bytes], deadline: float | None = None) -> list[int] | None:
    """The server's next line (numbers), or None if it has none by ``deadline``."""
    assert server.stdout is not None
    line = b""
    while not line.endswith(b"\n"):
        left = None if deadline is None else max(0, deadline - time.monotonic())
        ready, _, _ = select.select([server.stdout], [], [], left)
        if not ready:
            return None
        read = os.read(server.stdout.fileno(), 1)
        assert read, "the forking server ended"
        line += read
    return [int(number) for number in line.split()]


Run = tuple[Sequence[str], Mapping[str, str]]  # the CLI's arguments, what its env adds


class Children:
    """Runs started at once; ``done`` holds how each ended once they all have."""

    def __init__(self, replies: IO[bytes]) -> None:
        self.replies = replies
        self.done: list[subprocess.CompletedProcess[str]] = []

    def ended(self) -> bool:
        """Whether every one has ended, now."""
        return bool(select.select([self.replies], [], [], 0)[0])


def killed_all(server: subprocess.Popen[bytes], children: list[int]) -> None:
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    reply(server)


@contextlib.contextmanager
def started(runs: Sequence[Run], timeout: float = 120) -> Iterator[Children]:
    """The CLI children of ``runs``, started at once; on leaving, ``done`` holds how they
    ended (each killed at ``timeout``, raising ``subprocess.TimeoutExpired``)."""
    server = forking_server()
    assert server.stdin is not None
    assert server.stdout is not None
    with tempfile.TemporaryDirectory() as folder:
        outputs = [(Path(folder, f"{n}.out"), Path(folder, f"{n}.err")) for n in range(len(runs))]
        asked = []
        names = [env.get("PGAPPNAME") or f"ck-run-{secrets.token_hex(6)}" for _, env in runs]
        for (args, env), (out, err), name in zip(runs, outputs, names, strict=True):
            out.touch()
            err.touch()
            asked.append(
                {
                    "args": list(args),
                    "code": CHILD,
                    "cwd": os.getcwd(),
                    "env": {**os.environ, **env, "PGAPPNAME": name},
                }
                | {"out": str(out), "err": str(err)}
            )
        server.stdin.write(json.dumps(asked).encode() + b"\n")
        server.stdin.flush()
        children = reply(server)  # once the server has imported the command line
        assert children is not None
        running = Children(server.stdout)
        try:
            yield running
        except BaseException:
            killed_all(server, children)
            raise
        ended = reply(server, time.monotonic() + timeout)
        if ended is None:
            killed_all(server, children)
            raise subprocess.TimeoutExpired(command(runs[0][0]), timeout)
        for (args, _), name in zip(runs, names, strict=True):
            sessions_ended(args, name)
        running.done = [
            subprocess.CompletedProcess(
                command(args),
                code,
                out.read_text(encoding="utf-8"),
                err.read_text(encoding="utf-8"),
            )
            for (args, _), code, (out, err) in zip(runs, ended, outputs, strict=True)
        ]


def sessions_ended(args: Sequence[str], name: str, most: float = 60) -> None:
    """Wait until the PostgreSQL server has ended every session of the run of ``args``
    (named ``name``). A SIGKILLed child's sessions outlive it until the server reads their
    closed sockets, later on a loaded host, and one killed inside a transaction holds what
    it held: the cases it claimed (a run after it passes them over) and the event feed's
    horizon (a read of the feed falls short). The next run, or the test's read of the store,
    starts once they are gone, as it would after a crash noticed by the server."""
    if "--db" not in args or not args[args.index("--db") + 1].startswith("postgresql"):
        return
    from complaintkit_postgres.url import parse_url  # noqa: PLC0415 - only when asked for

    options = parse_url(args[args.index("--db") + 1])
    deadline = time.monotonic() + most
    with psycopg.connect(options.conninfo, autocommit=True) as conn:
        while conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
        ).fetchone() != (0,):
            assert time.monotonic() < deadline, f"the server kept the sessions of {name}"
            time.sleep(0.02)


def at_once(runs: Sequence[Run], timeout: float = 120) -> list[subprocess.CompletedProcess[str]]:
    """The CLI children of ``runs``, started at once and run to their ends (or placed kills)."""
    with started(runs, timeout) as children:
        pass
    return children.done


def run(
    args: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The CLI run to its end (or its placed kill), with ``env`` added to this one's."""
    (done,) = at_once([(args, env or {})], timeout)
    return done


def transactions(args: Sequence[str], tmp: Path, env: Mapping[str, str] | None = None) -> int:
    """How many write transactions a run of ``args`` commits, unkilled."""
    count_to = tmp / "count"
    done = run(args, {**(env or {}), "CK_COUNT_TO": str(count_to)})
    assert done.returncode in {0, 3}, done.stderr
    return int(count_to.read_text())


def killed(
    args: Sequence[str], at: int, when: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run(args, {**(env or {}), "CK_KILL_AT": str(at), "CK_KILL_WHEN": when})


def late_parcels(policy: Path, db: str, count: int) -> Storage:
    """``count`` customers' complaints of a late parcel opened at ``db`` under ``policy``,
    on 23 November 2026 in Shanghai, each with a name and an address; the store, open."""
    clock = ManualClock(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    desk = Desk(load_policy(policy), storage=db, clock=clock)
    for n in range(count):
        complaint = {
            "channel": "web",
            "external_id": f"K-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"C{n}", "name": "Sam", "contact": f"c{n}@example.com"},
            "text": "the parcel is late",
        }
        desk.intake(json.loads(json.dumps(complaint)))
    return desk.storage


def opened(db: str) -> Storage:
    """The store at ``db``, SQLite or PostgreSQL."""
    if db.startswith("sqlite:"):
        return SQLiteStorage(db)
    from complaintkit_postgres import PostgresStorage  # noqa: PLC0415 - only when asked for

    return PostgresStorage(db)


Stored = tuple[list[str], list[tuple[str, str]], int, list[tuple[str, int, str]]]


def stored(db: str) -> Stored:
    """What ``db`` holds: its cases' keys, its dead letters' sources and reasons (both
    sorted, repeats kept), its delivery count and each case's events by key, position and
    kind — after checking that the feed gives every
    event once, and each case's events count up from 1 to its version."""
    with opened(db) as storage:
        keys: list[str] = []
        kinds: list[tuple[str, int, str]] = []
        for case_id in storage.case_ids():
            case = storage.get(case_id)
            keys.append(key := f"{case.complaint.channel}:{case.complaint.external_id}")
            events = storage.events(case_id)
            assert [e.seq for e in events] == list(range(1, case.version + 1)), case_id
            kinds += [(key, event.seq, event.kind) for event in events]
        fed: list[tuple[str, int]] = []
        page = storage.events_since(None, 1000)
        while page.events:
            fed += [(event.case_id, event.seq) for event in page.events]
            page = storage.events_since(page.cursor, 1000)
        assert len(fed) == len(set(fed)) == len(kinds), "the feed gives every event once"
        letters = [(letter.source, letter.reason) for letter in storage.dead_letters()]
        return sorted(keys), sorted(letters), len(storage.deliveries()), sorted(kinds)


def verified(db: str) -> None:
    done = run(["--db", db, "audit", "verify"])
    assert done.returncode == 0, done.stdout + done.stderr


def cfpb_rows(path: Path, count: int) -> Path:
    """The first ``count`` CFPB rows of the fixture, then hostile ones: a row with no text,
    one with a date that is none, a row repeated whole (a duplicate) and one repeated with
    its company changed (a reused key), each a dead letter or a duplicate, never a case."""
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    rows = rows[:count]
    blank, undated, changed = list(rows[0]), list(rows[1]), list(rows[2])
    blank[header.index("Consumer complaint narrative")] = blank[header.index("Issue")] = ""
    blank[header.index("Complaint ID")] = "900001"
    undated[header.index("Date received")] = "someday"
    undated[header.index("Complaint ID")] = "900002"
    changed[header.index("Company")] = "ANOTHER COMPANY"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows, blank, undated, rows[3], changed])
    return path


def cfpb_intake(db: str, source: Path) -> list[str]:
    """``intake`` of ``source`` with the CFPB example's mapping and policy."""
    cfpb = ROOT / "examples" / "cfpb"
    return [
        *["--db", db, "--policy", str(cfpb / "policy.yaml"), "intake", "--channel", "csv"],
        *["-o", f"columns={cfpb / 'mapping.yaml'}", "-o", "channel=cfpb"],
        *["-o", "timezone=America/New_York", str(source)],
    ]


def database(request: pytest.FixtureRequest, backend: str, path: Path) -> str:
    """A fresh store's URL: a SQLite file at ``path``, or a PostgreSQL schema of its own."""
    if backend == "sqlite":
        return f"sqlite:///{path}"
    return str(request.getfixturevalue("postgres_url"))


def killed_in_turn(
    args: Sequence[str], when: str, most: int, env: Mapping[str, str] | None = None
) -> int:
    """Run ``args`` again and again, the k-th run killed at its k-th commit, until one
    ends unkilled (what was left took fewer commits) or ``most`` were killed; how many were."""
    for at in range(1, most + 1):
        if killed(args, at, when, env).returncode >= 0:
            return at - 1
    return most
