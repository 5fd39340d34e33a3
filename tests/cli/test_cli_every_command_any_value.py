"""Every command, a hostile value in any one of its slots (blank, NUL, control and bidi
characters, bytes that are not UTF-8, huge numbers, dates of no day, paths that are
folders or missing), with ``--json`` and without: the command ends with a documented exit
code, no traceback, no line longer than an error's cut message, JSON when JSON was asked
for, and nothing written where the command line named nothing. Commands that run until
stopped are probed too: ``serve`` with a server that stops as soon as it starts (Ctrl-C),
``tick --loop`` and ``deliver --loop`` with a SIGTERM at their first wait between passes,
so what is checked before the server or loop starts, and the stop itself, are covered.
Every command is also run on a hostile store (a folder, missing, not SQLite, empty,
read-only, unreadable, a name not UTF-8 or too long) and with a hostile value in one of
the environment variables complaintkit reads (bytes not UTF-8, blank, control characters,
thousands of characters)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner, Result
from hostile_command_lines import LOOPING, POLICY, command_line, slots, takes_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import complaintkit.cli.deliver as deliver_command
import complaintkit.cli.tick as tick_command
from complaintkit.cli import build_cli
from complaintkit.cli.errors import ERROR_LINE_CHARS
from complaintkit.cli.stopping import stoppable
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
SLOTS = slots(CLI)
#: 0 done, 1 failed, 2 usage error, 3 done with records refused (intake, retry).
EXIT_CODES = (0, 1, 2, 3)
#: A line's longest: an error's cut message (``brief``), its option's name, JSON's escapes.
LONGEST_LINE = 2 * ERROR_LINE_CHARS
HOSTILE = [
    "",
    " ",
    "\t",
    "\x00",
    "a\x00b",
    "\x1b]0;owned\x07",
    "\u202egnp.exe",
    "\u200b",
    "\udcff",  # a byte that is not UTF-8, as Python reads it from argv
    "-1",
    "0",
    "9" * 400,
    "1e400",
    "nan",
    "-5h",
    "2019-02-30",
    "2026-13-45T25:61:00",
    ".",
    "..",
    "/",
    "/nonexistent/x.yaml",
    "-",
    "--json",
    "CN",
    "x" * 3000,
]
values = st.sampled_from(HOSTILE) | st.text(max_size=12)


def test_serve_and_the_loops_are_probed() -> None:
    assert {("serve",), *LOOPING} <= {path for path, _ in SLOTS}


def _served_then_stopped(self: uvicorn.Server, sockets: Any = None) -> None:
    """A server that starts, then is stopped by Ctrl-C at once."""
    self.started = True
    raise KeyboardInterrupt


def _numeric_only(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    """getaddrinfo reading addresses only: a drawn host name is not looked up on the network."""
    kwargs["flags"] = kwargs.get("flags", 0) | socket.AI_NUMERICHOST
    return _GETADDRINFO(host, port, *args, **kwargs)


_GETADDRINFO = socket.getaddrinfo


@contextmanager
def _sigterm_at_first_wait(what: str) -> Iterator[threading.Event]:
    """The loop's stop as SIGTERM sets it, arriving when the loop first waits between passes."""
    with stoppable(what) as stop:

        def waited(timeout: float | None = None) -> bool:
            stop.set()
            return True

        stop.wait = waited  # type: ignore[method-assign]
        yield stop


@pytest.fixture
def stopped_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """serve, tick --loop and deliver --loop end after their first pass."""
    monkeypatch.setattr(uvicorn.Server, "run", _served_then_stopped)
    monkeypatch.setattr(socket, "getaddrinfo", _numeric_only)
    monkeypatch.setattr(tick_command, "stoppable", _sigterm_at_first_wait)
    monkeypatch.setattr(deliver_command, "stoppable", _sigterm_at_first_wait)
    for name in ("COMPLAINTKIT_HTTP_SECRET", "COMPLAINTKIT_AGENT_TOKENS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("every")
    url = f"sqlite:///{folder / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("EVERY1"))
    desk.storage.close()
    complaint = folder / "complaint.json"
    complaint.write_text(json.dumps({"text": "late", "customer_id": "C1"}), "utf-8")
    rows = folder / "rows.csv"
    rows.write_text("id,date,narrative\n1,2026-11-23,late\n", "utf-8")
    fills = {
        "case_id": case.id,
        "compensation_id": "comp-1",
        "policy_path": POLICY,
        "candidate": POLICY,
        "paths": POLICY,
        "complaint_file": str(complaint),
        "complaints": str(rows),
        "source": str(rows),
        "message": "a reply",
        "text": "a note",
        "name": "site_visit",
        "owner": "li.na",
        "status": "investigating",
        "resolution": "refunded",
        "letter_id": "1",
    }
    return url, fills


#: The slots of the commands that run until stopped, each probed in that mode.
LONG_RUNNING = [(path, name) for path, name in SLOTS if path in {*LOOPING, ("serve",)}]
PROBE_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.nested_given],
)


@PROBE_SETTINGS
@given(slot=st.sampled_from(SLOTS), value=values, as_json=st.booleans(), loop=st.booleans())
def test_any_value_in_any_slot_ends_cleanly(
    stopped_at_once: None,
    store: tuple[str, dict[str, str]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    slot: tuple[tuple[str, ...], str],
    value: str,
    as_json: bool,
    loop: bool,
) -> None:
    _ends_cleanly(store, tmp_path_factory, monkeypatch, slot, value, as_json=as_json, loop=loop)


@PROBE_SETTINGS
@given(slot=st.sampled_from(LONG_RUNNING), value=values, as_json=st.booleans())
def test_any_value_in_a_long_running_mode_ends_cleanly(
    stopped_at_once: None,
    store: tuple[str, dict[str, str]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    slot: tuple[tuple[str, ...], str],
    value: str,
    as_json: bool,
) -> None:
    _ends_cleanly(store, tmp_path_factory, monkeypatch, slot, value, as_json=as_json, loop=True)


def _ends_cleanly(
    store: tuple[str, dict[str, str]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    slot: tuple[tuple[str, ...], str],
    value: str,
    *,
    as_json: bool,
    loop: bool,
) -> None:
    url, fills = store
    path, name = slot
    if path == ("check",) and name == "examples" and value.strip().isdigit():
        value = "0"  # a valid count is a search of that many policy examples, not a refusal
    cwd = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(cwd)
    policy = ["--policy", POLICY] if path in {*LOOPING, ("serve",)} else []  # notifiers
    args = ["--db", url, *policy, *command_line(CLI, path, name, value, fills, loop)]
    as_json = as_json and takes_json(CLI, path)
    args += ["--json"] if as_json else []
    _ended_cleanly(CliRunner().invoke(CLI, args), args, as_json=as_json)
    written = [p.name for p in cwd.iterdir()]
    assert written in ([], [value]), args  # only a file or folder the line named


def _ended_cleanly(result: Result, args: list[str], *, as_json: bool) -> None:
    """A documented exit code, no traceback, no overlong line, JSON when asked for."""
    shown = f"{args!r:.300}\n{result.output[:600]}"
    assert result.exit_code in EXIT_CODES, shown
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert "Traceback" not in result.output, shown
    assert max(map(len, result.output.splitlines()), default=0) <= LONGEST_LINE, shown
    if as_json and result.stdout.strip():
        json.loads(result.stdout)
    if result.exit_code == 1 and not as_json:  # a failure is said in one line
        assert (
            len([line for line in result.stderr.splitlines() if line.startswith("Error")]) <= 1
        ), shown


#: Stores a command may be pointed at, by what is wrong with them.
STORE_KINDS = [
    "sound",
    "a folder",
    "missing",
    "not SQLite",
    "empty",
    "read-only",
    "unreadable",
    "a name not UTF-8",
    "a name too long",
    "a folder not there",
]
#: Environment variables the commands read, and values they may hold.
ENVIRONMENT = [
    "COMPLAINTKIT_DB",
    "COMPLAINTKIT_POLICY",
    "COMPLAINTKIT_ACTOR",
    "COMPLAINTKIT_AUDIT_KEY",
    "COMPLAINTKIT_AUDIT_KEY_FILE",
    "COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE",
    "COMPLAINTKIT_DISABLE_PLUGINS",
    "COMPLAINTKIT_TRACE_PLUGINS",
]
ENVIRONMENT_VALUES = [
    "\udcff",
    "a\udcfeb",
    " ",
    "/",
    ".",
    "\x1b]0;owned\x07",
    "x" * 3000,
    "sqlite:///\udcff",
]
#: Every command but the ones the slots test skips, each once (serve and loops run above).
PATHS = sorted({path for path, _ in SLOTS} - {("serve",)})


#: The URL's path of each store that needs no file made: a folder, or a name of none.
_NAMED_ONLY = {
    "a folder": "",
    "missing": "missing.db",
    "a folder not there": "nowhere/cases.db",
    "a name too long": "n" * 300 + ".db",
}


def _store(kind: str, folder: Path, sound: Path) -> str:
    """A SQLite URL naming a store that is ``kind``."""
    if kind in _NAMED_ONLY:
        return f"sqlite:///{folder / _NAMED_ONLY[kind]}"
    name = folder / os.fsdecode(b"\xff\xfe.db") if kind == "a name not UTF-8" else folder / "c.db"
    if kind == "not SQLite":
        name.write_bytes(b"\xff\x00junk" * 500)
    elif kind == "empty":
        name.write_bytes(b"")
    else:
        shutil.copy(sound, name)
    if kind == "read-only":
        name.chmod(0o444)
        folder.chmod(0o555)
    if kind == "unreadable":
        name.chmod(0)
    return f"sqlite:///{name}"


@PROBE_SETTINGS
@given(
    path=st.sampled_from(PATHS),
    kind=st.sampled_from(STORE_KINDS),
    variable=st.none() | st.sampled_from(ENVIRONMENT),
    value=st.sampled_from(ENVIRONMENT_VALUES)
    | st.text(st.characters(blacklist_characters="\x00"), max_size=12),  # no NUL in an environment
    as_json=st.booleans(),
)
def test_any_command_on_a_hostile_store_or_environment_ends_cleanly(
    stopped_at_once: None,
    store: tuple[str, dict[str, str]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    path: tuple[str, ...],
    kind: str,
    variable: str | None,
    value: str,
    as_json: bool,
) -> None:
    url, fills = store
    folder = tmp_path_factory.mktemp("store")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    hostile = _store(kind, folder, Path(url.removeprefix("sqlite:///")))
    try:
        given_db = [] if variable == "COMPLAINTKIT_DB" else ["--db", hostile]
        args = [*given_db, "--policy", POLICY, *command_line(CLI, path, "", "", fills)]
        as_json = as_json and takes_json(CLI, path)
        args += ["--json"] if as_json else []
        env = {} if variable is None else {variable: value}
        _ended_cleanly(CliRunner().invoke(CLI, args, env=env), args, as_json=as_json)
    finally:
        folder.chmod(0o755)
