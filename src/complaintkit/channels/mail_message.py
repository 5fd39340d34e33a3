"""One e-mail message as a complaint: the sender complains, the subject and text say what.

Decoding is strict: a body part that is not valid in its declared charset and that no
readable alternative stands for (``mail_body``), a missing sender, Message-ID or Date, or
a message with no readable text raises ``InvalidInput`` naming the header or part, and
the channel sends the message to the dead-letter store; the headers the complaint is made
of are decoded as strictly (``mail_headers``), and read once each. Charset labels are read
as ``mail_charsets`` says.
"""

from __future__ import annotations

import contextlib
import email
import email.errors
import email.parser
import re
from codecs import BOM_UTF8
from collections.abc import Mapping
from datetime import UTC, datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from itertools import islice
from typing import Any

from complaintkit.channels.mail_automatic import automatic, automatic_subject
from complaintkit.channels.mail_body import Body, body_text
from complaintkit.channels.mail_date_zone import named_zone, unread_zone, zone_problem
from complaintkit.channels.mail_headers import readable_headers
from complaintkit.channels.mail_policy import POLICY
from complaintkit.channels.mail_received import receipt_stamp
from complaintkit.channels.mail_reports import refuse_report
from complaintkit.channels.mail_thread import answered_ids
from complaintkit.errors import InvalidInput
from complaintkit.model.automatic import AUTOMATIC
from complaintkit.model.complaint import (
    MAX_SUBJECT_CHARS,
    RECEIVED_YEARS,
    Complaint,
    Customer,
    shows_nothing,
)
from complaintkit.model.language import HAN_CHARACTERS
from complaintkit.model.replying import REPLYING_TO

_BAD_MULTIPART = (
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.CloseBoundaryNotFoundDefect,
)
_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3}\s+(\d+)\b")
#: A Date's zone written ``-0000``: Universal Time from a system that does not say its own
#: zone (RFC 5322 3.3; ``email.utils.formatdate()`` writes it), which the parser leaves naive.
_UNIVERSAL = re.compile(r"\d:\d\d(?::\d\d)?\s+-0000(?![0-9])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK = re.compile(f"[{HAN_CHARACTERS}]")
#: a line an mboxrd writer quoted (``>From ``, ``>>From ``…), less its first mark
_QUOTED_FROM = re.compile(rb"(?<=[\r\n])>(>*From )")
#: Containers (multipart or message parts) one message may declare. The standard library
#: parses nested parts recursively; a complaint with more is an attack, not a complaint.
MAX_CONTAINERS = 50
#: A Content-Type of one, at the start of a line (ending in LF, CRLF or a CR alone),
#: however it is folded or commented (``Content-Type:\r\n (x) multipart/mixed``).
_CONTAINER = re.compile(
    rb"(?:\A|[\r\n])content-type:(?:\s|\([^)]*\))*(?:multipart|message)/", re.IGNORECASE
)
#: Lines that may start a MIME part (``--boundary``, short): the standard library parses
#: each part's headers in about a millisecond, and a message of tiny parts holds
#: hundreds of thousands. Few complaints have a dozen.
MAX_PARTS = 1_000
_DELIMITER = re.compile(rb"(?:\A|[\r\n])--[^\r\n]{0,80}(?=[\r\n]|\Z)")


#: How much of a header a reason quotes.
_QUOTED = 120


def _header(message: Message, name: str) -> str:
    """The one value of header ``name``: given twice, which one holds is ambiguous."""
    try:
        values = message.get_all(name) or []
    except (ValueError, IndexError, TypeError, OverflowError, AttributeError):
        # malformed encoded words; a Date whose numbers overflow (it is parsed as it is read);
        # an address list the standard library's parser trips over (``a:<a@b>b;c``): the
        # reason quotes the header as written, not the parser's words (a C long's limit)
        written = _as_written(message, name)
        shown = written if len(written) <= _QUOTED else f"{written[:_QUOTED]}…"
        raise InvalidInput(name, f"header cannot be read: {shown!r}") from None
    if len(values) > 1:
        raise InvalidInput(name, f"header is given {len(values)} times; which one holds is unclear")
    return str(values[0]).strip() if values else ""


def _as_written(message: Message, name: str) -> str:
    """Header ``name`` as the sender wrote it, unfolded: a parsed Date is rewritten (a year
    ``0000`` as 2000), and a reason must quote what the message says."""
    written = next((str(v) for k, v in message.raw_items() if k.lower() == name.lower()), "")
    # 8-bit bytes, which ``readable_headers`` made UTF-8, arrive as surrogate escapes
    with contextlib.suppress(UnicodeError):  # else kept escaped: a reason still quotes it
        written = written.encode("utf-8", "surrogateescape").decode("utf-8")
    return " ".join(written.split())


def _message_id(message: Message) -> str:
    """The Message-ID without its angle brackets, as written when the standard library's
    parser cut it short (``<Outlook 1@host>`` reads ``<Outlook``, ``<a@b@c>`` ``<a@b>``):
    every message of such a mailer would share one key, and all but the first be refused
    or counted as known. One the parser reads whole is kept as it reads it."""
    parsed = _header(message, "Message-ID").strip("<> ")
    written = _as_written(message, "Message-ID")
    opened = written.find("<")
    closed = written.find(">", opened + 1)
    if opened < 0 or closed < 0:
        return parsed
    between = written[opened + 1 : closed].strip()
    return between if len(between) > len(parsed) and between.startswith(parsed) else parsed


def _year_as_written(date: str) -> int | None:
    """The year of ``date`` unless written with two digits: the standard library reads any
    year below 100 as a two-digit one (``0000``, ``0`` as 2000)."""
    found = _YEAR.search(date)
    return None if found is None or len(found.group(1)) == 2 else int(found.group(1))


def _sender(message: Message) -> tuple[str, str | None]:
    raw = _header(message, "From")
    if not raw:
        raise InvalidInput("From", "header is missing; the sender is the customer")
    pairs = [(n, a) for n, a in getaddresses([raw]) if "@" in a]
    if len(pairs) != 1:
        raise InvalidInput("From", f"must hold exactly one address (got {raw!r})")
    name, address = pairs[0]
    try:
        # RFC 6532: a character that is not ASCII may stand wherever a letter may (Chinese
        # mailbox names); the standard library's check refuses every one in a mailbox name
        Address(addr_spec=_NON_ASCII.sub("a", address))
    # HeaderParseError for '"@example.com'; AttributeError where the parser trips on a
    # defect of its own making ('."@[': 'InvalidHeaderDefect' has no 'all_defects')
    except (ValueError, IndexError, AttributeError, email.errors.HeaderParseError):
        raise InvalidInput("From", f"{address!r} is not an e-mail address") from None
    # a name of invisible characters alone (a zero-width space) names no one
    return address.lower(), None if shows_nothing(name) else name


#: Bytes the parser is given at a time (see ``_parsed``).
_FEED = 1 << 16


def _parsed(raw: bytes) -> Message:
    """``raw`` parsed, fed in pieces: given all at once, the parser decodes it whole and
    splits it into lines in one go, several copies of a large message at a time."""
    parser = email.parser.BytesFeedParser(policy=POLICY)
    view = memoryview(raw)
    for start in range(0, len(raw), _FEED):
        parser.feed(bytes(view[start : start + _FEED]))
    return parser.close()


def _count_at_most(pattern: re.Pattern[bytes], raw: bytes, most: int) -> int:
    """How many times ``pattern`` matches in ``raw``, counting no further than ``most``."""
    return sum(1 for _ in islice(pattern.finditer(raw), most))


def _attributes(
    message_id: str, body: Body, sent_by: str | None, answered: list[str], mail_date: str | None
) -> dict[str, Any]:
    """The Message-ID, those it answers (``mail_thread``), what the body holds besides its
    text, the header saying software sent the message (``model.automatic``), and the Date
    as written when a Received header said when the message arrived."""
    attributes: dict[str, Any] = {"message_id": message_id}
    if mail_date:
        attributes["mail_date"] = mail_date
    if answered:
        attributes[REPLYING_TO] = answered
    if sent_by is not None:
        attributes[AUTOMATIC] = sent_by
    if body.attachments:
        attributes["attachments"] = body.attachments
    if body.unread:
        attributes["unread_parts"] = body.unread
    return attributes


def _no_text(body: Body) -> str:
    """Why a message with no text is refused, naming what it held instead: a photo or a
    letter as a PDF is the complaint, and a case keeps only an attachment's name, so the
    dead letter, which keeps the message whole, is where someone reads it."""
    if not body.attachments:
        return "has no readable text/plain or text/html part"
    held = ", ".join(
        f"{a['filename'] or 'unnamed'} ({a['content_type']})" for a in body.attachments[:5]
    )
    more = f" and {len(body.attachments) - 5:,} more" if len(body.attachments) > 5 else ""
    return (
        f"has no readable text/plain or text/html part, only attachments: {held}{more}; "
        "kept whole here, as a case would keep only their names"
    )


def _refuse_broken_multipart(message: Message) -> None:
    """A multipart part, at the top or inside, that the parser could not split: one whose
    boundary never appears is no multipart to it, and nested it was noted as an attachment
    and its words dropped; one never closed may be cut short (its last part with it); one
    with a part after its closing boundary has it in its epilogue, which is ignored."""
    for part in message.walk():
        if _part_after_close(part):
            reason = "multipart message with a part after its closing boundary, left out"
            raise InvalidInput("Content-Type", reason)
        for defect in part.defects:
            if isinstance(defect, email.errors.CloseBoundaryNotFoundDefect):
                reason = (
                    "multipart message whose closing boundary never appears: it may be cut short"
                )
                raise InvalidInput("Content-Type", reason)
            if isinstance(defect, _BAD_MULTIPART):
                raise InvalidInput("Content-Type", "multipart message whose boundary never appears")


def _part_after_close(part: Message) -> bool:
    """Whether ``part``'s epilogue holds a line opening a part of its boundary (``--a``):
    the closing line came too soon, and what follows it would be dropped unread."""
    boundary, epilogue = part.get_boundary(), part.epilogue
    if not boundary or not isinstance(epilogue, str):
        return False
    lines = epilogue.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return any(line.rstrip(" \t") == f"--{boundary}" for line in lines)


def _sent_at(message: Message, zones: Mapping[str, timezone]) -> datetime:
    """When the message's Date says it was sent: an instant in ``RECEIVED_YEARS``; an
    ambiguous zone name is read as ``zones`` says (``mail_date_zone``)."""
    parsed = _header(message, "Date")
    if not parsed:
        raise InvalidInput("Date", "header is missing; it is when the complaint was received")
    return _instant("Date", parsed, _as_written(message, "Date"), zones)


def _received_at(message: Message, zones: Mapping[str, timezone]) -> tuple[datetime, str | None]:
    """When the complaint was received, and the Date as written when that is not what says
    so: the date of the topmost Received header, our mail server's, wherever it can be read
    (``mail_received``), else the Date."""
    stamp = receipt_stamp(message)
    if stamp is not None:
        with contextlib.suppress(InvalidInput):
            return _instant("Received", stamp, stamp, zones), _as_written(message, "Date")
    return _sent_at(message, zones), None


def _instant(field: str, parsed: str, date: str, zones: Mapping[str, timezone]) -> datetime:
    """The instant the date ``parsed`` (as the standard library reads header ``field``, or
    ``date``, as written) names; ``InvalidInput`` names ``field`` when it names none."""
    try:
        received_at = parsedate_to_datetime(parsed)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise InvalidInput(field, f"{date!r} is not an RFC 5322 date") from None
    if received_at.tzinfo is None:  # -0000, or no zone at all
        if not _UNIVERSAL.search(date):
            raise InvalidInput(field, f"{date!r} {unread_zone(date)}")
        received_at = received_at.replace(tzinfo=UTC)
    elif meant := named_zone(date, zones):
        received_at = received_at.replace(tzinfo=meant)  # the wall time as written
    elif problem := zone_problem(date):
        raise InvalidInput(field, f"{date!r} {problem}")
    year = _year_as_written(date)
    if received_at.year not in RECEIVED_YEARS or year not in (None, received_at.year):
        raise InvalidInput(
            field,
            f"{date!r} is outside the years {RECEIVED_YEARS.start} to {RECEIVED_YEARS.stop - 1}",
        )
    return received_at


def _unquoted(raw: bytes) -> bytes:
    """``raw`` as written, or, a message of an mbox (its separator line first), with each
    ``>From `` line its writer quoted less one ``>`` (mboxrd): the customer wrote "From",
    not ">From". The letter keeps the bytes as they were."""
    return _QUOTED_FROM.sub(rb"\1", raw) if raw.startswith(b"From ") else raw


def parse_mail(
    raw: bytes, channel: str = "email", zones: Mapping[str, timezone] | None = None
) -> Complaint:
    """Build the complaint one raw RFC 5322 message describes; ``zones`` says what an
    ambiguous zone name in its Date means (``mail_date_zone.zone_names``)."""
    if not raw.strip():
        raise InvalidInput("message", "is empty")
    containers = len(_CONTAINER.findall(raw))
    if containers > MAX_CONTAINERS:
        raise InvalidInput(
            "Content-Type",
            f"declares {containers} multipart or message parts; the limit is {MAX_CONTAINERS}",
        )
    parts = _count_at_most(_DELIMITER, raw, MAX_PARTS + 1)
    if parts > MAX_PARTS:
        raise InvalidInput(
            "Content-Type",
            f"has over {MAX_PARTS:,} lines that may start a MIME part (--boundary); the limit "
            f"is {MAX_PARTS:,} parts",
        )
    # a Windows editor's byte order mark, or blank lines a script printed before the
    # message, would make the headers its body
    message = _parsed(readable_headers(_unquoted(raw.removeprefix(BOM_UTF8).lstrip(b"\r\n"))))
    if not isinstance(message, EmailMessage):  # pragma: no cover -- the default policy's class
        raise InvalidInput("message", "could not be parsed")
    sent_by = automatic(message)  # a case, but no automatic reply to it
    refuse_report(message, sent_by is not None)  # a bounce quotes what it returns
    address, name = _sender(message)
    message_id = _message_id(message)
    if not message_id:
        raise InvalidInput("Message-ID", "header is missing; it is the idempotency key")
    received_at, mail_date = _received_at(message, zones or {})
    _refuse_broken_multipart(message)
    subject = " ".join(_header(message, "Subject").split())
    sent_by = sent_by or automatic_subject(
        message, subject
    )  # "自动回复: …" and no header saying so
    body = body_text(message)
    if not body.text:
        raise InvalidInput("body", _no_text(body))
    if len(subject) > MAX_SUBJECT_CHARS:
        raise InvalidInput(
            "Subject", f"is {len(subject):,} characters; the limit is {MAX_SUBJECT_CHARS:,}"
        )
    return Complaint(
        channel=channel,
        external_id=message_id,
        received_at=received_at,
        customer=Customer(id=address, name=name, contact=address),
        subject=subject,
        text=body.text,
        language="zh" if _CJK.search(subject + body.text) else None,
        attributes=_attributes(message_id, body, sent_by, answered_ids(message), mail_date),
    )
