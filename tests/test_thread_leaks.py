"""The session names the threads a test module leaves running (the root ``conftest.py``),
and fails for a non-daemon one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
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


class Stop:
    """Gives the inner session's tests the event its left threads wait for."""

    def __init__(self) -> None:
        self.event = threading.Event()

    @pytest.fixture
    def stop(self) -> threading.Event:
        return self.event


@pytest.fixture(name="stop")
def stop_fixture() -> Iterator[Stop]:
    stop = Stop()
    yield stop
    stop.event.set()


def run(pytester: pytest.Pytester, stop: Stop) -> pytest.RunResult:
    pytester.makeconftest(CHECK)
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", plugins=[stop])


def test_a_non_daemon_thread_left_running_fails_the_session_naming_its_module(
    pytester: pytest.Pytester, stop: Stop
) -> None:
    pytester.makepyfile(test_leaks=LEAKS.format(daemon=False), test_stops=STOPS)
    result = run(pytester, stop)
    result.stdout.fnmatch_lines(["*threads left running*", "test_leaks.py: NON-DAEMON left"])
    assert "test_stops.py:" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_daemon_thread_left_running_is_named_without_failing(
    pytester: pytest.Pytester, stop: Stop
) -> None:
    pytester.makepyfile(test_leaks=LEAKS.format(daemon=True))
    result = run(pytester, stop)
    result.stdout.fnmatch_lines(["test_leaks.py: daemon left"])
    assert result.ret == pytest.ExitCode.OK
