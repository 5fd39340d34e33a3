"""A ``KeyboardInterrupt`` is Ctrl-C only on the main thread, where Python delivers the
signal; on another thread (``serve``'s delivery worker, a request's thread) only code can
raise it, so there it is the plugin's failure like any other. It ended serve's delivery
thread without a word: nothing was sent again until serve restarted."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import NoReturn

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryReport, DeliveryWorker, Outgoing
from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.notify.base import Message
from complaintkit.plugin_exit import PluginAbort, contained
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")


class Interrupting:
    def send(self, message: Message) -> NoReturn:
        raise KeyboardInterrupt


class Sending:
    def __init__(self) -> None:
        self.sent: list[Message] = []

    def send(self, message: Message) -> None:
        self.sent.append(message)


def _on_a_thread(work: object) -> list[BaseException]:
    """Run ``work()`` on a thread of its own; what escaped it."""
    escaped: list[BaseException] = []

    def run() -> None:
        try:
            work()  # type: ignore[operator]
        except BaseException as exc:
            escaped.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    return escaped


def test_a_notifier_raising_keyboard_interrupt_off_the_main_thread_fails_that_attempt() -> None:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("bad", MESSAGE, T0), Outgoing.message("good", MESSAGE, T0)])
    good = Sending()
    worker = DeliveryWorker(storage, {"bad": Interrupting(), "good": good}, ManualClock(T0))
    assert _on_a_thread(worker.run_once) == []
    assert len(good.sent) == 1
    failed = next(d for d in storage.deliveries() if d.outgoing.via == "bad")
    assert failed.state == "pending"
    assert "KeyboardInterrupt" in (failed.last_error or "")


def test_the_delivery_thread_goes_on_after_a_notifier_raised_keyboard_interrupt() -> None:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("bad", MESSAGE, T0)])
    clock = ManualClock(T0)
    worker = DeliveryWorker(storage, {"bad": Interrupting()}, clock)
    ending, passes = threading.Event(), []
    wake = threading.Event()
    original = worker.run_once

    def counted(
        now: datetime | None = None,
        *,
        stop: threading.Event | None = None,
        sending: threading.Event | None = None,
    ) -> DeliveryReport:
        passes.append(1)
        if len(passes) == 2:
            ending.set()
        return original(now, stop=stop, sending=sending)

    worker.run_once = counted  # type: ignore[method-assign]
    thread = threading.Thread(
        target=worker.run_forever, args=(ending,), kwargs={"interval": 0.01, "wake": wake}
    )
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    assert len(passes) == 2


def test_keyboard_interrupt_on_the_main_thread_is_still_ctrl_c() -> None:
    with pytest.raises(KeyboardInterrupt), contained():
        raise KeyboardInterrupt


def test_keyboard_interrupt_in_plugin_code_off_the_main_thread_is_a_plugin_abort() -> None:
    def work() -> None:
        with contained():
            raise KeyboardInterrupt

    (escaped,) = _on_a_thread(work)
    assert isinstance(escaped, PluginAbort)
    assert isinstance(escaped.error, KeyboardInterrupt)


class InterruptingStorage(MemoryStorage):
    """A plugin's backend whose ``due_deliveries`` raises ``KeyboardInterrupt``."""

    def due_deliveries(self, now: datetime, limit: int) -> NoReturn:
        raise KeyboardInterrupt


class Acme:
    @hookimpl
    def register_storage(self, register: Register) -> None:
        register("acmemem", InterruptingStorage)


def test_a_storage_method_raising_keyboard_interrupt_off_the_main_thread_is_a_plugin_error() -> (
    None
):
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    storage = Plugins(pm).open_storage("acmemem:")
    worker = DeliveryWorker(storage, {}, ManualClock(T0))
    (escaped,) = _on_a_thread(worker.run_once)
    assert isinstance(escaped, PluginError)
    assert escaped.plugins == ("acme",)
    assert "due_deliveries" in str(escaped)
