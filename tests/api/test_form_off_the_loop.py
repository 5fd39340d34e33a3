"""A form submission waiting on the store does not hold up anyone else's request: the
customer's pages call the Desk from the thread pool, as the JSON API does."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import httpx

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.server import running_server

#: Far longer than any answer takes; only reached if the server is stuck.
STUCK = 30.0


class _Locked(MemoryStorage):
    """A store another process holds locked until ``released`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.released = threading.Event()

    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        self.waiting.set()
        self.released.wait(STUCK)
        return super().intake(case, events)


def test_other_requests_are_answered_while_a_form_waits_on_a_locked_store() -> None:
    storage = _Locked()
    answers: list[httpx.Response] = []
    with running_server(create_app(Desk(storage=storage))) as url:

        def send_form() -> None:
            form = {"text": "the tap leaks", "contact": "a@b.example"}
            answers.append(httpx.post(f"{url}/?lang=en", data=form, timeout=STUCK))

        form = threading.Thread(target=send_form)
        form.start()
        try:
            assert storage.waiting.wait(STUCK)
            other = httpx.get(f"{url}/openapi.json", timeout=STUCK)
            assert other.status_code == 200
            assert answers == []  # answered while the form was still waiting
        finally:
            storage.released.set()
            form.join(STUCK)
    assert [a.status_code for a in answers] == [303]
