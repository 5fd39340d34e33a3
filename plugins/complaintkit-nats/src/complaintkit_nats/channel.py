"""The JetStream intake channel: a durable pull consumer, acknowledged after commit.

``complaintkit intake --channel nats -o stream=COMPLAINTS complaints.in`` reads the
subject ``complaints.in`` of stream ``COMPLAINTS`` through the durable consumer
``complaintkit`` (``-o durable=…``). Each message is one complaint as JSON
(``Complaint.to_json``) in the channel ``-o channel=…`` names (``message``); a message
that is not one becomes a dead letter located by subject and stream sequence. After every fetch the channel yields ``CHECKPOINT``; intake
commits and calls ``acknowledge`` with exactly the records it stored, and only then are
their messages acknowledged. A process killed before that leaves them unacknowledged:
JetStream delivers them again after ``ack_wait`` seconds, and their idempotency keys keep
them from opening second cases. Without ``follow`` the read ends once a fetch waits
``idle`` seconds for nothing and no message is left waiting for its acknowledgement — one
a killed reader took is delivered again within ``ack_wait``, so the read waits up to that
long for it rather than leaving it to the next run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar

from complaintkit.channels import CHECKPOINT, Checkpoint, Rejected
from complaintkit.channels.base import channel_option, isolated
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.options import yes_or_no
from complaintkit.passwords import without_password
from complaintkit_nats.bridge import Bridge
from complaintkit_nats.connection import connect, load
from complaintkit_nats.message import complaint_from_message
from complaintkit_nats.options import name_option, positive, subject_filter, whole

if TYPE_CHECKING:
    from nats.aio.client import Client
    from nats.aio.msg import Msg
    from nats.js.client import JetStreamContext


class JetStreamChannel:
    #: Where and how messages are fetched: not kept with a dead letter, so a message
    #: delivered again to a consumer restarted with other ones finds its letter.
    fetch_options: ClassVar[frozenset[str]] = frozenset(
        {"servers", "stream", "durable", "batch", "idle", "ack_wait", "follow"}
    )

    def __init__(
        self,
        *,
        servers: str = "nats://127.0.0.1:4222",
        stream: str | None = None,
        durable: str = "complaintkit",
        batch: int | str = 100,
        idle: float | str = 2.0,
        ack_wait: float | str = 30.0,
        follow: bool | str = False,
        channel: str = "nats",
    ) -> None:
        load()
        self.servers = servers
        self.stream = None if stream is None else name_option("stream", stream)
        self.durable = name_option("durable", durable)
        self.batch = whole("batch", batch)
        self.idle = positive("idle", idle)
        self.ack_wait = positive("ack_wait", ack_wait)
        self.follow = yes_or_no(follow, "nats: option follow")
        self.channel = channel_option(channel)  # one none can carry refuses every message
        #: Where the message read last came from, and its bytes: a complaint the Desk
        #: refuses (a key reused with other words) is kept naming it, as a refusal here is.
        self.location: str | None = None
        self.raw: bytes | None = None
        self._unacknowledged: deque[tuple[Complaint | Rejected, Msg]] = deque()
        self._bridge: Bridge | None = None
        self._client: Client | None = None

    def read(self, source: str) -> Iterator[Complaint | Rejected | Checkpoint]:
        import nats.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)

        subject_filter(source)
        bridge = self._bridge = Bridge("complaintkit-nats-channel")
        try:
            self._client = client = bridge.run(self._connect())
            consumer, ack_wait = bridge.run(self._subscribe(client, source))
            try:
                yield from self._fetched(bridge, consumer, ack_wait)
            except (OSError, nats.errors.Error) as exc:  # TimeoutError is an OSError
                raise self._lost(source, exc) from None
        finally:
            if self._client is not None:
                with suppress(OSError, nats.errors.Error):  # lost: nothing left to close
                    bridge.run(self._client.close())
            bridge.close()
            self._bridge = self._client = None
            self._unacknowledged.clear()  # never acknowledged: JetStream redelivers them

    def _fetched(
        self, bridge: Bridge, consumer: JetStreamContext.PullSubscription, ack_wait: float
    ) -> Iterator[Complaint | Rejected | Checkpoint]:
        waited = 0.0  # idle since the last message, while others await acknowledgement
        while True:
            try:
                messages = bridge.run(consumer.fetch(self.batch, timeout=self.idle))
            except TimeoutError:  # nats-py raises its own subclass or asyncio's
                messages = []
            for message in messages:
                record = self._record(message)
                self._unacknowledged.append((record, message))
                yield record
            yield CHECKPOINT
            if messages or self.follow:
                waited = 0.0
            elif waited >= ack_wait or not bridge.run(
                _awaiting_ack_elsewhere(consumer, len(self._unacknowledged))
            ):
                return
            else:
                waited += self.idle

    def _lost(self, source: str, exc: BaseException) -> ConfigError:
        """The server went away mid-read (reconnecting failed, or a request timed out):
        said so, naming it, rather than as the asyncio error nats-py raises."""
        return ConfigError(
            f"nats channel: lost the connection to "
            f"{without_password(self.servers, user=False)} while reading {source!r} "
            f"({exc or type(exc).__name__}); what was committed is acknowledged or is "
            "taken in again as no second case, and the messages not acknowledged are "
            "delivered again once the server is back: run intake again then"
        )

    def acknowledge(self, records: Sequence[Complaint | Rejected]) -> None:
        """Acknowledge the messages ``records`` came from; they are stored."""
        messages = []
        for record in records:
            stored, message = self._unacknowledged.popleft()
            if stored is not record:
                raise ConfigError("nats channel: records acknowledged out of the order read")
            messages.append(message)
        if messages and self._bridge is not None and self._client is not None:
            self._bridge.run(_acknowledge(self._client, messages))

    def read_letter(self, raw: bytes) -> Complaint:
        """The complaint a dead letter's message ``raw`` holds, for ``dead-letters retry``:
        its message was acknowledged once the letter was stored, so the stream never
        delivers it again."""
        return self._complaint(raw)

    async def _connect(self) -> Client:
        import nats.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)

        try:
            return await connect(self.servers)
        except (OSError, nats.errors.Error) as exc:
            raise ConfigError(
                f"nats channel: cannot connect to {without_password(self.servers, user=False)}: {exc}"
            ) from None

    async def _subscribe(
        self, client: Client, subject: str
    ) -> tuple[JetStreamContext.PullSubscription, float]:
        """The durable consumer, and the ``ack_wait`` it redelivers after. One that exists
        already keeps the subject and ``ack_wait`` it was made with (nats-py applies
        neither): one made for another subject would read that subject's messages instead,
        so it is refused; its own ``ack_wait`` is the one waited for."""
        import nats.js.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)
        from nats.js.api import ConsumerConfig  # noqa: PLC0415

        config = ConsumerConfig(ack_wait=self.ack_wait, max_ack_pending=max(1000, self.batch))
        try:
            consumer = await client.jetstream().pull_subscribe(
                subject, durable=self.durable, stream=self.stream, config=config
            )
            made = (await consumer.consumer_info()).config
        except nats.js.errors.Error as exc:
            raise ConfigError(
                f"nats channel: cannot consume {subject!r} (stream {self.stream or 'by subject'}): "
                f"{exc}; create a stream that stores this subject"
            ) from None
        reads = [made.filter_subject] if made.filter_subject else list(made.filter_subjects or ())
        if reads and reads != [subject]:
            raise ConfigError(
                f"nats channel: the durable consumer {self.durable!r} reads "
                f"{', '.join(map(repr, reads))}, not {subject!r}; a consumer keeps the subject "
                "it was made with: give this subject a durable of its own (-o durable=…)"
            )
        return consumer, made.ack_wait or self.ack_wait

    def _record(self, message: Msg) -> Complaint | Rejected:
        where = f"{message.subject}#{message.metadata.sequence.stream}"
        self.location, self.raw = where, bytes(message.data)
        return isolated(where, self.raw, self._complaint, self.raw)

    def _complaint(self, data: bytes) -> Complaint:
        return complaint_from_message(data, self.channel)


async def _awaiting_ack_elsewhere(consumer: JetStreamContext.PullSubscription, own: int) -> bool:
    """Whether the consumer delivered messages beyond this reader's ``own`` unacknowledged
    ones that nobody acknowledged yet (a reader killed before its commit, or another reader
    still at work)."""
    info = await consumer.consumer_info()
    return (info.num_ack_pending or 0) > own


async def _acknowledge(client: Client, messages: list[Msg]) -> None:
    for message in messages:
        await message.ack()
    await client.flush()  # the server has the acks before the next fetch
