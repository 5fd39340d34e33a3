"""The first webhook attempt of a process builds the opener (its TLS context reads the
system's CA store, which takes a while on a loaded machine). It was built inside the
attempt's time limit: with a short ``timeout`` the time ran out before the receiver was
even connected to, and a receiver that answered at once was counted silent (``no answer
within 0.5 s``) and posted again later. The opener is built before the attempt's time
starts (a real receiver on loopback; building the opener made slower than the timeout)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from canned_receiver import Receiver, message

from complaintkit.notify import webhook
from complaintkit.notify.http_deadline import build_opener
from complaintkit.notify.webhook import WebhookNotifier

TIMEOUT = 0.5


@pytest.fixture
def slow_opener(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def slowly_built(*handlers: object) -> object:
        time.sleep(TIMEOUT * 2)  # as reading the CA store under load may take
        return build_opener(*handlers)  # type: ignore[arg-type]

    webhook._opener.cache_clear()
    monkeypatch.setattr(webhook, "build_opener", slowly_built)
    yield
    webhook._opener.cache_clear()  # the slow one is not kept for later tests


def test_building_the_opener_takes_none_of_the_attempts_time(slow_opener: None) -> None:
    receiver = Receiver(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
    try:
        WebhookNotifier(url=receiver.url, timeout=TIMEOUT).send(message())
    finally:
        receiver.close()
    assert receiver.requests == 1
