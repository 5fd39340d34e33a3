"""An SMTP server's refusal that arrives as the attempt's time runs out is an answer. The
notifier asked the watchdog first whether time had run out, and took a yes for silence: a
message the server refused for good (554 to its DATA) was tried again at every retry, as
if the server had said nothing, and the refusal's words were lost. The watchdog is
replaced by one whose time runs out exactly when the server answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify import http_deadline, smtp
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import receiving


class RunsOutWhenAnswered(http_deadline.Watchdog):
    """A watchdog whose timer never fires; the server says when its time ran out."""

    def __enter__(self) -> RunsOutWhenAnswered:
        entered.append(self)
        return self


#: The watchdogs of this test's attempts.
entered: list[RunsOutWhenAnswered] = []


class Refusing:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        for watchdog in entered:
            watchdog.expired = True  # the time ran out, but the answer is on its way
        return "554 5.7.1 message refused"


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(smtp, "Watchdog", RunsOutWhenAnswered)
    entered.clear()
    with receiving(Refusing()) as (_, port):
        yield port


def test_a_refusal_arriving_as_the_time_runs_out_is_the_refusal(port: int) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port)
    with pytest.raises(DeliveryFailed) as failed:
        notifier.send(Message(to="c@example.com", subject="s", body="b", delivery_id="d-1"))
    assert not failed.value.unanswered
    assert failed.value.final
    assert "554" in str(failed.value)
    (watchdog,) = entered
    assert watchdog.expired  # the case this test is about did happen
