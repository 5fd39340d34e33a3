"""A notifier whose ``send`` hangs held every delivery behind it, silently: the worker waits
for a call at most its deadline, records the delivery as not answered (retried later, not
lost), names the notifier and its plugin, calls that notifier no more until the call left
running returns, and sends the rest; a slow call is logged as a slow hook call is."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.deadline import DEADLINE_VARIABLE, NotifierCalls, deadline_from
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugin_slow import SlowHooks
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage
from requeued_mail import AT, COMPLAINT, policy
from smtp_inbox import Inbox, receiving

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Hanging:
    """Hangs in its first ``send`` until ``release`` is set, then delivers each."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.sent: Counter[str] = Counter()
        self.calls = 0

    def send(self, message: Message) -> None:
        self.calls += 1
        if self.calls == 1:
            self.release.wait(30)
        self.sent[message.delivery_id] += 1


class Quick:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


def _enqueue(storage: MemoryStorage, via: str, count: int) -> set[str]:
    items = [
        Outgoing.message(via, Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
        for n in range(count)
    ]
    storage.enqueue(items)
    return {item.delivery_id for item in items}


def test_a_hung_send_is_retried_later_naming_the_plugin_and_the_rest_are_sent() -> None:
    hanging, quick = Hanging(), Quick()
    clock = ManualClock(T0)
    calls = NotifierCalls(deadline=0.3, slow=SlowHooks(3600), plugins={"crm": "acme-crm"})
    with MemoryStorage() as storage:
        hung = _enqueue(storage, "crm", 3)
        others = _enqueue(storage, "mail", 2)
        worker = DeliveryWorker(storage, {"crm": hanging, "mail": quick}, clock, calls=calls)
        try:
            first = worker.run_once()
            assert (first.delivered, first.retrying, first.dead) == (2, 3, 0)
            assert set(quick.sent) == others
            reasons = [d.last_error or "" for d in storage.deliveries("pending")]
            assert len(reasons) == 3
            assert all("notifier 'crm' (plugin 'acme-crm')" in r for r in reasons)
            assert all("did not return within" in r for r in reasons)
            assert sum(r.startswith("not tried") for r in reasons) == 2
            # still running: the next pass calls it no more, and says why
            clock.advance(timedelta(hours=1))
            second = worker.run_once()
            assert (second.delivered, second.retrying) == (0, 3)
            assert hanging.calls == 1
            assert all(
                "is still in its send()" in (d.last_error or "")
                for d in storage.deliveries("pending")
            )
        finally:
            hanging.release.set()
        for _ in range(200):  # the call left running returns
            if calls.held("crm") is None:
                break
            threading.Event().wait(0.01)
        clock.advance(timedelta(hours=1))
        third = worker.run_once()
        assert third.delivered == 3
        assert set(hanging.sent) == hung  # none lost; the hung one may arrive twice
        assert storage.deliveries("pending") == []


def test_a_slow_send_is_logged_naming_the_notifier_and_its_plugin(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock(T0)
    calls = NotifierCalls(deadline=60, slow=SlowHooks(0), plugins={"mail": "acme-mail"})
    with MemoryStorage() as storage, caplog.at_level(logging.WARNING):
        _enqueue(storage, "mail", 1)
        DeliveryWorker(storage, {"mail": Quick()}, clock, calls=calls).run_once()
    (logged,) = [r.getMessage() for r in caplog.records if r.name == "complaintkit.plugin_slow"]
    assert logged.startswith("plugin 'acme-mail' took")
    assert "in notifier 'mail' send()" in logged


class _Pager:
    def __init__(self) -> None:
        self.release = threading.Event()

    def send(self, message: Message) -> None:
        self.release.wait(30)


class _PagerPlugin:
    def __init__(self) -> None:
        self.made: list[_Pager] = []

    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        def pager() -> _Pager:
            self.made.append(_Pager())
            return self.made[-1]

        register("pager", pager)


def test_the_desk_names_the_plugin_of_a_hung_notifier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEADLINE_VARIABLE, "0.05")
    path = tmp_path / "p.yaml"
    rule = '    - {"on": opened, notify: [customer], via: text, template: ack}\n'
    pm = plugin_manager(load_entrypoints=False)
    plugin = _PagerPlugin()
    pm.register(plugin, name="acme-pager")
    with receiving(Inbox()) as (inbox, port):
        path.write_text(policy(port, "    text: {type: pager}\n", rule), "utf-8")
        desk = Desk(
            load_policy(path), storage="memory:", clock=ManualClock(AT), plugins=Plugins(pm)
        )
        try:
            desk.intake(COMPLAINT)
            report = desk.deliver()
            assert (report.delivered, report.retrying) == (1, 1)
            (pending,) = desk.storage.deliveries("pending")
            assert "notifier 'text' (plugin 'acme-pager')" in (pending.last_error or "")
            assert len(inbox.received) == 1
        finally:
            for made in plugin.made:
                made.release.set()


@pytest.mark.parametrize("value", ["soon", "0", "-3", "nan", "inf"])
def test_a_deadline_that_is_no_number_of_seconds_says_what_to_write(value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        deadline_from({DEADLINE_VARIABLE: value})
    assert f"{DEADLINE_VARIABLE}={value!r}" in str(refused.value)
    assert f"{DEADLINE_VARIABLE}=120" in str(refused.value)


def test_the_deadline_is_read_from_the_environment() -> None:
    assert deadline_from({DEADLINE_VARIABLE: " 45 "}) == 45.0
    assert deadline_from({}) == 300.0


class _Timed(Quick):
    timeout = 40.0


def test_a_notifier_with_a_timeout_of_its_own_is_given_twice_that_when_longer() -> None:
    calls = NotifierCalls(deadline=5)
    assert calls.deadline_of(_Timed().send) == 80.0
    assert calls.deadline_of(Quick().send) == 5.0
    assert NotifierCalls(deadline=500).deadline_of(_Timed().send) == 500.0
