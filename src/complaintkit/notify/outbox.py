"""Deliveries queue here and a background thread sends them, so intake never waits.

Design choice: an in-process queue and one daemon thread rather than an outbox table.
It is the simpler of the two, keeps every storage backend's interface small, and a slow or
dead receiver costs intake nothing. The trade-off: messages still queued when the process
dies are lost (the events that caused them are stored, so they can be re-derived); a
failed delivery is never lost — it becomes a dead letter with the reason. ``flush`` waits
for the queue to drain (tests, ``complaintkit serve`` on shutdown).
"""

from __future__ import annotations

import json
import logging
import queue
import threading

import attrs

from complaintkit.clock import Clock
from complaintkit.notify.base import Message, Notifier
from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)


@attrs.frozen
class Delivery:
    notifier_name: str
    notifier: Notifier
    message: Message


class Outbox:
    """A queue of deliveries and the thread that sends them; failures go to dead letters."""

    def __init__(self, storage: Storage, clock: Clock) -> None:
        self.storage = storage
        self.clock = clock
        self._queue: queue.Queue[Delivery] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, delivery: Delivery) -> None:
        """Queue one delivery and return at once."""
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="complaintkit-outbox", daemon=True
                )
                self._thread.start()
        self._queue.put(delivery)

    def flush(self) -> None:
        """Block until every queued delivery has been sent or dead-lettered."""
        self._queue.join()

    def dead_letter(self, name: str, message: Message, reason: str) -> None:
        raw = json.dumps(message.to_json(), ensure_ascii=False)
        self.storage.dead_letter(f"notify:{name}", raw, reason, self.clock.now())

    def _run(self) -> None:
        while True:
            delivery = self._queue.get()
            try:
                delivery.notifier.send(delivery.message)
            except Exception as exc:
                log.warning("notifier %r failed: %s", delivery.notifier_name, exc)
                try:
                    self.dead_letter(delivery.notifier_name, delivery.message, str(exc))
                except Exception:
                    log.exception("could not record the failed delivery as a dead letter")
            finally:
                self._queue.task_done()
