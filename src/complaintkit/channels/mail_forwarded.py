"""The heading of a message forwarded inline: who wrote it, when, to whom and about what.

A ``message/rfc822`` part shown in the body (not attached as a file) is a letter the
customer forwards as part of the complaint: the shop's answer, a relative's complaint. Its
text alone would lose who wrote it and when, so it stands behind the heading a mail program
shows (Gmail's line, then From, Date, Subject, To and Cc as written). A header in raw 8-bit
bytes is read as unlabelled text is (UTF-8, else GB18030…), as the message's own are.
"""

from __future__ import annotations

import re
from email.message import Message

from complaintkit.channels.mail_charsets import guessed_text

#: The line a forwarded message starts with, as Gmail writes it.
FORWARDED_LINE = "---------- Forwarded message ---------"
_SHOWN = ("From", "Date", "Subject", "To", "Cc")
_SURROGATE = re.compile("[\udc80-\udcff]")
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def forwarded_heading(message: Message) -> str:
    """The heading of ``message``: ``FORWARDED_LINE`` and its shown headers, one a line."""
    sent: dict[str, object] = {}
    for name, value in message.raw_items():
        sent.setdefault(name.lower(), value)  # the first, as the parser reads it
    lines = [FORWARDED_LINE]
    for name in _SHOWN:
        written = sent.get(name.lower())
        if isinstance(written, str):
            text = _UNSTORABLE.sub("\ufffd", " ".join(_text(message, name, written).split()))
            lines.append(f"{name}: {text}")
    return "\n".join(lines)


def _text(message: Message, name: str, written: str) -> str:
    """The header's text: its encoded words decoded, raw 8-bit bytes read as guessed."""
    if _SURROGATE.search(written):
        raw = written.encode("utf-8", "surrogateescape")
        if (text := guessed_text(raw)) is not None:
            return text
    try:
        return str(message.get(name, ""))
    except (ValueError, IndexError, TypeError, AttributeError):  # a header its parser trips on
        return written
