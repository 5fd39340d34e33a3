"""The tick and ``intake_many`` pause Python's cyclic garbage collector while a batch is
worked on, and leave it as they found it: enabled after the last pause ends, unless the
application disabled it."""

from __future__ import annotations

import gc
import threading
from datetime import timedelta

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.collector import collector_paused
from complaintkit.hookspecs import hookimpl

POLICY = {"sla": {"targets": [{"first_response": "2h", "resolution": "10h"}]}}


pytestmark = pytest.mark.usefixtures("restore_collector")


class Watch:
    """A plugin noting whether the collector ran while it heard of each event of a kind."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.collector_on: list[bool] = []

    @hookimpl
    def case_event(self, event: object, case: object, context: object) -> None:
        if getattr(event, "kind", "") == self.kind:
            self.collector_on.append(gc.isenabled())


def test_a_tick_batch_runs_with_the_collector_paused_and_resumes_it() -> None:
    desk, clock = make_desk(POLICY)
    watch = Watch("sla_breached")
    desk.plugins.pm.register(watch)
    for n in range(3):
        desk.intake(complaint(n))
    gc.enable()
    report = desk.tick(clock.advance(timedelta(hours=3)))
    assert report.breaches == 3
    assert watch.collector_on == [False, False, False]
    assert gc.isenabled()


def test_a_collector_the_application_disabled_stays_disabled() -> None:
    desk, clock = make_desk(POLICY)
    desk.intake(complaint(1))
    gc.disable()
    assert desk.tick(clock.advance(timedelta(hours=3))).breaches == 1
    assert not gc.isenabled()


def test_an_intake_batch_runs_with_the_collector_paused_and_resumes_it() -> None:
    desk, _ = make_desk(POLICY)
    watch = Watch("opened")
    desk.plugins.pm.register(watch)
    gc.enable()
    taken = desk.intake_many([complaint(n) for n in range(3)] + [{"channel": "email"}])
    assert [type(t).__name__ for t in taken] == ["Taken", "Taken", "Taken", "InvalidInput"]
    assert watch.collector_on == [False, False, False]
    assert gc.isenabled()
    gc.disable()
    desk.intake_many([complaint(9)])
    assert not gc.isenabled()


def test_a_failing_batch_resumes_the_collector() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_pauses_nest_across_threads() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        inside.wait(10)
    assert not gc.isenabled()  # the other thread's pause still holds
    release.set()
    thread.join(10)
    assert gc.isenabled()
