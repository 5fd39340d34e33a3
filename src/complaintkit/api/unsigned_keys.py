"""Idempotency keys sent unsigned: anyone may send any key, so a key tells nothing of others.

Without a secret, the sender of ``POST /complaints`` chooses its key (an order number, as
often as not) and its customer id, and proves neither. Were a key another complaint holds
answered otherwise than a free one (a 409), anyone could probe which order numbers have a
complaint; were a body repeating a few of its fields (key, customer id, a short text)
answered as a retry, with the status link, a stranger who guessed them would read someone
else's case; and were each refusal kept as a dead letter, anyone could fill the table. A
key held already would also let whoever sent it first shut the real customer out.

So, unsigned, only a body repeating the complaint holding its key whole — every field it
gives, given the same, and none besides — is a retry. Any other complaint under that key is
taken in as a case of its own, under the key it sent followed by ``~`` and a digest of what
it says (``own_key``): answered as any new complaint is (201, its own status link), so the
answer is the same whether the key was held or free; sent again, it finds its own case;
nothing is refused, so nothing is kept as a dead letter; and staff see the key it claimed.

Which key a complaint is kept under is settled before it is taken in (``kept_under``), by
one look-up made whatever the key: taken in under the key sent, then again under its own
once found held, a complaint under a held key cost two trips through the store where one
under a free key cost one, and how long the answer took told which keys are held.
"""

from __future__ import annotations

import hashlib
import json

import attrs

from complaintkit.desk.resent import compared
from complaintkit.model.case import Case
from complaintkit.model.complaint import MAX_ID_CHARS, Complaint
from complaintkit.storage.base import Storage

#: Hex digits of the digest that sets a complaint's own key apart from the key it sent.
DIGEST_CHARS = 16


def repeats_whole(case: Case, complaint: Complaint) -> bool:
    """Whether ``complaint`` repeats the complaint of ``case`` holding its key field for
    field: the same fields given, each the same (as ``desk.resent`` compares them)."""
    held = next((c for c in case.complaints if c.key == complaint.key), None)
    return held is not None and compared(held) == compared(complaint)


def own_key(complaint: Complaint) -> Complaint:
    """``complaint`` under a key of its own: the key it sent (cut to fit), ``~`` and a
    digest of the key and of every field it gives, so the same complaint sent again gets
    the same key and any other another."""
    said = json.dumps(
        [complaint.external_id, compared(complaint)],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    digest = hashlib.sha256(said.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]
    claimed = complaint.external_id[: MAX_ID_CHARS - DIGEST_CHARS - 1]
    return attrs.evolve(complaint, external_id=f"{claimed}~{digest}")


def kept_under(storage: Storage, complaint: Complaint) -> Complaint:
    """``complaint`` under the key it is kept under: the key it sent, unless another
    complaint holds that key and this one does not repeat it whole; then its own key."""
    held = storage.find_by_keys([complaint.key]).get(complaint.key)
    return complaint if held is None or repeats_whole(held, complaint) else own_key(complaint)
