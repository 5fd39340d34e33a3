"""The session names the threads a test module leaves running (the root ``conftest.py``),
and fails for a non-daemon one."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CHECK = (Path(__file__).parents[1] / "conftest.py").read_text(encoding="utf-8")

LEAKS = """
import threading

def test_leaves_a_thread(stop):
    threading.Thread(target=stop.wait, name="left", daemon={daemon}).start()
"""

STOPS = """
import threading

def test_stops_its_thread():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="stopped")
    thread.start()
    stop.set()
    thread.join()
"""

#: The event the inner session's left threads wait for, set once that session is over (in
#: each pytest-xdist worker too, which no object of this process reaches).
STOP = """

_stop = threading.Event()


@pytest.fixture
def stop() -> threading.Event:
    return _stop


def pytest_unconfigure() -> None:
    _stop.set()
"""

#: The inner session serially, and on two pytest-xdist workers.
SESSIONS = [pytest.param([], id="serial"), pytest.param(["-n", "2"], id="xdist")]


def run(pytester: pytest.Pytester, options: list[str]) -> pytest.RunResult:
    pytester.makeconftest(CHECK + STOP)
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", *options)


@pytest.mark.parametrize("options", SESSIONS)
def test_a_non_daemon_thread_left_running_fails_the_session_naming_its_module(
    pytester: pytest.Pytester, options: list[str]
) -> None:
    pytester.makepyfile(test_leaks=LEAKS.format(daemon=False), test_stops=STOPS)
    result = run(pytester, options)
    result.stdout.fnmatch_lines(["*threads left running*", "test_leaks.py: NON-DAEMON left"])
    assert "test_stops.py:" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED


@pytest.mark.parametrize("options", SESSIONS)
def test_a_daemon_thread_left_running_is_named_without_failing(
    pytester: pytest.Pytester, options: list[str]
) -> None:
    pytester.makepyfile(test_leaks=LEAKS.format(daemon=True))
    result = run(pytester, options)
    result.stdout.fnmatch_lines(["*threads left running*", "test_leaks.py: daemon left"])
    assert result.ret == pytest.ExitCode.OK
