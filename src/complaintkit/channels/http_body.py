"""An HTTP intake body as a complaint: the server, not the body, names the channel.

The channel is half of the idempotency key ``(channel, external_id)``. Were the body to
choose it, an anonymous caller could claim another channel's keys before the genuine
complaints arrive; so the server's configuration sets it, and a body naming another
channel is refused.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from complaintkit.channels.mail_charsets import (
    charset_codec,
    clean_readings,
    eight_bit_under_wide,
    marked_wide,
)
from complaintkit.channels.utf16_order import unmarked_utf16_order
from complaintkit.desk.arrival import CLOCK_LEEWAY
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import json_kind, parse_json
from complaintkit.model.readable_as import misread
from complaintkit.model.replying import REPLYING_TO

#: The channel of HTTP intake unless the server is configured otherwise.
DEFAULT_CHANNEL = "http"


def complaint_from_body(
    body: bytes, channel: str, received_at: datetime, *, signed: bool = True
) -> Complaint:
    """The complaint a ``POST /complaints`` body describes; ``received_at`` fills in a
    missing ``received_at``. ``InvalidInput`` names the offending field.

    A ``history`` is refused: it imports what another helpdesk already did, and over HTTP
    it would let a caller file a complaint already answered, resolved and closed. A body
    that is not ``signed`` (anyone may send it) may not date its complaint earlier than
    ``received_at`` by more than a sender's clock may be off: back-dated, it would open
    with its clocks run out, firing breaches and escalations for a complaint just made up.
    Nor may it answer a letter (``attributes.replying_to``): its customer id is whatever
    it says, and a reply lands on the case of the letter's customer, whose status link
    the answer gives — anyone who saw a letter's Message-ID would read that case."""
    data = record_in_channel(body, channel, "body", "the server")
    if data.get("history") is not None:  # null is no history, as Complaint reads it
        raise InvalidInput(
            "history",
            "is not taken over HTTP; import a history with `complaintkit intake`, or leave it out",
        )
    data.setdefault("received_at", received_at.isoformat())
    complaint = Complaint.from_json(data)
    if not signed and complaint.attributes.get(REPLYING_TO) is not None:
        raise InvalidInput(
            f"attributes.{REPLYING_TO}",
            "is not taken from an unsigned request: it would land on the case of the "
            "customer the letter went to, whoever sent it; leave it out, or sign the request "
            "with the server's secret",
        )
    # in UTC: minutes taken from a zoned instant on its wall clock can land in a skipped hour
    if not signed and complaint.received_at < received_at.astimezone(UTC) - CLOCK_LEEWAY:
        raise InvalidInput(
            "received_at",
            f"{complaint.received_at.isoformat()} is earlier than now "
            f"({received_at.isoformat()}); an unsigned request cannot date its complaint: "
            "leave received_at out, or sign the request with the server's secret",
        )
    return complaint


def body_in_utf8(raw: bytes, charset: str) -> bytes:
    """``raw``, sent declaring ``charset`` or retried with ``-o charset=``, in UTF-8 (the
    only charset a body is read in): how a kept body is read again. ``InvalidInput`` names
    the charset that cannot read it, and the one that does (``-o charset=gb18030``)."""
    try:
        codec = charset_codec(charset)
        if codecs.lookup(codec).name == "utf-16" and marked_wide(raw) is None:
            codec = unmarked_utf16_order(raw)  # Python's codec reads it little-endian
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            "charset",
            f"byte {exc.start} of the body is not valid {charset!r:.60}" + _reads_as(raw, codec),
        ) from None
    except (LookupError, ValueError):  # ValueError: a name holding NUL
        raise InvalidInput(
            "charset",
            f"{charset!r:.60} is no charset Python knows"
            + (_reads_as(raw, "") or "; name the body's with -o charset=… (gb18030, big5hkscs…)"),
        ) from None
    if eight_bit_under_wide(raw, codec):  # read so, characters no one wrote
        raise InvalidInput(
            "charset",
            f"the body holds no NUL byte, as {charset:.60} text does beside each ASCII "
            "character" + _reads_as(raw, codec),
        )
    if advice := misread_advice(raw, charset):
        raise InvalidInput("charset", f"the body {advice}")
    return text.encode("utf-8", errors="surrogatepass")


def body_options_hint(given: Mapping[str, object]) -> str:
    """What to add to why a kept body was refused again when it was retried with an option
    other than ``charset`` (``encoding``, the CSV channel's name for it), which a body is
    not read with: the option it meant. ``""`` when none was given."""
    for name, value in given.items():
        if name != "charset":
            shown = f"={value}" if isinstance(value, str) and len(value) <= 60 else "=…"
            return (
                f"; -o {name:.60} is no option of an HTTP body, which is read again with "
                f"-o charset=… alone: did you mean -o charset{shown}?"
            )
    return ""


def _reads_as(raw: bytes, but: str) -> str:
    """``"; it reads as gb18030: retry it with -o charset=gb18030"``, naming the first
    charset other than ``but`` that reads ``raw`` with nothing garbled; or ``""``."""
    readings = clean_readings(raw, but)
    if not readings:
        return ""
    return f"; it reads as {readings[0]}: retry it with -o charset={readings[0]}"


def misread_advice(raw: bytes, charset: str) -> str:
    """What to say of a body ``charset``, the charset it declares, reads whole but only as
    characters no one writes together (``model.readable_as.misread``, as a CSV row is
    checked): Big5 labelled ``gbk`` would open a case saying 癳繺獶盽е. ``""`` if none."""
    try:
        codec = charset_codec(charset)
        raw.decode(codec)  # a body it does not read whole is no misreading of it
        meant = misread(raw, codec)
    except (LookupError, UnicodeDecodeError):
        return ""
    if meant is None:
        return ""
    return (
        f"reads as {charset:.60} only as characters no one writes together; it reads as "
        f"{meant}: send it in UTF-8 (`dead-letters retry -o charset={meant}` takes it in)"
    )


def record_in_channel(raw: bytes, channel: str, field: str, setter: str) -> dict[str, Any]:
    """The JSON object ``raw`` holds, in ``channel``: one naming another channel is refused
    (``setter``, who sets it, is named in the reason), whoever delivered it — an HTTP
    caller, a producer on a message stream."""
    data = parse_json(raw, field)
    if not isinstance(data, dict):
        raise InvalidInput(field, f"must be a JSON object (got {json_kind(data)})")
    declared = data.setdefault("channel", channel)
    if declared != channel:
        raise InvalidInput(
            "channel",
            f"is set by {setter} ({channel!r}), not by the {field} (got {declared!r}); "
            f"leave it out of the {field}",
        )
    return data
