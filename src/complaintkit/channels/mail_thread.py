"""Which messages an e-mail answers: the Message-IDs its ``In-Reply-To`` and ``References``
name, so the Desk can record a customer's reply to a letter on that letter's case
(``desk.replies``) instead of opening a second one.

The headers are read as written, never through the header registry (which may raise on
what mail software writes there): a header that holds no readable Message-ID names
nothing, and the message is taken in as any other. Nothing here refuses a message.
"""

from __future__ import annotations

import re
from email.message import Message

from complaintkit.channels.mail_reports import raw_header

#: How many it keeps: a reply names its parent first, and a long thread's References
#: grows by one per message (the most recent last, read first here).
MOST = 20
#: The longest Message-ID kept (RFC 5322's line limit).
_LONGEST = 998
_ID = re.compile(r"<([^<>\s]+)>")


def answered_ids(message: Message) -> list[str]:
    """The Message-IDs ``message`` says it answers: In-Reply-To's first, then References'
    from the most recent, each once, at most ``MOST``."""
    found: dict[str, None] = {}
    for name, latest_first in (("In-Reply-To", False), ("References", True)):
        ids = _ID.findall(raw_header(message, name) or "")
        for one in reversed(ids) if latest_first else ids:
            if len(one) <= _LONGEST and one.isprintable() and len(found) < MOST:
                found.setdefault(one)
    return list(found)
