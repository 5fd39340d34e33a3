"""The channel interface every intake channel implements, built-in or plugin."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Final, Protocol, TypeVar

import attrs

from complaintkit.brief import brief
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint, check_channel
from complaintkit.model.jsonvalues import printable
from complaintkit.plugin_said import said

T = TypeVar("T")


def _text(value: object) -> str:
    """A plugin's location or reason as printable text, whatever it wrote: a letter is kept
    anyway. Cut to its start and end as every error is (``brief``): a parser's message
    quoting a whole record would be a megabyte in the letter, the run's summary and every
    listing, where the raw bytes keep the record whole."""
    return brief(printable(value if isinstance(value, str) else str(value)))


def location_text(value: object) -> str:
    """A location as a ``Rejected`` keeps it, and so as intake compares a complaint's place
    with its letters' (``letters_taken``)."""
    return "(no location given)" if value is None else _text(value)


def _reason(value: object) -> str:
    return "the channel gave no reason" if value is None else _text(value)


def _bytes(value: object) -> bytes:
    """The raw input as bytes; text a plugin gave instead is kept as its UTF-8."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return bytes(value) if isinstance(value, bytearray | memoryview) else repr(value).encode()


@attrs.frozen
class Rejected:
    """Input a channel could not turn into a complaint: where it was, what it was, and why.

    ``source`` locates it precisely enough to find it again (``inbox.mbox#12``,
    ``rows.csv:7``); ``raw`` is the input as it arrived.
    """

    source: str = attrs.field(converter=location_text)
    raw: bytes = attrs.field(converter=_bytes)
    reason: str = attrs.field(converter=_reason)


class Checkpoint:
    """The type of ``CHECKPOINT``."""

    def __repr__(self) -> str:
        return "CHECKPOINT"


#: Yielded by a streaming channel when it has nothing more at hand (a broker fetch came
#: back short): intake commits what it holds and acknowledges it before the channel waits.
CHECKPOINT: Final = Checkpoint()


class Channel(Protocol):
    """Turns outside input into complaints.

    A channel factory is registered by name through the ``register_channels`` hook and
    called with the channel's options as keyword arguments; ``read(source)`` then yields one
    item per input record, in order — a ``Complaint`` or, for a record it cannot read, a
    ``Rejected``. A channel never raises for one bad record; it raises ``ConfigError`` only
    when the source itself cannot be opened.

    A channel may list in ``fetch_options`` the names of its options that only say where
    and how records are fetched (a broker's address, a batch size, a wait), so that a dead
    letter does not keep them with its source (``channels.read_with``).

    A channel reading a file may keep in ``location`` where the record it yielded last was
    read (``rows.csv:7``, as a ``Rejected`` names it): intake names a complaint the Desk then
    refuses (a key another customer holds) by it too.

    A *streaming* channel (a message broker) also yields ``CHECKPOINT`` whenever it is about
    to wait for more, and has an ``acknowledge(records)`` method (``Acknowledging``).
    """

    def read(self, source: str) -> Iterator[Complaint | Rejected | Checkpoint]: ...


class Acknowledging(Channel, Protocol):
    """A channel told which of its records are durably stored.

    After each commit, intake calls ``acknowledge`` with exactly the records (the very
    objects ``read`` yielded, in order) that the commit stored — as cases, as complaints
    already known, or as dead letters. A broker channel acknowledges those messages then,
    and only then: a process killed before the commit leaves them unacknowledged, so the
    broker delivers them again and the idempotency key keeps them from opening two cases.
    """

    def acknowledge(self, records: Sequence[Complaint | Rejected]) -> None: ...


def channel_option(name: str) -> str:
    """``name`` if a complaint can carry it as its channel, else a ``ConfigError``: a name
    none can carry (an unset ``-o channel="$CHANNEL"``) would refuse every record read,
    none of them at fault."""
    try:
        return check_channel(name)
    except InvalidInput as exc:
        raise ConfigError(f"channel {name!r:.60}: {exc.message}") from None


def isolated(
    where: str, raw: bytes, build: Callable[[T], Complaint], record: T
) -> Complaint | Rejected:
    """The complaint ``build`` makes of ``record``, or a ``Rejected`` saying why it could not.

    Any exception counts, not only the foreseen ``InvalidInput``: a record that trips a
    library (a recursion limit, a codec that is not a text codec) must cost that record,
    never the run.
    """
    try:
        return build(record)
    except InvalidInput as exc:
        return Rejected(where, raw, str(exc))
    except Exception as exc:
        return Rejected(where, raw, f"could not be read: {said(exc)}")
