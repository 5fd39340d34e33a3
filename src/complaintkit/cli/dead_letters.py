"""``complaintkit dead-letters list|count|show|retry|purge``: what could not be taken in.

A dead letter's source starts with the channel that refused it (``jsonl:in.jsonl:3``,
``csv:rows.csv:7``, ``email:inbox.mbox#12``, ``http:<channel>:<request id>``), so
``retry`` knows which channel reads its raw input again — after the mapping, policy or data
is fixed. A complaint the channel read but the Desk refused (``complaint:<channel>:<id>``)
is kept as its JSON and read back directly; a form kept as sent (``http:web:<request id>``
with its ``form`` option, its ``Content-Type``) is read as that form.
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import click

from complaintkit.api.form_letter import complaint_from_form_letter
from complaintkit.api.kept_fields import ANSWER_SOURCE, FORM_OPTION
from complaintkit.api.unsigned_keys import kept_under
from complaintkit.channels.base import Rejected, isolated
from complaintkit.channels.http_body import (
    body_in_utf8,
    body_options_hint,
    complaint_from_body,
)
from complaintkit.channels.intake import READ, records_read
from complaintkit.channels.mail_acknowledgements import MailAcknowledgements
from complaintkit.channels.read_with import merged, split_options
from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.errors import one_line
from complaintkit.cli.intake import DEAD_LETTERED, mail_limit, mail_limit_options, parse_options
from complaintkit.cli.letter_selection import selected, source_option
from complaintkit.cli.limit_option import cut_to_limit, limit_option
from complaintkit.cli.not_intake import DELIVERY_PREFIX, answer_hint, delivery_hint
from complaintkit.cli.terminal import in_row
from complaintkit.desk import Desk
from complaintkit.errors import (
    ComplaintkitError,
    ConfigError,
    InvalidInput,
    StorageError,
)
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json
from complaintkit.plugin_exit import contained
from complaintkit.plugin_said import said
from complaintkit.reports.refused import letter_channel, without_recipients
from complaintkit.storage.base import DeadLetter
from complaintkit.visible import shown

#: What ``show`` says of a letter whose stored instant is no instant (``DeadLetter.at``).
UNKNOWN = "unknown (the stored instant is not one)"


@click.group("dead-letters")
def dead_letters() -> None:
    """List, count, show, retry and purge input that could not be taken in or delivered."""


def _summary(letter: DeadLetter) -> dict[str, object]:
    return {
        "id": letter.id,
        "at": None if letter.at is None else letter.at.isoformat(),
        "source": letter.source,
        "reason": letter.reason,
        "size": len(letter.raw),
        "retries": letter.retries,
        "last_retry_at": None if letter.last_retry_at is None else letter.last_retry_at.isoformat(),
    }


def _retried(letter: DeadLetter, zone: tzinfo) -> str:
    """How often retries refused the letter again, and when last, after its row."""
    if not letter.retries:
        return ""
    last = "unknown" if letter.last_retry_at is None else _minute(letter.last_retry_at, zone)
    times = "once" if letter.retries == 1 else f"{letter.retries} times"
    return f"  (retried {times}, last {last})"


def _when(letter: DeadLetter, zone: tzinfo) -> str:
    """The letter's instant to the minute, in a list's column."""
    return f"{'unknown':<22}" if letter.at is None else _minute(letter.at, zone)


def _minute(at: datetime, zone: tzinfo) -> str:
    """``at`` to the minute on the policy's home clock, its offset saying so (as ``cases
    list`` shows a deadline): a bare UTC wall clock read as staff's own."""
    return f"{at.astimezone(zone):%Y-%m-%d %H:%M %z}"


def _location(letter: DeadLetter) -> str:
    """Where the letter came from, without the channel options it was read with."""
    return shown(split_options(letter.source)[0], lines=False)


def _as_flags(options: dict[str, Any]) -> list[str]:
    """The options as the ``-o`` flags that give them again."""
    flags: list[str] = []
    for key, value in options.items():
        pairs = value.items() if isinstance(value, dict) else [("", value)]
        flags += [
            f"-o {shlex.quote(f'{key}.{name}' if name else key)}={shlex.quote(str(v))}"
            for name, v in pairs
        ]
    return flags


@dead_letters.command("list")
@source_option
@limit_option("dead letters")
@json_option
@pass_app
def list_command(app: App, source: str | None, limit: int, as_json: bool) -> None:
    """List dead letters, oldest first: id, time, source and reason."""
    desk = app.desk(read_only=True)
    letters = cut_to_limit(selected(desk, (), source), limit, "dead letters")
    if as_json:
        echo_json([_summary(d) for d in letters])
        return
    if not letters:
        click.echo("no dead letters")
    for letter in letters:
        when = _when(letter, desk.zone)
        row = f"{letter.id:>6}  {when}  {_location(letter)}  {in_row(letter.reason)}"
        click.echo(row + _retried(letter, desk.zone))


#: What one letter's reason names of its own: its case and event ("no address for the
#: customer of case CK-01KA…, on responded (event 3)"), left out of its cause.
_OWN = re.compile(r"\bCK-[0-9A-Z]{8,}\b|(?<=\(event )\d+(?=\))")


def reason_kind(letter: DeadLetter) -> tuple[str | None, str | None, str]:
    """(channel, source, what was wrong): the channel the letter came in on as the report
    names it (``letter_channel``), else None and the kind of source it was read from
    (``jsonl``, ``notify``); and the field or header the reason names (``customer.contact``,
    ``Date``), else the reason without the case and event it names, so letters with one
    cause count together, whoever they were for (``without_recipients``)."""
    channel = letter_channel(letter.source, letter.raw)
    source = None if channel is not None else letter.source.split(":", 1)[0]
    head, sep, _ = letter.reason.partition(": ")
    if sep and len(head) <= 64 and " " not in head.strip():
        return channel, source, head
    return channel, source, _OWN.sub("…", without_recipients(letter.reason))


@dead_letters.command("count")
@source_option
@json_option
@pass_app
def count_command(app: App, source: str | None, as_json: bool) -> None:
    """Count dead letters by channel and cause (the field or header their reason names).

    The channel is the one the letter came in on, as ``report --channel`` counts it; a
    letter whose channel is unknown is named by its source's kind in brackets: (jsonl).
    """
    tally = Counter(reason_kind(d) for d in selected(app.desk(read_only=True), (), source))
    rows = sorted(tally.items(), key=lambda row: (-row[1], _named(*row[0][:2]), row[0][2]))
    if as_json:
        echo_json(
            [
                {"channel": channel, "source": kind, "cause": cause, "count": n}
                for (channel, kind, cause), n in rows
            ]
        )
        return
    for (channel, kind, cause), n in rows:
        click.echo(f"{n:>6}  {shown(_named(channel, kind), lines=False):<10}  {in_row(cause)}")
    click.echo(f"{sum(tally.values())} dead letters")


def _named(channel: str | None, kind: str | None) -> str:
    """A count row's channel: its name, else its source's kind in brackets."""
    return channel if channel is not None else f"({kind})"


@dead_letters.command("show")
@click.argument("letter_id", type=int)
@click.option("--raw", is_flag=True, help="Write the raw input, byte for byte, to stdout.")
@json_option
@pass_app
def show(app: App, letter_id: int, raw: bool, as_json: bool) -> None:
    """Show one dead letter with its raw input."""
    (letter,) = selected(app.desk(read_only=True), (letter_id,), None, "LETTER_ID")
    if raw:
        sys.stdout.buffer.write(letter.raw)
        sys.stdout.buffer.flush()
    elif as_json:
        echo_json(letter.to_json())
    else:
        summary = _summary(letter)
        if summary["last_retry_at"] is None and not letter.retries:
            summary["last_retry_at"] = "never"
        for key, value in summary.items():
            click.echo(f"{key}: {shown(str(UNKNOWN if value is None else value), lines=False)}")
        options = split_options(letter.source)[1]
        if options:
            click.echo(f"read with: {shown(' '.join(_as_flags(options)), lines=False)}")
        click.echo("raw:")
        click.echo(shown(letter.raw.decode("utf-8", errors="backslashreplace")))


@contextmanager
def _raw_file(letter: DeadLetter, location: str) -> Iterator[str]:
    """The raw input in a file of its own, named like its source so channels detect it."""
    suffix = Path(location.rsplit(":", 1)[0]).suffix or ".raw"
    with tempfile.TemporaryDirectory(prefix="complaintkit-retry-") as folder:
        path = Path(folder) / f"dead-letter-{letter.id}{suffix}"
        path.write_bytes(letter.raw)
        yield str(path)


def _read_again(
    desk: Desk, letter: DeadLetter, channel_name: str | None, options: dict[str, Any]
) -> list[Complaint | Rejected]:
    location, recorded = split_options(letter.source)
    kind, _, rest = location.partition(":")
    given = options
    if channel_name in (None, kind):  # read as it was read, but for what is given anew
        options = merged(recorded, options)
    try:
        if kind == "http" and channel_name is None:  # http:<channel>:<request id>
            received = letter.at or desk.clock.now()  # unknown: as if it came now
            if FORM_OPTION in options:  # a form kept as sent, not a JSON body
                return [complaint_from_form_letter(desk, letter.raw, options, received)]
            charset = options.get("charset")  # declared by the request, other than UTF-8
            raw = letter.raw if charset is None else body_in_utf8(letter.raw, str(charset))
            # dated as its intake dated it: by the body only when the request was signed
            signed = recorded.get("signed") is True
            complaint = complaint_from_body(raw, rest.split(":")[0], received, signed=signed)
            # unsigned, under the key the server keeps it under today: one an older server
            # refused as held by another complaint (KeyReused) is a case of its own now
            return [complaint if signed else kept_under(desk.storage, complaint)]
        if kind == READ and channel_name is None:  # complaint:<channel>:<external id>
            return [Complaint.from_json(parse_json(letter.raw))]
    except InvalidInput as exc:  # an option an HTTP body is not read with is named
        hint = body_options_hint(given) if kind == "http" else ""
        return [Rejected(letter.source, letter.raw, str(exc) + hint)]
    channel = desk.plugins.channel(channel_name or kind, options, desk.context)
    read_letter = getattr(channel, "read_letter", None)
    if callable(read_letter):  # a broker's message: no file, and never delivered again
        return [_message_read(location, letter.raw, read_letter)]
    if hasattr(channel, "complete"):  # a letter holds its record whole: no writer adds to it
        channel.complete = True
    with _raw_file(letter, location) as path:
        try:
            with contained():  # sys.exit in the channel refuses this letter, as a raise does
                return list(records_read(desk, channel_name or kind, channel, path))
        except ComplaintkitError as exc:  # named after the letter, not the temporary file
            raise ConfigError(str(exc).replace(path, location)) from None


def _message_read(
    location: str, raw: bytes, read_letter: Callable[[bytes], Complaint]
) -> Complaint | Rejected:
    """The complaint a channel's ``read_letter`` makes of a letter's ``raw`` message, or why
    not: whatever it raises or gives that is no complaint refuses the letter, never takes
    it as read."""
    with contained():  # sys.exit in the channel refuses this letter, as a raise does
        record: object = isolated(location, raw, read_letter, raw)
    if isinstance(record, Complaint | Rejected):
        return record
    return Rejected(location, raw, f"read_letter gave {type(record).__name__}, not a Complaint")


#: The e-mail channel, whose letters are acknowledged at most so often per sender.
EMAIL = "email"

#: Why a letter with no raw input cannot be retried, and what to do instead: kept where its
#: channel stopped reading (``csv:after record 2``)…
NOTHING_TO_READ = (
    "no raw input was kept (the channel stopped reading its source): take the source in "
    "again, then purge this letter"
)
#: … or for an input that was empty, or that could not be read or kept whole.
NO_BYTES = (
    "the letter holds no bytes to read again (its input was empty, or could not be read or "
    "kept: a file unreadable, a message over the size limit): take the source in again once "
    "it is fixed, then purge this letter"
)


def _retry(
    desk: Desk,
    letter: DeadLetter,
    channel_name: str | None,
    options: dict[str, Any],
    limit: MailAcknowledgements = MailAcknowledgements(),  # noqa: B008 -- frozen
) -> tuple[str, str]:
    """Take the letter's raw input in again: (outcome, reason). Whatever stops one letter
    (a channel that cannot read it, an option it refuses) refuses that letter only."""
    if letter.source.startswith(DELIVERY_PREFIX):
        return "skipped", delivery_hint(desk, letter)
    if letter.source.startswith(f"{ANSWER_SOURCE}:"):
        return "skipped", answer_hint(letter)
    if not letter.raw:
        stopped = split_options(letter.source)[0].partition(":")[2].startswith("after record ")
        return "refused", NOTHING_TO_READ if stopped else NO_BYTES
    try:
        items = _read_again(desk, letter, channel_name, options)
    except StorageError:
        raise
    except ComplaintkitError as exc:
        return "refused", one_line(exc)
    except Exception as exc:  # a plugin channel that raised: this letter's problem only
        return "refused", f"could not be read again: {said(exc)}"
    kind = _kind(letter)
    mail = (channel_name or kind) == EMAIL  # a mail loop's letters: acknowledged as intake does
    other = channel_name not in (None, kind)
    outcome, reason = _take_in(desk, letter, items, limit if mail else None, other)
    return (
        outcome,
        f"read with {channel_name}: {reason}" if other and outcome == "refused" else reason,
    )


def _take_in(
    desk: Desk,
    letter: DeadLetter,
    items: list[Complaint | Rejected],
    limit: MailAcknowledgements | None = None,
    other: bool = False,
) -> tuple[str, str]:
    """Take in what the letter's raw input was read as, and remove the letter; or keep it
    with the cause that refuses it now — its own, when read with an ``other`` channel
    than its source's: that channel's failure says nothing of what to fix. ``limit``: how
    often one sender's e-mail is acknowledged (``--mail-acknowledgements``, as
    ``complaintkit intake`` takes it)."""
    reasons = _reasons([item for item in items if isinstance(item, Rejected)])
    complaints = [item for item in items if isinstance(item, Complaint)]
    try:
        with desk.storage.transaction():  # its cases and its removal: both or neither
            now = desk.clock.now()
            withheld = {} if limit is None else limit.withheld(desk.storage, complaints, now)
            outcomes = desk.intake_many(complaints, withheld=withheld)
            reasons += [str(o) for o in outcomes if isinstance(o, InvalidInput)]
            if reasons or not items:
                reason = "; ".join(reasons) or "the raw input holds no record"
                # the cause that holds now, not the one kept; and one more retry refused
                kept = letter.reason if other else reason
                desk.storage.refused_on_retry(letter, kept, desk.clock.now())
                return "refused", reason
            if not desk.storage.purge_dead_letters([letter.id]):
                raise _Gone  # its cases are undone with it
    except _Gone:
        return "gone", GONE
    taken = [o for o in outcomes if not isinstance(o, InvalidInput)]
    created, replies = sum(o.created for o in taken), sum(o.reply for o in taken)
    recorded = (  # a reply recorded on its case now is not one already known
        f"{replies} replies recorded on the case of the letter they answer, " if replies else ""
    )
    return "taken", f"{created} new cases, {recorded}{len(taken) - created - replies} already known"


def _reasons(rejected: list[Rejected]) -> list[str]:
    """Why each record read from a letter was refused: one reason alone as it is; several
    (a letter read with another channel, as lines) each said once with where it holds
    ('line: is not JSON … (lines 1, 2, 5)'), the places the channel gave them."""
    if len(rejected) < 2:
        return [item.reason for item in rejected]
    places: dict[str, list[str]] = {}
    for item in rejected:
        places.setdefault(item.reason, []).append(_place(item.source))
    return [f"{reason} ({_places(where)})" for reason, where in places.items()]


def _places(where: list[str]) -> str:
    """'lines 1, 2, 5' of ['line 1', 'line 2', 'line 5'] (the first ten, and how many
    more), or the places as given when they are not all lines."""
    more = f" and {len(where) - 10} more" if len(where) > 10 else ""
    if len(where) > 1 and all(w.startswith("line ") for w in where):
        return "lines " + ", ".join(w.removeprefix("line ") for w in where[:10]) + more
    return ", ".join(where[:10]) + more


def _place(source: str) -> str:
    """Where a record of a letter read again is: 'line 3' of 'dead-letter-7.raw:3',
    'message 2' of 'dead-letter-7.mbox#2', else the source as given."""
    _, colon, line = source.rpartition(":")
    if colon and line.isdigit():
        return f"line {line}"
    _, hash_, number = source.rpartition("#")
    return f"message {number}" if hash_ and number.isdigit() else source


def _kind(letter: DeadLetter) -> str:
    """The channel (or ``complaint``, ``http``…) the letter's source names first."""
    return split_options(letter.source)[0].partition(":")[0]


class _Gone(Exception):
    """The letter was removed since it was listed: another retry took it in, or a purge
    deleted it; what this retry took in from it is undone."""


#: What a retry says of a letter removed since it was listed.
GONE = (
    "removed since it was listed (taken in by another retry, or purged): nothing was "
    "taken in from it"
)


@dead_letters.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Retry every (matching) dead letter.")
@source_option
@click.option("--channel", "channel_name", help="Read with this channel instead of the source's.")
@click.option(
    "-o", "--option", "options", multiple=True, metavar="KEY=VALUE", help="A channel option."
)
@mail_limit_options
@json_option
@pass_app
def retry(
    app: App,
    ids: tuple[int, ...],
    every: bool,
    source: str | None,
    channel_name: str | None,
    options: tuple[str, ...],
    mail_acknowledgements: int,
    mail_acknowledgement_period: int,
    as_json: bool,
) -> None:
    """Take dead letters in again through their channel, after fixing the cause.

    A dead letter that now becomes a case (or is found already known) is removed; one that
    is refused again stays, and the new reason is shown (read with another --channel, the
    letter keeps its own); the others are tried all the same.
    Exit code 3 when any stays. E-mail is acknowledged as `intake` does: give the
    --mail-acknowledgements the intake ran with.
    """
    if not ids and not every:
        raise click.UsageError("name the dead letters to retry (IDS) or pass --all")
    desk = app.desk(existing=True)
    channel_options = parse_options(options)
    limit = mail_limit(mail_acknowledgements, mail_acknowledgement_period)
    results: list[dict[str, object]] = []
    for letter in selected(desk, ids, source):
        outcome, reason = _retry(desk, letter, channel_name, channel_options, limit)
        results.append({"id": letter.id, "source": letter.source, "outcome": outcome})
        results[-1]["reason"] = reason
        kept = outcome == "refused" and channel_name not in (None, _kind(letter))
        if kept:  # read with another channel: the letter keeps its own reason
            results[-1]["letter_reason"] = letter.reason
        if not as_json:  # as it goes, so what was done is shown whatever happens next
            where, why = _location(letter), in_row(reason)
            click.echo(f"{letter.id:>6}  {outcome:<8}  {where}  {why}")
            if kept:
                click.echo(f"{'':>6}  {'':<8}  kept for: {in_row(letter.reason)}")
    tally = Counter(result["outcome"] for result in results)
    if as_json:
        echo_json(results)
    else:
        counts = [f"{tally[o]} {o}" for o in ("taken", "refused", "skipped")]
        click.echo(", ".join(counts + ([f"{tally['gone']} gone"] if tally["gone"] else [])))
    if tally["refused"]:
        raise click.exceptions.Exit(DEAD_LETTERED)


@dead_letters.command("purge")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Purge every (matching) dead letter.")
@source_option
@json_option
@pass_app
def purge(app: App, ids: tuple[int, ...], every: bool, source: str | None, as_json: bool) -> None:
    """Delete dead letters that need nothing more (handled by hand, or junk)."""
    if not ids and not every:
        raise click.UsageError("name the dead letters to purge (IDS) or pass --all")
    desk = app.desk(existing=True)
    purged = desk.storage.purge_dead_letters([d.id for d in selected(desk, ids, source)])
    if as_json:
        echo_json({"purged": purged})
    else:
        click.echo(f"{purged} dead letters purged")
