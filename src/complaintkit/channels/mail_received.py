"""When our mail server received a message: what a complaint's SLA clocks count from.

Complaint rules count their time limits from the day the organisation received the
complaint (收到投诉之日), not from the date its sender claims. A message's ``Date`` is
written by the sender's program: back-dated (a wrong clock, or on purpose) it opened a case
whose clocks had already run out, so breaches, escalations and automatic compensation
fired at once; dated ahead, it held them back. Every mail server a message passes adds a
``Received`` header on top, ending in ``; <date>``: the topmost is the last server's, the
one that delivered it to us; those below may be written by anyone.
"""

from __future__ import annotations

from email.message import Message

#: The longest date read after a Received header's ``;`` (an RFC 5322 date with a comment
#: naming its zone is about 40 characters): anything longer is no date.
_MAX_STAMP_CHARS = 100


def receipt_stamp(message: Message) -> str | None:
    """The date the topmost Received header of ``message`` ends in, as written (unfolded),
    or ``None`` when it has none (a message saved by a mail program, written by a script)."""
    received = next((str(v) for k, v in message.raw_items() if k.lower() == "received"), None)
    if received is None or ";" not in received:
        return None
    stamp = " ".join(received.rpartition(";")[2].split())
    return stamp if 0 < len(stamp) <= _MAX_STAMP_CHARS and stamp.isascii() else None
