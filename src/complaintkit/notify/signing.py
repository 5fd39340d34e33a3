"""HMAC-SHA256 signatures over request bodies, shared by the webhook notifier and HTTP intake.

The header value is ``sha256=<hex digest of the raw body>`` (the GitHub webhook format), so
receivers can verify with any HMAC library. HTTP intake signs ``<timestamp>.<body>`` and
sends the timestamp (Unix seconds) in ``X-Complaintkit-Timestamp``; the server refuses a
timestamp outside its window, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime

HEADER = "X-Complaintkit-Signature"
TIMESTAMP_HEADER = "X-Complaintkit-Timestamp"
#: The delivery id, the same on every attempt, for receivers to drop repeats by.
DELIVERY_HEADER = "X-Complaintkit-Delivery"
#: A delivery id fit for ``DELIVERY_HEADER`` and a Message-ID's left part (RFC 5322 dot-atom
#: text): what the outbox writes. One edited in by hand may hold a line break or characters a
#: header cannot carry.
_FIT_ID = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def header_delivery_id(delivery_id: str) -> str | None:
    """``delivery_id`` as the value of ``DELIVERY_HEADER``, or None when it cannot be one
    (empty, or unfit): the header is then left out, by the webhook and SMTP notifiers
    alike, and the message still goes out (its body carries the id as stored)."""
    return delivery_id if _FIT_ID.fullmatch(delivery_id) else None


#: How far a signed request's timestamp may be from the server's clock, in seconds.
DEFAULT_WINDOW = 300
#: The longest window a server takes: a day; a longer one lets a captured request be
#: replayed for as long, and 10**30 seconds for ever.
LONGEST_WINDOW = 86_400

#: The shortest signing secret: an empty or short key lets anyone sign.
MIN_SECRET_CHARS = 16


def secret_problem(secret: object) -> str | None:
    """What is wrong with ``secret`` as a signing key, or None: an empty one (an unset
    ``--secret "$HMAC_SECRET"``) or a short one would let anyone sign requests, and one
    holding a lone surrogate (a byte of an argument that is not UTF-8, as Python reads it)
    signs nothing. The secret itself is never quoted: refusals end up in logs."""
    if isinstance(secret, str) and any("\ud800" <= char <= "\udfff" for char in secret):
        return (
            "is not UTF-8 text: it holds a byte the shell could not decode (or a lone "
            "surrogate), and requests are signed with its UTF-8 bytes; give it in UTF-8"
        )
    if isinstance(secret, str) and len(secret) >= MIN_SECRET_CHARS:
        return None
    size = f"{len(secret)} characters" if isinstance(secret, str) else type(secret).__name__
    return f"is {size}; a signing secret needs at least {MIN_SECRET_CHARS} characters"


def sign(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str | None) -> bool:
    """Constant-time check of a signature header value against the body.

    Compared as bytes, so any header value (``sha256=é``) is just a mismatch; ASCII letters
    in lower case, as hex is read in either case and libraries write either.
    """
    if signature is None:
        return False
    given = signature.strip().encode("utf-8", errors="surrogateescape").lower()
    return hmac.compare_digest(sign(secret, body).encode("ascii"), given)


def sign_request(secret: str, body: bytes, timestamp: int) -> str:
    """The signature header value of an HTTP intake request sent at ``timestamp``."""
    return sign(secret, f"{timestamp}.".encode() + body)


def request_problem(
    secret: str,
    body: bytes,
    signature: str | None,
    timestamp: str | None,
    now: datetime,
    window: int = DEFAULT_WINDOW,
) -> tuple[str, str] | None:
    """``None`` for a request signed within the window, else (header, what is wrong)."""
    if timestamp is None:
        return TIMESTAMP_HEADER, "is missing; send the Unix time the request was signed at"
    stamp = timestamp.strip()
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
        return TIMESTAMP_HEADER, "must be Unix seconds"
    offset = int(stamp) - now.timestamp()
    if abs(offset) > window:
        # whole seconds only when they exceed the window: 300.4 s is no "300 s" refusal
        size = f" (by {int(abs(offset))} s)" if int(abs(offset)) > window else ""
        direction = "ahead of" if offset > 0 else "behind"
        return (
            TIMESTAMP_HEADER,
            f"is more than {window} s {direction} the server's clock{size}; the window is "
            f"{window} s: sign with the current Unix time",
        )
    if not verify(secret, f"{stamp}.".encode() + body, signature):
        return HEADER, "is missing or does not match the timestamp and body"
    return None
