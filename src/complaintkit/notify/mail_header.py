"""Customer text in a mail's headers, written so a reader sees what was meant.

A header's parser decodes the RFC 2047 encoded words in the text it is given, and the mail
is written from what it decoded: a subject ``=?utf-8?q?refund=0D=0AReply-To:_x@evil?=``
went out as a Subject line, a Reply-To header and a body of the customer's making.
"""

from __future__ import annotations

from email.headerregistry import HeaderRegistry

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.visible_text import visible

_HEADERS = HeaderRegistry()

#: How deep encoded words may be nested (a word encoding a word) before the text is refused.
MAX_DEPTH = 8


def subject_text(text: str) -> str:
    """``text`` as a Subject that reads back as it is: one visible line, its encoded words
    decoded (a word encoding a word, again) until none is left."""
    shown = _one_visible_line(text)
    for _ in range(MAX_DEPTH):
        decoded = str(_HEADERS("Subject", shown))
        if decoded == shown:
            return shown
        shown = _one_visible_line(decoded)
    raise DeliveryFailed(
        f"the subject {visible(text)[:200]!r} holds encoded words nested more than "
        f"{MAX_DEPTH} deep",
        final=True,
    )


def _one_visible_line(text: str) -> str:
    """Line breaks (CR, LF, U+2028…) as spaces, other hidden characters as ``[U+XXXX]``."""
    return visible(" ".join(text.split()))
