"""Customer text in a mail's headers, written so a reader sees what was meant.

A header's parser decodes the RFC 2047 encoded words in the text it is given, and the mail
is written from what it decoded: a subject ``=?utf-8?q?refund=0D=0AReply-To:_x@evil?=``
went out as a Subject line, a Reply-To header and a body of the customer's making. And
Python's folding of a long quoted name drops its quotes: the name ``Service: x@evil, and
more words…`` was read as a group holding ``x@evil``, a second recipient to reply to.
"""

from __future__ import annotations

import email
import email.policy
from email.header import Header
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.visible_text import visible

_HEADERS = HeaderRegistry()

#: How deep encoded words may be nested (a word encoding a word) before the text is refused.
MAX_DEPTH = 8

#: The longest line a mail may hold, in bytes without its CRLF (RFC 5322, 2.1.1).
MAX_LINE = 998
#: The length of a header line that Python's folding leaves whole.
_FOLDED_AT = 78
#: How a mail is written: in encoded words, or raw UTF-8 to a server that speaks SMTPUTF8.
_WRITTEN = (email.policy.SMTP, email.policy.SMTPUTF8)


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


def set_subject(mail: EmailMessage, text: str, name: str = "Subject") -> None:
    """Give ``mail`` the Subject (or the text header ``name``) ``text``, from
    ``subject_text``, so that it reads back as it is: as it is if it is ASCII on one line,
    else in encoded words from end to end, as the space between two of them is no part of
    the text. Python's folding adds spaces of its own: it kept the space before a fold
    ahead of an encoded word, and folded a long first word onto a line of its own
    (``…[U+202E] 投`` and ``::[U+001B]…`` read back with a space more)."""
    if text.isascii() and len(text) + len(f"{name}: ") <= _FOLDED_AT:
        mail[name] = text
        return
    mail.set_raw(name, Header(text, "utf-8", header_name=name).encode())


def recipient(address: Address) -> Address:
    """``address`` under its name on one visible line if a reader of the To header sees
    just that; else the bare address, which no name can turn into another."""
    named = Address(_one_visible_line(address.display_name), address.username, address.domain)
    return named if reads_back(named) else Address(username=named.username, domain=named.domain)


def reads_back(address: Address) -> bool:
    """Whether a reader of a header holding ``address`` sees just that one address under a
    name on one line, however the mail is written."""
    return all(_read_as_written(address, policy) for policy in _WRITTEN)


def _read_as_written(address: Address, policy: EmailPolicy[EmailMessage]) -> bool:
    """Whether a To header of ``address``, written under ``policy``, reads back as one
    header holding that one address under a name on one line (folding may space a long
    name's words apart), in lines a server takes."""
    written = EmailMessage(policy=policy)
    written["To"] = address
    if any(len(line) > MAX_LINE for line in written.as_bytes().splitlines()):
        return False  # a word folding cannot break: the server refuses the message for good
    read = email.message_from_string(written.as_string(), policy=email.policy.default)
    if list(read.keys()) != ["To"] or read.get_payload():
        return False
    try:
        (seen,) = read["To"].addresses
    except ValueError:  # none or several, or a line break in the name (no address holds one)
        return False
    except AttributeError:  # the standard library's reader fails on some (``:;`` and U+202E)
        return False
    name = str(seen.display_name)
    return bool(seen.addr_spec == address.addr_spec and _one_visible_line(name) == name)


def _one_visible_line(text: str) -> str:
    """Line breaks (CR, LF, U+2028…) as spaces, other hidden characters as ``[U+XXXX]``."""
    return visible(" ".join(text.split()))
