"""Identifiers: case ids that sort by creation time and unguessable status tokens."""

from __future__ import annotations

import secrets
from datetime import datetime

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


#: Every 10-bit value as two base32 digits: ids are made per complaint, so two digits
#: per lookup instead of a divmod per digit.
_PAIRS = tuple(a + b for a in _ALPHABET for b in _ALPHABET)
#: The shifts of the nine pairs of an id's 18 digits, most significant first.
_SHIFTS = tuple(range(80, -1, -10))


def new_case_id(at: datetime) -> str:
    """A ULID-style id: 48 bits of milliseconds then 40 random bits, e.g. ``CK-01JD…``.

    Both parts are written as one 90-bit number (10 digits of time, 8 of randomness);
    time beyond 50 bits is cut off, as 10 digits cut it."""
    number = int(at.timestamp() * 1000) << 40 | secrets.randbits(40)
    return "CK-" + "".join([_PAIRS[(number >> shift) & 1023] for shift in _SHIFTS])


def new_status_token() -> str:
    """The secret a customer uses to see their own case and nothing else."""
    return secrets.token_urlsafe(16)
