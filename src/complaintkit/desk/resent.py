"""Which fields a record re-sent under a known key changes: a correction is never a retry.

A re-sent record repeats the complaint holding its key only if every field both of them
give is the same. A field only the re-sent record gives (a column mapped since the first
run) is no change: comparing it would refuse every re-run after a mapping is added. A field
both give differently (a corrected amount) is a change, which ``KeyReused`` keeps for
review instead of it vanishing as "already known". When it arrived (``received_at``) is
not what it says: a form sent twice, or a body without a date, arrives at two instants.
Nor are a text's line ends, nor white space at its ends: a file whose LFs were made CRLFs
(``unix2dos``, a Windows checkout), or a re-export that trims its cells or ends a text with
a newline, holds the same narratives. Nor is the letter case of the customer's e-mail
address: a client or CRM that lower-cases addresses (as the mail channel does) sends the
same mailbox, as replies are matched to letters.
"""

from __future__ import annotations

import json
from typing import Any

from complaintkit.model.complaint import Complaint

#: The complaint's own fields compared, besides the customer's and its attributes.
_FIELDS = ("subject", "text", "product", "order_id", "amount", "language")
_CUSTOMER = ("id", "name", "contact", "tier", "region")


def _given(value: Any) -> bool:
    """Whether a field holds something: None, blank text and empty containers do not."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict | tuple):
        return bool(value)
    return True


def compared(complaint: Complaint) -> dict[str, Any]:
    """The fields ``complaint`` gives, by the dotted name a reason shows them under."""
    fields: dict[str, Any] = {}
    for name in _CUSTOMER:
        fields[f"customer.{name}"] = getattr(complaint.customer, name)
    for name in _FIELDS:
        fields[name] = getattr(complaint, name)
    for name, value in complaint.attributes.items():
        fields[f"attributes.{name}"] = value
    given = {name: _as_compared(value) for name, value in fields.items() if _given(value)}
    if "customer.contact" in given:  # a mailbox, or a phone number: no letter case
        given["customer.contact"] = given["customer.contact"].casefold()
    return given


def _as_compared(value: Any) -> Any:
    """``value`` with a text's line ends written as LF, however the file wrote them, and
    without white space at its ends."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def changed_fields(stored: Complaint, resent: Complaint) -> list[str]:
    """The fields both complaints give with different values, sorted."""
    before, after = compared(stored), compared(resent)
    return sorted(name for name in before.keys() & after.keys() if before[name] != after[name])


def digests(complaint: Complaint) -> dict[str, int]:
    """``compared`` with each value hashed: what a long run remembers of each key's first
    record, to compare later records with it (``changed_since``), without its texts."""
    return {name: _digest(value) for name, value in compared(complaint).items()}


def changed_since(first: dict[str, int], complaint: Complaint) -> list[str]:
    """``changed_fields`` against a record remembered by its ``digests``."""
    after = digests(complaint)
    return sorted(name for name in first.keys() & after.keys() if first[name] != after[name])


def _digest(value: Any) -> int:
    if isinstance(value, list | dict):  # attribute values: JSON, compared as written
        return hash(json.dumps(value, sort_keys=True, ensure_ascii=False))
    return hash(value)
