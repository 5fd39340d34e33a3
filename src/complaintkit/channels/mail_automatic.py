"""Which e-mails software sent: their case opens, but no automatic reply goes back.

RFC 3834 forbids an automatic reply to a message whose ``Auto-Submitted`` is anything but
``no``; mail software also marks its messages ``Precedence: bulk`` or ``junk`` (or
``auto_reply``), ``X-Autoreply`` or ``X-Autorespond``, and Exchange asks with
``X-Auto-Response-Suppress: All`` (``OOF``, ``AutoReply``) that none be sent. A message
from ``postmaster`` is a server's administrator or the server itself writing. The words of
any of them may be a complaint (a system relaying one), so they are taken in, but the
complaint's ``attributes.automatic`` names the header (``model.automatic``), and the
customer is sent nothing on opening: an acknowledgement to an out-of-office reply is
answered by another, which opened another case — a mail loop.

Some responders say so in the subject alone (QQ Mail's and 163's ``自动回复: …``,
Outlook's ``Automatic reply: …`` or ``Out of Office: …`` where no RFC 3834 header is
written): a subject that starts with such a prefix and its colon is automatic too
(``automatic_subject``); one that only speaks of automatic replies is a person's.

Mailing-list headers (``List-Id``, ``List-Unsubscribe``, ``Precedence: list``) are not
automatic: a person wrote the message, and a support address run as a mailing list (a
Google Group) adds them to every complaint; the acknowledgement goes to the sender, not
to the list.
"""

from __future__ import annotations

import re
from email.message import Message
from email.utils import getaddresses

from complaintkit.channels.mail_reports import raw_header
from complaintkit.model.jsonvalues import printable

_PRECEDENCE = frozenset({"bulk", "junk", "auto_reply"})
#: Present at all (with a value other than ``no``): an automatic reply.
_MARKERS = ("X-Autoreply", "X-Autorespond")
#: The kinds of ``X-Auto-Response-Suppress`` an acknowledgement is one of.
_SUPPRESSED = frozenset({"all", "autoreply", "oof"})
_TOKEN = re.compile(r"[\w.-]+")
#: What an automatic reply's subject starts with, before its colon (full-width or not).
_SUBJECT = re.compile(
    r"(?:\u81ea\u52a8\u56de\u590d|\u81ea\u52a8\u7b54\u590d|\u81ea\u52d5\u56de\u8986"
    r"|\u81ea\u52d5\u56de\u5fa9|\u81ea\u52d5\u5fdc\u7b54|automatic reply|auto[- ]?reply"
    r"|auto[- ]?response|out of (?:the )?office(?: auto ?reply)?|abwesenheitsnotiz"
    r"|automatische antwort|r\u00e9ponse automatique|respuesta autom\u00e1tica"
    r"|risposta automatica)\s*[:\uff1a]",
    re.IGNORECASE,
)
_SHOWN = 60


def automatic(message: Message) -> str | None:
    """The header saying software sent ``message`` (``Auto-Submitted: auto-replied``), or
    ``None`` when none does."""
    submitted = _token(raw_header(message, "Auto-Submitted"))
    if submitted not in (None, "no"):
        return f"Auto-Submitted: {submitted}"
    precedence = _token(raw_header(message, "Precedence"))
    if precedence in _PRECEDENCE:
        return f"Precedence: {precedence}"
    for name in _MARKERS:
        written = raw_header(message, name)
        if written is not None and _token(written) != "no":
            return f"{name}: {_shown(written)}"
    suppress = raw_header(message, "X-Auto-Response-Suppress") or ""
    if {kind.strip().lower() for kind in suppress.split(",")} & _SUPPRESSED:
        return f"X-Auto-Response-Suppress: {_shown(suppress)}"
    for _, address in getaddresses([raw_header(message, "From") or ""]):
        if address.split("@")[0].lower() == "postmaster":
            return f"From: {_shown(address)}"
    return None


def automatic_subject(message: Message, subject: str) -> str | None:
    """``Subject: …`` when ``subject`` (``message``'s, decoded) starts as an automatic
    reply's does (``自动回复: …``), else ``None``; ``Auto-Submitted: no`` says a person
    wrote it whatever its subject."""
    subject = subject.strip()
    if _SUBJECT.match(subject) is None or _token(raw_header(message, "Auto-Submitted")) == "no":
        return None
    shown = printable(subject)  # the decoded subject, Chinese and all, as the case keeps it
    return f"Subject: {shown if len(shown) <= _SHOWN else f'{shown[:_SHOWN]}…'}"


def _token(written: str | None) -> str | None:
    """The keyword a header's value starts with (``auto-replied; owner=…``), lower-cased."""
    if written is None:
        return None
    found = _TOKEN.match(written.strip())
    return found.group().lower() if found else ""


def _shown(written: str) -> str:
    """``written`` in printable ASCII, any backend stores it, and short: it is kept."""
    shown = "".join(c if " " <= c <= "~" else "?" for c in written.strip())
    return shown if len(shown) <= _SHOWN else f"{shown[:_SHOWN]}…"
