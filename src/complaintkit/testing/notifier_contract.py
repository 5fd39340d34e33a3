"""The notifier contract: subclass ``NotifierContract`` and provide ``notifier`` and
``received`` fixtures (and ``undeliverable``, a notifier whose receiver is down).

    class TestMyNotifier(NotifierContract):
        @pytest.fixture
        def notifier(self, my_receiver):
            return MyNotifier(url=my_receiver.url)

        @pytest.fixture
        def received(self, my_receiver):
            return lambda: my_receiver.delivery_ids()   # ids in arrival order

Delivery is at least once: what a receiver needs is the delivery id on every attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(
    to="customer@example.com",
    subject="投诉 CK-1 已受理",
    body="我们已收到您的投诉。",
    role="customer",
    case_id="CK-1",
    event="opened",
    language="zh",
    delivery_id="contract-delivery-1",
)
EVENT = CaseEvent.chained(
    case_id="CK-1",
    seq=1,
    kind="noted",
    at=T0,
    actor="contract",
    reason="",
    data={"text": "published"},
    prev_hash=GENESIS,
)

Received = Callable[[], list[str]]


class NotifierContract:
    """Behaviour every notifier must have."""

    @pytest.fixture
    def notifier(self) -> object:
        raise NotImplementedError("subclasses provide a notifier fixture")

    @pytest.fixture
    def received(self) -> Received:
        raise NotImplementedError("subclasses provide the delivery ids that arrived")

    @pytest.fixture
    def undeliverable(self) -> object | None:
        """A notifier that cannot deliver (its receiver is down); None skips the test."""
        return None

    def test_send_delivers_the_message_with_its_delivery_id(
        self, notifier: object, received: Received
    ) -> None:
        notifier.send(MESSAGE)  # type: ignore[attr-defined]
        assert received() == [MESSAGE.delivery_id]

    def test_every_attempt_carries_the_same_delivery_id(
        self, notifier: object, received: Received
    ) -> None:
        notifier.send(MESSAGE)  # type: ignore[attr-defined]
        notifier.send(MESSAGE)  # type: ignore[attr-defined]
        assert received() == [MESSAGE.delivery_id] * 2

    def test_publish_delivers_the_event_with_its_delivery_id(
        self, notifier: object, received: Received
    ) -> None:
        if not callable(getattr(notifier, "publish", None)):
            pytest.skip("the notifier does not publish case events")
        notifier.publish(EVENT, "contract-delivery-2")  # type: ignore[attr-defined]
        assert received() == ["contract-delivery-2"]

    def test_a_message_that_cannot_be_delivered_raises(self, undeliverable: object | None) -> None:
        if undeliverable is None:
            pytest.skip("no undeliverable fixture")
        with pytest.raises(Exception):  # noqa: B017, PT011 -- any exception: the worker retries
            undeliverable.send(MESSAGE)  # type: ignore[attr-defined]
