"""Threads a test module leaves running are named at the end of the session.

A server still accepting, a pool's workers or an open store's thread outlive their test and
share the process with every later one; a test that forks then copies whatever lock such a
thread held (CI hung so, in SQLite's allocator). Each module's leftover threads are listed
once, after its last test's teardown, under the module that started them; a non-daemon
one fails the session, since it also keeps the interpreter from exiting.

Under pytest-xdist each worker looks at its own threads and hands what it found to the
controller, which names them and fails the session: a worker's summary is never shown."""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Any

import pytest

#: How long a thread told to stop may take to end before it counts as left running.
GRACE = 0.5
#: The key of a pytest-xdist worker's output under which it hands its findings over.
WORKER_OUTPUT = "threads_left_running"

_seen: set[threading.Thread] = set(threading.enumerate())
_leaks: dict[str, list[threading.Thread]] = {}
#: What the workers found: (module, "daemon" or "NON-DAEMON", thread name) each.
_from_workers: list[tuple[str, str, str]] = []
#: Whether a worker ended with a non-daemon thread of a test still running.
_worker_kept_one_running = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, None, None]:
    yield
    if nextitem is None or nextitem.path != item.path:
        left = _new_threads()
        if left:
            _leaks.setdefault(str(item.path.relative_to(item.config.rootpath)), []).extend(left)


def _new_threads() -> list[threading.Thread]:
    """Threads started since the last look that are still running after the grace."""
    new = [t for t in threading.enumerate() if t not in _seen]
    for thread in new:
        thread.join(GRACE / len(new))
    left = [t for t in new if t.is_alive()]
    _seen.update(left)
    return left


def _found() -> list[tuple[str, str, str]]:
    here = [
        (module, "daemon" if thread.daemon else "NON-DAEMON", thread.name)
        for module, threads in _leaks.items()
        for thread in threads
    ]
    return here + _from_workers


def _one_keeps_running() -> bool:
    """Whether a non-daemon thread left running still runs (one that ended late did not
    keep the interpreter from exiting)."""
    here = any(not t.daemon and t.is_alive() for threads in _leaks.values() for t in threads)
    return here or _worker_kept_one_running


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """A pytest-xdist worker ended (controller only): take over what it found."""
    global _worker_kept_one_running  # noqa: PLW0603 -- the session's one finding, as _leaks
    found, keeps_running = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT, ([], False))
    _from_workers.extend((module, kind, name) for module, kind, name in found)
    _worker_kept_one_running = _worker_kept_one_running or keeps_running


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    found = _found()
    if not found:
        return
    terminalreporter.section("threads left running")
    for module, kind, name in found:
        terminalreporter.write_line(f"{module}: {kind} {name}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:  # a pytest-xdist worker: the controller reports
        worker_output[WORKER_OUTPUT] = (_found(), _one_keeps_running())
    if _one_keeps_running():
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
