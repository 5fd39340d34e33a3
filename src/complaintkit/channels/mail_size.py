"""How large one e-mail message may be, and what a larger one leaves behind.

A message is read no further than the limit: a 2 GB file in a Maildir, or ``/dev/zero``
named as a message, is never held in memory. No complaint
needs that much — its text holds at most 100,000 characters, and attachments are only
noted — yet photos of a broken parcel make a message of tens of megabytes, so the default
is well above what mail servers accept (25 to 50 MB).
"""

from __future__ import annotations

from typing import BinaryIO

from complaintkit.errors import ConfigError

#: The largest message read, in bytes (``-o max_bytes=`` sets another).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class Oversized(bytes):
    """In place of a message larger than the limit: no byte of it is kept, since a message
    cut short reads as a shorter message (a text cut, an attachment left out), never as an
    error — retried, it would become a complaint of part of what the customer wrote."""

    __slots__ = ()


class Endless(Oversized):
    """In place of a message with no end found (``mbox.mbox_stream``): the source was read
    no further."""

    __slots__ = ()


def max_bytes_option(value: int | str) -> int:
    """``value`` (``-o max_bytes=`` gives text) as a positive whole number of bytes."""
    written = isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 20
    number = int(value) if written or type(value) is int else 0
    if number < 1:
        raise ConfigError(
            f"mail option max_bytes must be a positive whole number of bytes (got {value!r:.40})"
        )
    return number


def oversized_reason(limit: int) -> str:
    return (
        f"message: is larger than {limit:,} bytes, the largest read (-o max_bytes=…); none of "
        "it is kept: take it in again from its source with a larger max_bytes"
    )


def endless_reason(read: int) -> str:
    """Why an ``Endless`` message is refused, ``read`` bytes of it read."""
    return (
        f"message: runs on past {read:,} bytes with no separator line after it (an endless "
        "stream, such as /dev/zero); none of it is kept, and the source is read no further"
    )


def read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """The bytes of ``handle`` up to its end, or ``Oversized`` once more than ``limit``."""
    raw = handle.read(limit + 1)
    return Oversized() if len(raw) > limit else raw
