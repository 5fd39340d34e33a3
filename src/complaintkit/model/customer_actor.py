"""The actor of what a customer did themselves (answered an offer on the status page,
replied to a letter): ``customer:<customer id>``, so the history, the audit chain and
replay say which customer acted, and replay plays it back as something that happened."""

from __future__ import annotations

import hashlib
from typing import Final

from complaintkit.model.complaint import MAX_ID_CHARS

CUSTOMER: Final = "customer"


def customer_actor(customer_id: str) -> str:
    """The actor an act of ``customer_id`` is recorded with: ``customer:<id>``, or, for an
    id too long to fit an actor beside the prefix, ``customer:sha256:<its digest>``."""
    actor = f"{CUSTOMER}:{customer_id}"
    if len(actor) <= MAX_ID_CHARS:
        return actor
    digest = hashlib.sha256(customer_id.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{CUSTOMER}:sha256:{digest}"
