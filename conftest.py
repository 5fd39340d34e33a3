"""Threads a test module leaves running are named at the end of the session.

A server still accepting, a pool's workers or an open store's thread outlive their test and
share the process with every later one; a test that forks then copies whatever lock such a
thread held (CI hung so, in SQLite's allocator). Each module's leftover threads are listed
once, after its last test's teardown, under the module that started them; a non-daemon
one fails the session, since it also keeps the interpreter from exiting."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest

#: How long a thread told to stop may take to end before it counts as left running.
GRACE = 0.5

_seen: set[threading.Thread] = set(threading.enumerate())
_leaks: dict[str, list[threading.Thread]] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, None, None]:
    yield
    if nextitem is None or nextitem.path != item.path:
        left = _new_threads()
        if left:
            _leaks[str(item.path.relative_to(item.config.rootpath))] = left


def _new_threads() -> list[threading.Thread]:
    """Threads started since the last look that are still running after the grace."""
    new = [t for t in threading.enumerate() if t not in _seen]
    for thread in new:
        thread.join(GRACE / len(new))
    left = [t for t in new if t.is_alive()]
    _seen.update(left)
    return left


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _leaks:
        return
    terminalreporter.section("threads left running")
    for module, threads in _leaks.items():
        for thread in threads:
            kind = "daemon" if thread.daemon else "NON-DAEMON"
            terminalreporter.write_line(f"{module}: {kind} {thread.name}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    # one still running now keeps the interpreter from exiting; one that ended late did not
    if any(not t.daemon and t.is_alive() for threads in _leaks.values() for t in threads):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
