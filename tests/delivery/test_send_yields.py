"""A ``send`` or ``publish`` written as a generator (it yields) never runs its body when
called: it only makes a generator. Counted as delivered, the message was lost without a
word, as an ``async def`` one's was; an ``acknowledge`` that yields never acknowledged."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")


class Yielding:
    sent: ClassVar[list[Message]] = []

    def send(self, message: Message) -> Iterator[None]:
        self.sent.append(message)
        yield None


class BuiltYielding:
    """Built by a factory function: its ``send`` is only known once called."""

    def __init__(self) -> None:
        self.send = self._send

    def _send(self, message: Message) -> Iterator[str]:
        yield "250 OK"


def test_a_send_that_yields_is_no_delivery() -> None:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("hook", MESSAGE, T0)])
    DeliveryWorker(storage, {"hook": BuiltYielding()}, ManualClock(T0)).run_once()
    (delivery,) = storage.deliveries()
    assert delivery.state != "delivered"
    assert "hook" in delivery.last_error


class BuiltAsyncYielding:
    """An ``async def`` that yields, built by a factory: calling it makes an asynchronous
    generator, neither a coroutine nor a generator."""

    def __init__(self) -> None:
        self.send = self._send

    async def _send(self, message: Message) -> AsyncIterator[str]:
        yield "250 OK"


def test_a_send_that_yields_asynchronously_is_no_delivery() -> None:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("hook", MESSAGE, T0)])
    report = DeliveryWorker(storage, {"hook": BuiltAsyncYielding()}, ManualClock(T0)).run_once()
    (delivery,) = storage.deliveries()
    assert (report.delivered, delivery.state) == (0, "dead")
    assert "'hook'" in delivery.last_error
    assert "generator" in delivery.last_error


class YieldingPublish:
    def send(self, message: Message) -> None:
        pass

    def publish(self, event: object, delivery_id: str) -> Iterator[None]:
        yield None


class YieldingPublishMany:
    def send(self, message: Message) -> None:
        pass

    def publish_many(self, items: list[Any]) -> Iterator[None]:
        for _ in items:
            yield None


def plugins_registering(hook: str, value: object) -> Plugins:
    class Acme:
        pass

    def provide(self: object, register: Any) -> None:
        register("acme", value)

    provide.__name__ = hook
    setattr(Acme, hook, hookimpl(provide))
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(
    ("factory", "method"),
    [(Yielding, "send"), (YieldingPublish, "publish"), (YieldingPublishMany, "publish_many")],
)
def test_a_notifier_method_that_yields_is_refused_when_built(factory: object, method: str) -> None:
    plugins = plugins_registering("register_notifiers", factory)
    with pytest.raises(PluginError) as refused:
        plugins.notifier("acme", {}, None)
    assert "'acme'" in str(refused.value)
    assert "register_notifiers" in str(refused.value)
    assert method in str(refused.value)
    assert Yielding.sent == []


class YieldingAcknowledge:
    def read(self, source: str) -> Iterator[Any]:
        yield make_complaint("a")

    def acknowledge(self, records: list[Any]) -> Iterator[None]:
        yield None


def test_an_acknowledge_that_yields_is_refused_when_built() -> None:
    plugins = plugins_registering("register_channels", YieldingAcknowledge)
    desk = Desk(storage="memory:", plugins=plugins)
    with pytest.raises(PluginError, match="acknowledge"):
        plugins.channel("acme", {}, desk.context)
