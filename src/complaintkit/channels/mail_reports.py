"""Reports mail software sends — bounces above all — are no complaint.

The bounce of an acknowledgement quotes it: taken as a complaint, it opened a case whose
acknowledgement bounced in turn, a mail loop. A report is refused instead, so it is kept
as a dead letter (nothing is lost) whose reason says what it reports: which recipient
failed and which message came back, so an operator sees that a customer's address bounced.

A message is a report when it says so (``multipart/report``, RFC 6522: a delivery status
notification, RFC 3464, a read receipt, RFC 8098), when the mailer daemon sends it, or when
it has the null sender RFC 5321 keeps for delivery reports (``Return-Path: <>``) and says
it is no automatic reply (``mail_automatic``), which RFC 3834 sends so too. An mbox
separator ``From MAILER-DAEMON`` says nothing: Python's ``mailbox`` writes it for any
message whose sender it was not told.
"""

from __future__ import annotations

import email.parser
import email.policy
from email.message import Message
from email.utils import getaddresses

from complaintkit.errors import InvalidInput

#: The cause a report's dead letter names (``dead-letters count`` tallies bounces so).
FIELD = "report"
#: Recipients a reason names, and characters of any value it quotes.
_LISTED = 5
_SHOWN = 200
_STATUS_PARTS = ("message/delivery-status", "message/global-delivery-status")
_NOTICE_PARTS = ("message/disposition-notification", "message/global-disposition-notification")
_RETURNED_PARTS = ("message/rfc822", "message/global", "text/rfc822-headers")


def refuse_report(message: Message, automatic: bool = False) -> None:
    """``InvalidInput`` naming ``FIELD`` if ``message`` is a report. A null sender alone
    makes none of a message marked ``automatic``: RFC 3834 asks automatic replies to be
    sent so too."""
    if message.get_content_type() == "multipart/report":
        kind = message.get_param("report-type")
        kind = _short(kind).lower() if isinstance(kind, str) else "unknown"
        what = "a delivery report" if kind == "delivery-status" else "a report"
        raise InvalidInput(
            FIELD, f"is {what} (report-type={kind}), not a complaint{_said(message)}"
        )
    sender = _daemon(message) or (None if automatic else _null_sender(message))
    if sender is not None:
        raise InvalidInput(FIELD, f"is a delivery report ({sender}), not a complaint")


def raw_header(message: Message, name: str) -> str | None:
    """Header ``name`` as written, unfolded, or ``None``: read without the header registry,
    which may raise on what software writes there."""
    written = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    return None if written is None else " ".join(str(written).split())


def _null_sender(message: Message) -> str | None:
    returned = raw_header(message, "Return-Path")
    null = returned is not None and "".join(returned.split()) == "<>"
    return "a null sender, Return-Path: <>" if null else None


def _daemon(message: Message) -> str | None:
    written = raw_header(message, "From")
    for _, address in getaddresses([written or ""]):
        if address.split("@")[0].lower() == "mailer-daemon":
            return f"from {_short(address)}"
    return None


def _said(message: Message) -> str:
    """What the report says of each recipient and which message it returns, as far as it
    can be read: an unreadable part makes it no less a report."""
    failed: list[str] = []
    returned: str | None = None
    for part in message.walk():
        kind = part.get_content_type()
        try:
            if kind in _STATUS_PARTS or kind in _NOTICE_PARTS:
                for block in _blocks(part):
                    failed += _recipient(block)
                    returned = returned or raw_header(block, "Original-Message-ID")
            elif kind in _RETURNED_PARTS and returned is None:
                returned = raw_header(_returned(part), "Message-ID")
        except Exception:  # noqa: S112 -- a part software wrote wrongly: say less
            continue
    said = ""
    if failed:
        more = len(failed) - _LISTED
        said += ": " + ", ".join(failed[:_LISTED]) + (f" and {more} more" if more > 0 else "")
    if returned:
        said += f"; it returns message {_short(returned)}"
    return said


def _blocks(part: Message) -> list[Message]:
    """The field blocks of a status part: the standard library parses
    ``message/delivery-status`` into them, and leaves the others text."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = part.get_payload(decode=True)
    if not isinstance(text, bytes):
        return []
    blocks = text.decode("utf-8", "replace").replace("\r\n", "\n").split("\n\n")
    return [_HEADERS.parsestr(block) for block in blocks if block.strip()]


def _returned(part: Message) -> Message:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return payload[0]
    text = part.get_payload(decode=True)
    return _HEADERS.parsestr(text.decode("utf-8", "replace") if isinstance(text, bytes) else "")


_HEADERS = email.parser.HeaderParser(policy=email.policy.compat32)


def _recipient(block: Message) -> list[str]:
    """``address action (status; diagnostic)`` for a per-recipient block, else nothing."""
    named = raw_header(block, "Final-Recipient") or raw_header(block, "Original-Recipient")
    if named is None:
        return []
    address = named.split(";", 1)[-1].strip()
    action = raw_header(block, "Action") or raw_header(block, "Disposition") or "reported"
    details = [v for v in (raw_header(block, "Status"), raw_header(block, "Diagnostic-Code")) if v]
    shown = f" ({'; '.join(details)})" if details else ""
    return [_short(f"{address} {action}{shown}")]


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}…"
