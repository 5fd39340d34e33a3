"""Dead letters in a report: how much input was refused, and how many notifications could
not be sent, and why, in the report's scope.

A letter is placed in time by when it was refused and on a channel by where it came from;
refused input was never classified, so it holds no category, severity or product and a
report filtered by one counts none of it (as no filter selects the cases without one).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

import attrs

from complaintkit.channels.read_with import split_options
from complaintkit.reports.scope import Scope

#: A case id (``model.ids``): reasons name the case a letter was about, the report counts why.
_CASE_ID = re.compile(r"\bCK-[0-9A-HJKMNP-TV-Z]{18}\b")
#: The number of the event a letter was for (``on responded (event 3)``): the case's own.
_EVENT = re.compile(r"(?<=\(event )\d+(?=\))")
#: An instant as reasons write it (``2026-11-03 10:00 +08:00``, ``2026-11-03T02:00:00+00:00``).
_INSTANT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:[+-]\d{2}:?\d{2}|Z))?"
)

#: Text quoted as Python writes a string (``'…'``, or ``"…"`` when it holds a ``'``),
#: opened by a quote no backslash escapes: a search started at every escaped quote of a
#: reason holding thousands (a receiver's answer, ``'\\'\\'…``) read on to the end from
#: each, and counting a 100,000-character reason took minutes.
_QUOTED = r"""(?:(?<!\\)'(?:[^'\\]|\\.)*+'|(?<!\\)"(?:[^"\\]|\\.)*+")"""
#: The key of a complaint refused for reusing it with other content (``'order-17' on
#: channel 'web' is reused …``, ``errors.KeyReused``): an export taken in again after its
#: rows were edited has one such letter per row, for one cause.
_REUSED_KEY = re.compile(rf"{_QUOTED}(?= on channel {_QUOTED} is reused with different content)")

#: The length of a text refused for passing its limit (``is 1,305 characters; the limit
#: is 256``): an export of pasted paragraphs has one length per row, for one cause.
_LENGTH = re.compile(r"(?<=\bis )\d[\d,]*(?= characters; the limit is )")

#: A date a channel could not read, as its refusal quotes it (``'03/11/2019' is not a
#: date``, ``… is not an ISO 8601 timestamp``, ``… is not an RFC 5322 date``), and an Excel day's reading in its advice (``day 43535 is 2019-03-11``): an old
#: export has one such date per row, for one cause with one remedy.
_UNREAD_DATE = re.compile(
    rf"{_QUOTED}(?= is not (?:a date; |an ISO 8601 timestamp|an RFC 5322 date))"
    r"|(?<=\(day )\d+ is \d{4}-\d\d-\d\d(?=\))"
)

#: Where in a text the character it was refused for stood (``holds a NUL character at
#: position 17``): a system padding its records has one position per record, one cause.
_POSITION = re.compile(r"(?<=\bat position )\d+")

#: The contact a notifier quotes as no e-mail address (a phone number typed where the
#: address belongs), as the smtp notifier's reason writes it.
_NO_ADDRESS = re.compile(
    rf"(?<=no e-mail address: ){_QUOTED}(?= is not exactly one e-mail address)"
)
#: The contacts of a complaint refused for giving several (``"+86 138 …; +86 139 …"``,
#: ``"王芳 <wang@…>, 李雷 <li@…>"``), as the model's refusal quotes them, and the senders
#: of a mail whose From names several, as the mail channel's does: phone numbers and
#: names, which no more say why than an address does.
_LISTED = re.compile(
    r"(?:(?<=must be exactly one address \(got )|(?<=must hold exactly one address \(got ))"
    rf"{_QUOTED}(?=\))"
)
#: The mailbox name of an e-mail address (``wang`` of ``wang@example.cn``), as a notifier
#: and the server's reply quote the recipient (``550 5.1.1 <wang@example.cn>: User unknown``).
#: Begun only where a run of such characters begins: a search from every character of a
#: long run with no ``@`` read on to its end each time.
_MAILBOX = re.compile(r"""(?<![^\s'"<>()\[\],;:@\\])[^\s'"<>()\[\],;:@\\]++@(?=[^\s'"<>@\]]+)""")


def reason_of(text: str) -> str:
    """The reason a dead letter counts under: its text with case ids written ``CK-…`` and
    their events' numbers ``…``, the key a complaint reused and a date a channel could
    not read ``'…'``, the length of a text too long, the position of a character refused
    and instants ``…``, and its recipients left out (``without_recipients``), so a
    notification refused for want of an address, mail every recipient of a server
    refused as unknown, or an acknowledgement held back for a deadline already past, is
    one reason however many cases and customers, and rows dated in the future one reason
    whatever their dates."""
    text = _EVENT.sub("…", _CASE_ID.sub("CK-…", text))
    text = _LENGTH.sub("…", _REUSED_KEY.sub("'…'", text))
    text = _POSITION.sub("…", _UNREAD_DATE.sub(_unread_date, text))
    return without_recipients(_INSTANT.sub("…", text))


def _unread_date(found: re.Match[str]) -> str:
    return "…" if found[0][0].isdigit() else "'…'"


def without_recipients(text: str) -> str:
    """``text`` with the mailbox names of its e-mail addresses written ``…@`` (their domain
    kept: a server refusing a domain's mail is a cause) and a contact quoted as no address
    written ``'…'``, as is a complaint's list of contacts or a mail's of senders: whom a
    letter was for, or from, is no part of why it failed."""
    return _MAILBOX.sub("…@", _LISTED.sub("'…'", _NO_ADDRESS.sub("'…'", text)))


#: Sources naming the channel after their kind: ``http:<channel>:<request id>`` (a body
#: or a form) and ``complaint:<channel>:<external id>`` (a record the Desk refused).
_CHANNEL_NAMED = ("http", "complaint")
#: Channels whose records take the channel's own name unless ``-o channel=`` names another.
_OWN_NAME = ("csv", "email")
#: Letters that are no input: notifications that could not be sent.
_NOT_INPUT = ("notify",)


def letter_channel(source: object, raw: bytes | str) -> str | None:
    """The channel a dead letter came in on, or None when unknown: the ``channel`` option
    it was read with, the channel its source names, the CSV or mail channel's own, else
    the ``channel`` of the JSON record it kept (a JSON line, a broker's message)."""
    if not isinstance(source, str):  # a source edited into a blob: nothing to read
        return None
    location, options = split_options(source)
    if isinstance(named := options.get("channel"), str):
        return named
    kind, _, rest = location.partition(":")
    if kind in _CHANNEL_NAMED:
        return rest.split(":", 1)[0] or None
    if kind in _OWN_NAME:
        return kind
    if kind in _NOT_INPUT:
        return None
    return _record_channel(raw)


def _record_channel(raw: bytes | str) -> str | None:
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    channel = record.get("channel") if isinstance(record, dict) else None
    return channel if isinstance(channel, str) else None


def undelivered(source: object) -> bool:
    """Whether a letter is a notification that could not be sent (``notify:<via>:…``), not
    input refused at intake."""
    return isinstance(source, str) and split_options(source)[0].partition(":")[0] in _NOT_INPUT


@attrs.frozen
class LetterCounts:
    """Dead letters counted by reason, most frequent first, in the two kinds a reader acts
    on apart: ``intake``, records refused before they became cases (complaints lost until
    taken in again), and ``undelivered``, notifications that could not be sent (customers
    and staff not told, to reach another way)."""

    intake: dict[str, int] = attrs.field(factory=dict)
    undelivered: dict[str, int] = attrs.field(factory=dict)


def count_reasons(
    letters: Iterable[tuple[object, bytes | str, str, datetime | None]], scope: Scope
) -> LetterCounts:
    """(source, raw, reason, at) letters in scope counted by reason, intake apart from
    undelivered notifications: in ``[since, until)`` (one whose instant is unknown,
    ``DeadLetter.at``, only where no range is set), from the scope's channel (one whose
    channel is unknown only where no channel is named), and none under a category,
    severity or product filter."""
    if scope.category is not None or scope.severity is not None or scope.product is not None:
        return LetterCounts()
    unbounded = scope.since is None and scope.until is None
    counts = Counter(
        (undelivered(source), reason_of(reason))
        for source, raw, reason, at in letters
        if (unbounded if at is None else scope.covers(at))
        and (scope.channel is None or letter_channel(source, raw) == scope.channel)
    )
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))
    return LetterCounts(
        intake={reason: n for (sent, reason), n in ranked if not sent},
        undelivered={reason: n for (sent, reason), n in ranked if sent},
    )
