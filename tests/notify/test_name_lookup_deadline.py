"""A name lookup that hangs (a resolver that never answers) is bounded by the notifier's
``timeout`` like the rest of the attempt: ``getaddrinfo`` blocks inside C, where no socket
shutdown reaches it, and held the delivery worker for as long as the resolver took.

The resolver is stood in for: ``socket.getaddrinfo`` for the test's host name waits on an
event (released when the test ends), every other name resolves as usual. No traffic leaves
the machine: the name never resolves.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier

HUNG = "hung-resolver.invalid"


@pytest.fixture(name="hung_resolver")
def hung_resolver_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    released = threading.Event()
    real = socket.getaddrinfo

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == HUNG:
            released.wait(10)
            raise socket.gaierror(socket.EAI_AGAIN, "resolver gave up")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    try:
        yield released
    finally:
        released.set()


def _fails_within(
    seconds: float, attempt: Callable[[], None], kind: type[Exception] = DeliveryFailed
) -> Exception:
    began = time.monotonic()
    with pytest.raises(kind) as caught:
        attempt()
    assert time.monotonic() - began < seconds
    return caught.value


MESSAGE = Message(to="wang@example.cn", subject="s", body="b", delivery_id="d-1")


NOTIFIERS: dict[str, Callable[[], SmtpNotifier | WebhookNotifier]] = {
    "smtp": lambda: SmtpNotifier(sender="care@shop.example", host=HUNG, timeout=0.5),
    "webhook": lambda: WebhookNotifier(url=f"http://{HUNG}/hook", timeout=0.5),
}


@pytest.mark.parametrize("kind", sorted(NOTIFIERS))
def test_an_attempt_waits_no_longer_than_its_timeout_for_the_name(
    hung_resolver: threading.Event, kind: str
) -> None:
    notifier = NOTIFIERS[kind]()
    failure = _fails_within(3, lambda: notifier.send(MESSAGE))
    assert "no answer within 0.5 s" in str(failure)
    assert isinstance(failure, DeliveryFailed)
    assert failure.final is False


def test_a_name_that_does_not_resolve_fails_at_once_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def lookup(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    notifier = SmtpNotifier(sender="care@shop.example", host="nowhere.invalid", timeout=5)
    failure = _fails_within(2, lambda: notifier.send(MESSAGE), DeliveryFailed)
    assert str(failure).startswith("smtp nowhere.invalid:25: ")
    assert "Name or service not known" in str(failure)  # the lookup's own words, as raised
    assert isinstance(failure.__cause__, socket.gaierror)
