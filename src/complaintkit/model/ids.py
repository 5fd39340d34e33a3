"""Identifiers: case ids that sort by creation time and unguessable status tokens."""

from __future__ import annotations

import secrets
from datetime import datetime

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


#: Every 10-bit value as two base32 digits: ids are made per complaint, so two digits
#: per lookup instead of a divmod per digit.
_PAIRS = tuple(a + b for a in _ALPHABET for b in _ALPHABET)


def _base32(number: int, width: int) -> str:
    """``number`` as ``width`` (even) base32 digits, most significant first."""
    return "".join([_PAIRS[(number >> shift) & 1023] for shift in range(5 * width - 10, -1, -10)])


def new_case_id(at: datetime) -> str:
    """A ULID-style id: 48 bits of milliseconds then 40 random bits, e.g. ``CK-01JD…``."""
    millis = int(at.timestamp() * 1000)
    return f"CK-{_base32(millis, 10)}{_base32(secrets.randbits(40), 8)}"


def new_status_token() -> str:
    """The secret a customer uses to see their own case and nothing else."""
    return secrets.token_urlsafe(16)
