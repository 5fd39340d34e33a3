"""The durable outbox: what a change must send, stored with the change, sent by a worker.

A stored change writes its notifications and published events (``Outgoing``) to the
storage's outbox in the same transaction as its events, so a crash keeps both or neither.
``DeliveryWorker`` sends what is due, retries failures with backoff and jitter
(``RetryPolicy``) and dead-letters a delivery after its last attempt. Delivery is at least
once: every message carries a ``delivery_id`` receivers deduplicate on.
"""

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.delivery.worker import DeliveryReport, DeliveryWorker

__all__ = [
    "Attempt",
    "Delivery",
    "DeliveryFailed",
    "DeliveryReport",
    "DeliveryWorker",
    "Outgoing",
    "RetryPolicy",
]
