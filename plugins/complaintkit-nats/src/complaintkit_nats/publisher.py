"""The JetStream publisher: case events and messages from the outbox, one per delivery id.

As a notifier (policy ``notifications.notifiers``, ``type: nats``) it publishes each case
event to ``<subject>.event.<kind>`` and each message to ``<subject>.message``, with the
delivery id as ``Nats-Msg-Id``: JetStream drops a repeat within its duplicate window, and
consumers can deduplicate on it beyond that. A publish counts only once the stream has
acknowledged it; a subject no stream stores is a failure the worker retries. One larger than
the server's ``max_payload``, or than its stream's own ``max_msg_size`` (JetStream error
10054), is refused for good: no retry can make it fit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from complaintkit.delivery import DeliveryFailed
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message
from complaintkit.passwords import without_password
from complaintkit_nats.bridge import Bridge
from complaintkit_nats.connection import connect, load
from complaintkit_nats.options import positive, subject_prefix

if TYPE_CHECKING:
    from nats.aio.client import Client
    from nats.js.client import JetStreamContext


class JetStreamPublisher:
    def __init__(
        self,
        *,
        servers: str = "nats://127.0.0.1:4222",
        subject: str = "complaintkit",
        timeout: float | str = 10.0,
    ) -> None:
        load()
        self.servers = servers
        self.subject = subject_prefix(subject)
        self.timeout = positive("timeout", timeout)
        self._bridge = Bridge("complaintkit-nats-publisher")
        self._client: Client | None = None  # connected on first use

    def send(self, message: Message) -> None:
        body = json.dumps(message.to_json(), ensure_ascii=False).encode("utf-8")
        self._raise(
            self._bridge.run(
                self._publish([(f"{self.subject}.message", body, message.delivery_id)])
            )
        )

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        self._raise(self.publish_many([(event, delivery_id)]))

    def publish_many(self, items: Sequence[tuple[CaseEvent, str]]) -> list[Exception | None]:
        """Publish events together; per event, the failure or None once the stream has it."""
        batch = [
            (
                f"{self.subject}.event.{event.kind}",
                json.dumps(event.to_json(), ensure_ascii=False).encode("utf-8"),
                delivery_id,
            )
            for event, delivery_id in items
        ]
        return self._bridge.run(self._publish(batch))

    def close(self) -> None:
        if self._client is not None:
            self._bridge.run(self._client.close())
        self._bridge.close()

    @staticmethod
    def _raise(failures: list[Exception | None]) -> None:
        if failures[0] is not None:
            raise failures[0]

    async def _publish(self, batch: list[tuple[str, bytes, str]]) -> list[Exception | None]:
        import asyncio  # noqa: PLC0415 - loaded when used, as nats-py is (connection.py)

        import nats.errors  # noqa: PLC0415

        try:
            if self._client is None or self._client.is_closed:
                self._client = await connect(self.servers)
        except (OSError, nats.errors.Error) as exc:
            failure = DeliveryFailed(
                f"nats: cannot connect to {without_password(self.servers, user=False)}: {exc}"
            )
            return [failure] * len(batch)
        js = self._client.jetstream(timeout=self.timeout)
        most = self._client.max_payload
        results = await asyncio.gather(
            *(js.publish(s, body, headers={"Nats-Msg-Id": d}) for s, body, d in batch),
            return_exceptions=True,
        )
        failures: list[Exception | None] = []
        for (subject, body, _), result in zip(batch, results, strict=True):
            if not isinstance(result, BaseException):
                failures.append(None)
            elif _too_large_for_stream(result):
                failures.append(await _stream_refusal(js, subject, body))
            else:
                failures.append(_failure(subject, result, body, most))
        return failures


#: JetStream's error code for a message larger than its stream's ``max_msg_size``.
_STREAM_MESSAGE_TOO_LARGE = 10054


def _too_large_for_stream(exc: BaseException) -> bool:
    import nats.js.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)

    return isinstance(exc, nats.js.errors.APIError) and exc.err_code == _STREAM_MESSAGE_TOO_LARGE


async def _stream_refusal(js: JetStreamContext, subject: str, body: bytes) -> Exception:
    """The stream's refusal of a message over its ``max_msg_size``: final, naming the
    stream and its limit when the server still says them."""
    import nats.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)

    try:
        name = await js.find_stream_name_by_subject(subject)
        limit = (await js.stream_info(name)).config.max_msg_size
        where = f"stream {name!r}'s max_msg_size ({limit} bytes)"
    except (OSError, nats.errors.Error):
        where = "its stream's max_msg_size"
    return DeliveryFailed(
        f"nats: {len(body)} bytes for {subject!r} is more than {where}; no retry can publish it",
        final=True,
    )


def _failure(subject: str, exc: BaseException, body: bytes, most: int) -> Exception:
    import nats.errors  # noqa: PLC0415 - nats-py loads when used (connection.py)
    import nats.js.errors  # noqa: PLC0415

    if isinstance(exc, nats.errors.MaxPayloadError):
        return DeliveryFailed(
            f"nats: {len(body)} bytes for {subject!r} is more than the server's max_payload "
            f"({most} bytes); no retry can publish it",
            final=True,
        )
    if isinstance(exc, nats.errors.NoRespondersError | nats.js.errors.NoStreamResponseError):
        return DeliveryFailed(f"nats: no JetStream stream stores {subject!r}; create one")
    return DeliveryFailed(f"nats: publishing to {subject!r} failed: {exc!r}")
