"""Feeding a channel's output to a Desk: complaints in, rejects to the dead-letter store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

import attrs

from complaintkit.channels.base import Checkpoint, Rejected, location_text
from complaintkit.channels.letters_taken import LettersTaken
from complaintkit.channels.mail_acknowledgements import MailAcknowledgements
from complaintkit.channels.read_with import with_options
from complaintkit.desk import Desk
from complaintkit.errors import (
    ComplaintkitError,
    ConfigError,
    InvalidInput,
    PluginError,
)
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import printable
from complaintkit.plugin_exit import contained
from complaintkit.plugin_said import said
from complaintkit.plugin_slow import SlowHooks
from complaintkit.storage.base import LettersAsKept, Storage


@attrs.define
class IntakeSummary:
    """What one intake run did: cases opened, ``replies`` recorded on the case of the
    letter they answer, duplicates (complaints already taken in), and ``rejected`` (source,
    reason) pairs of what became dead letters, in input order; ``answered``: earlier letters
    whose record was taken in now, at their place, and removed.

    A record refused again in the run, alike in source, input and reason, is the letter
    the store keeps once (``Storage.dead_letter``): ``rejected`` names it once and
    ``refused_again`` counts the repeat, so every record read is counted once."""

    opened: int = 0
    already_known: int = 0
    replies: int = 0
    answered: int = 0
    rejected: list[tuple[str, str]] = attrs.field(factory=list)
    refused_again: int = 0
    _letters: set[tuple[str, bytes, str]] = attrs.field(
        init=False, factory=set, repr=False, eq=False
    )

    def refused(self, source: str, rejected: Rejected) -> None:
        """Name ``rejected``, kept as a letter from ``source``, unless the run named it."""
        letter = (printable(source), rejected.raw, printable(rejected.reason))
        if letter in self._letters:
            self.refused_again += 1
        else:
            self._letters.add(letter)
            self.rejected.append((rejected.source, rejected.reason))

    def to_json(self) -> dict[str, object]:
        return {
            "opened": self.opened,
            "replies": self.replies,
            "duplicates": self.already_known,
            "dead_lettered": len(self.rejected),
            "dead_letters": [{"source": s, "reason": r} for s, r in self.rejected],
            "refused_again": self.refused_again,
        }


#: Source prefix of a complaint the channel read but the Desk refused (a key another
#: customer holds, a plugin that raised): ``complaint:<channel>:<external id>``, its raw
#: input ``Complaint.to_json``, which ``dead-letters retry`` reads without the channel.
READ = "complaint"

#: Complaints per ``Desk.intake_many`` call: one commit (one fsync) per this many.
BATCH = 500


def take_in(
    desk: Desk,
    channel: str,
    items: Iterable[Complaint | Rejected | Checkpoint],
    *,
    batch: int = BATCH,
    acknowledge: Callable[[Sequence[Complaint | Rejected]], None] | None = None,
    options: Mapping[str, Any] | None = None,
    locate: Callable[[], str | None] | None = None,
    bytes_read: Callable[[], bytes | None] | None = None,
    into: IntakeSummary | None = None,
    mail_acknowledgements: MailAcknowledgements | None = None,
) -> IntakeSummary:
    """Take every complaint in, ``batch`` at a time with one commit each; record every
    reject (the channel's and the Desk's) as a dead letter in the Desk's storage with its
    reason and raw input.

    A chunk is also committed at each ``CHECKPOINT`` the channel yields. After each commit
    ``acknowledge`` (the channel's, if it has one) gets exactly the records it stored.

    ``options``, the channel's, are kept with each record the channel refused, so that
    ``dead-letters retry`` reads it again as it was read (``channels.read_with``).

    ``bytes_read`` (the channel's ``raw``) gives the bytes of the complaint read last: a
    letter kept at its place whose bytes begin them is removed (``letters_taken``).

    ``locate``, called as each complaint arrives, says where the channel read it (its
    ``location``): a complaint the Desk refuses is named so, as the channel's refusals are.

    ``into``, when given, is the summary filled as each chunk commits: what was kept
    before a store failing part-way raised.

    ``mail_acknowledgements``, when given, sends one sender's e-mail at most so many
    acknowledgements in a period (a mail loop, a flood); ``complaintkit intake`` gives it
    for the e-mail channel.
    """
    summary = IntakeSummary() if into is None else into
    letters = _Letters(
        LettersTaken(desk.storage, channel),
        {},
        options or {},
        LettersTaken(desk.storage, READ),
        mail_acknowledgements,
    )
    read = _Read(channel, _plugin_of(desk, channel), desk.plugins.slow_hooks)
    records = _guarded(items, _channel_named(desk, channel), read)
    try:
        _take_records(
            desk, channel, records, batch, summary, acknowledge, locate, bytes_read, letters
        )
    except BaseException as failure:
        _close_reader(failure, records, items)
        raise
    return summary


def _close_reader(failure: BaseException, *readers: object) -> None:
    """Close the channel's reader, suspended mid-read when a commit or an acknowledgement
    failed, so its ``finally`` (closing a broker connection) runs now: left to the garbage
    collector it ran at interpreter exit, after a plugin's event loop thread had stopped,
    and the process hung. ``failure``, why the run stopped, is the error raised: one the
    close raises is noted on it."""
    for reader in readers:
        close = getattr(reader, "close", None)
        if callable(close):
            try:
                with contained():
                    close()
            except Exception as exc:
                failure.add_note(f"closing the channel's reader failed too: {exc!r}")


def _take_records(
    desk: Desk,
    channel: str,
    records: Iterable[Complaint | Rejected | Checkpoint],
    batch: int,
    summary: IntakeSummary,
    acknowledge: Callable[[Sequence[Complaint | Rejected]], None] | None,
    locate: Callable[[], str | None] | None,
    bytes_read: Callable[[], bytes | None] | None,
    letters: _Letters,
) -> None:
    chunk: list[Complaint | Rejected] = []
    places: dict[int, str] = {}  # a complaint's index in the chunk → where it was read
    read = letters.read  # … and its bytes, where the channel says them
    for item in records:
        where = _located(locate) if locate is not None and isinstance(item, Complaint) else None
        if isinstance(where, str) and where:  # a plugin's location may be anything
            places[len(chunk)] = location_text(where)
            raw = _located(bytes_read) if bytes_read is not None else None
            if isinstance(raw, bytes) and raw:
                read[len(chunk)] = raw
        if not isinstance(item, Checkpoint):
            chunk.append(item)
        if chunk and (len(chunk) == batch or isinstance(item, Checkpoint)):
            _commit(desk, channel, chunk, places, summary, acknowledge, letters)
            chunk, places = [], {}
            read.clear()
    if chunk:
        _commit(desk, channel, chunk, places, summary, acknowledge, letters)


@attrs.define
class _Letters:
    """What ``_take_chunk`` needs to keep a chunk's letters and remove those it answers:
    the channel's options and the bytes of each complaint of the chunk, by index; and how
    often one sender's mail is acknowledged (``mail_acknowledgements``)."""

    taken: LettersTaken
    read: dict[int, bytes]
    options: Mapping[str, Any]
    refused: LettersTaken  # the complaints the Desk refused, kept as their JSON
    acknowledgements: MailAcknowledgements | None = None


def _located(locate: Callable[[], object]) -> object:
    """Where the channel says it read its last record. A ``location`` that fails (a plugin's
    property raising, or calling ``sys.exit``) names no place: it must not stop the run."""
    try:
        with contained():
            return locate()
    except Exception:
        return None


def _commit(
    desk: Desk,
    channel: str,
    chunk: list[Complaint | Rejected],
    places: Mapping[int, str],
    summary: IntakeSummary,
    acknowledge: Callable[[Sequence[Complaint | Rejected]], None] | None,
    letters: _Letters,
) -> None:
    _take_chunk(desk, channel, chunk, places, summary, letters)
    if acknowledge is None:
        return
    stored = [item for item in chunk if not isinstance(item, IntakesOwn)]
    try:  # the chunk's cases and dead letters are committed
        with contained():
            acknowledge(stored)
    except ComplaintkitError:  # the channel's own words
        raise
    except Exception as exc:
        raise _unacknowledged(desk, channel, len(stored), exc) from exc


def records_read(desk: Desk, name: str, channel: Any, source: str) -> Iterable[Any]:
    """``channel.read(source)``, the records to take in. A ``read`` that returns no
    iterable — ``None`` from one that forgot to ``yield``, a single ``Complaint`` — is the
    plugin's bug, named with its plugin and hook, not a source that could not be read. So
    is text, bytes or a mapping (the file's content, records keyed by id): iterable, but
    one character, byte or key at a time, each would be a dead letter of its own. A
    ``read`` that is a plain function raising as it reads its source whole could not read
    it, as a generator raising before its first record could not (``_guarded``)."""
    try:
        with contained():
            records = channel.read(source)
    except ComplaintkitError:  # the channel's own words
        raise
    except Exception as exc:
        raise ConfigError(
            f"{_channel_named(desk, name)} could not read its source: {said(exc)}"
        ) from exc
    try:
        if isinstance(records, _NOT_RECORDS):
            raise TypeError
        iter(records)
    except TypeError:
        raise PluginError(
            f"{_channel_named(desk, name)} (register_channels): read() returned a "
            f"{type(records).__name__}, not its records; yield each Complaint or Rejected",
            [_plugin_of(desk, name)],
        ) from None
    return cast("Iterable[Any]", records)


#: Iterables a ``read`` may return that are no records one by one.
_NOT_RECORDS = (str, bytes, bytearray, memoryview, Mapping)


def _plugin_of(desk: Desk, channel: str) -> str:
    found = desk.plugins.channels.get(channel)
    return found.plugin if found is not None else channel


def _channel_named(desk: Desk, channel: str) -> str:
    """``channel 'x' of plugin 'y'``: what a message about a channel's failure calls it,
    so the reader knows whose code to fix (a channel registered by no plugin: its name)."""
    found = desk.plugins.channels.get(channel)
    return f"channel {channel!r}" + ("" if found is None else f" of plugin {found.plugin!r}")


def _unacknowledged(desk: Desk, channel: str, count: int, exc: Exception) -> PluginError:
    """The run stops (the channel may have lost its broker): what was read is stored, and
    what was not acknowledged, read again, finds its case by its key."""
    return PluginError(
        f"{_channel_named(desk, channel)} failed to acknowledge {count} stored "
        f"record(s): {said(exc)}; they are stored, and taken in again "
        "they open no second case",
        [_plugin_of(desk, channel)],
    )


@attrs.frozen
class IntakesOwn(Rejected):
    """A record intake made about the channel (it raised, or yielded something that is no
    record): intake's, not the channel's, so never acknowledged to it."""


@attrs.frozen
class _Read:
    """Whose ``read`` intake times: a record's read taking ``slow.seconds`` or more held
    intake, and is logged naming the channel and its plugin, as a hook call is."""

    channel: str
    plugin: str
    slow: SlowHooks

    def timed(self, started: float) -> None:
        """Log the read begun at ``started`` (by ``slow.timer``) if it was slow."""
        if (seconds := self.slow.timer() - started) < self.slow.seconds:
            return
        self.slow.took_by(
            [self.plugin],
            f"channel {self.channel!r} read()",
            seconds,
            advice="complaintkit cannot stop a channel's read: give each of its network "
            "calls a timeout, and have a streaming channel yield CHECKPOINT before it waits "
            "for more (that wait is not timed)",
        )


def _guarded(
    items: Iterable[Complaint | Rejected | Checkpoint], who: str, read: _Read | None = None
) -> Iterator[Complaint | Rejected | Checkpoint]:
    """``items``, ending with a ``Rejected`` if the channel itself raises (``sys.exit``
    too): what it yielded before is still taken in, and the failure is kept, naming ``who``
    (the channel and its plugin), instead of lost in a traceback. Each record's read is
    timed (``read``), but for the wait after a ``CHECKPOINT``: a stream waiting for more.

    A channel that raises before its first record could not use its source or options (an
    unknown encoding, a folder that is no Maildir): nothing was read, so nothing is kept,
    and the ``ConfigError`` says why. Raised later, even a ``ConfigError`` is kept."""
    count = 0
    try:
        with contained():
            started = read.slow.timer() if read is not None else None
            for item in items:
                if read is not None and started is not None:
                    read.timed(started)
                count += not isinstance(item, Checkpoint)
                yield item if isinstance(item, _RECORDS) else _no_record(item, count, who)
                if read is not None:  # the wait after a checkpoint is no read
                    started = None if isinstance(item, Checkpoint) else read.slow.timer()
    except Exception as exc:
        if not count and isinstance(exc, ConfigError):
            raise
        if not count:
            raise ConfigError(f"{who} could not read its source: {said(exc)}") from exc
        reason = f"{who} stopped after {count} records: {said(exc)}"
        yield IntakesOwn(f"after record {count}", b"", reason)


_RECORDS = (Complaint, Rejected, Checkpoint)


def _no_record(item: object, count: int, who: str) -> IntakesOwn:
    """What a channel yielded that is no ``Complaint``, ``Rejected`` or checkpoint (a
    plugin's bug): kept as a dead letter naming its place, and the next record is read."""
    what = "None" if item is None else f"an object of type {type(item).__name__}"
    reason = f"{who} yielded {what}, not a Complaint or a Rejected record"
    try:
        shown = repr(item)[:_SHOWN]
    except Exception:  # a plugin's object whose repr raises too: its type is all there is
        shown = f"<{type(item).__name__}>"
    raw = printable(shown).encode("utf-8", "backslashreplace")
    return IntakesOwn(f"record {count}", raw, reason)


#: How much of an item that is no record its dead letter keeps (its repr).
_SHOWN = 10_000


def _take_chunk(
    desk: Desk,
    channel: str,
    chunk: list[Complaint | Rejected],
    places: Mapping[int, str],
    summary: IntakeSummary,
    letters: _Letters,
) -> None:
    complaints = [item for item in chunk if isinstance(item, Complaint)]
    limit = letters.acknowledgements
    withheld = {} if limit is None else limit.withheld(desk.storage, complaints, desk.clock.now())
    outcomes = iter(desk.intake_many(complaints, withheld=withheld) if complaints else [])
    refused: list[tuple[str, Rejected]] = []
    answered: list[int] = []
    for index, item in enumerate(chunk):
        if isinstance(item, Rejected):
            refused.append((with_options(f"{channel}:{item.source}", letters.options), item))
            continue
        outcome = next(outcomes)
        if not isinstance(outcome, InvalidInput):
            summary.opened += outcome.created
            summary.replies += outcome.reply
            summary.already_known += not (outcome.created or outcome.reply)
            if index in places and index in letters.read:
                source = with_options(f"{channel}:{places[index]}", letters.options)
                answered += letters.taken.of(source, letters.read[index])
            refused_here = _refused_at(item, places[index]) if index in places else None
            if refused_here and letters.refused.kept_at(refused_here):  # refused here before
                answered += letters.refused.of(refused_here, _raw(item))  # (came too early…)
            continue
        where = places.get(index)
        rejected = Rejected(where or item.external_id, _raw(item), str(outcome))
        refused.append((_refused_at(item, where), rejected))  # its JSON
    if answered:
        summary.answered += _purged(desk.storage, answered)
    if not refused:
        return
    with desk.storage.transaction():  # the chunk's dead letters: one commit, not one each
        for source, rejected in refused:
            desk.storage.dead_letter(source, rejected.raw, rejected.reason, desk.clock.now())
    for source, rejected in refused:
        summary.refused(source, rejected)


def _purged(storage: Storage, ids: list[int]) -> int:
    """How many of the answered letters ``ids`` were removed: none by a backend that keeps
    every letter (a plugin's written before purging), whose run goes on and keeps them."""
    try:
        return storage.purge_dead_letters(ids)
    except LettersAsKept:
        return 0


def _refused_at(complaint: Complaint, where: str | None) -> str:
    """The source of the letter keeping ``complaint`` the Desk refused, read at ``where``."""
    source = f"{READ}:{complaint.channel}:{complaint.external_id}"
    return source + (f" ({where})" if where else "")


def _raw(complaint: Complaint) -> bytes:
    return json.dumps(complaint.to_json(), ensure_ascii=False).encode("utf-8")
