"""A durable consumer that exists already keeps the subject and ``ack_wait`` it was made
with: nats-py does not apply a reader's to it. Reading another subject through it read the
first subject's messages and never the asked one's (they stayed in the stream, unread, and
the run said nothing); a reader given a shorter ``ack_wait`` than the consumer's stopped
waiting before a killed reader's messages came back."""

from __future__ import annotations

from typing import Any

import pytest
from complaintkit_nats.channel import JetStreamChannel
from complaintkit_nats.testing import Stream
from nats_streams import publish_complaints

from complaintkit.channels import Rejected
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint


def _taken(channel: JetStreamChannel, subject: str) -> list[str]:
    taken: list[str] = []
    held: list[Complaint | Rejected] = []
    for record in channel.read(subject):
        if isinstance(record, Complaint | Rejected):
            held.append(record)
            taken.append(record.external_id if isinstance(record, Complaint) else "rejected")
        else:
            channel.acknowledge(held)
            held = []
    return taken


def test_a_durable_made_for_another_subject_is_refused_naming_both(
    jetstream_stream: Stream,
) -> None:
    first, second = f"{jetstream_stream.prefix}.in", f"{jetstream_stream.prefix}.web"
    publish_complaints(jetstream_stream, first, 3)
    options: dict[str, Any] = {"servers": jetstream_stream.url, "durable": "desk", "idle": 0.3}
    assert len(_taken(JetStreamChannel(**options), first)) == 3
    publish_complaints(jetstream_stream, second, 2)
    with pytest.raises(ConfigError) as refused:
        _taken(JetStreamChannel(**options), second)
    assert first in str(refused.value)
    assert second in str(refused.value)
    assert "'desk'" in str(refused.value)
    # read through a durable of its own, nothing of it is lost
    assert len(_taken(JetStreamChannel(**{**options, "durable": "web"}), second)) == 2


def test_the_read_waits_for_the_consumers_own_ack_wait(jetstream_stream: Stream) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    publish_complaints(jetstream_stream, subject, 20)
    made = {"servers": jetstream_stream.url, "durable": "desk", "ack_wait": 2, "batch": 10}
    killed = iter(JetStreamChannel(**made, idle=0.3).read(subject))  # type: ignore[arg-type]
    for _ in range(10):  # one fetch taken, never committed nor acknowledged
        next(killed)
    del killed
    shorter = {**made, "ack_wait": 0.5}  # the consumer keeps its 2 seconds
    taken = _taken(JetStreamChannel(**shorter, idle=0.3), subject)  # type: ignore[arg-type]
    assert sorted(taken) == sorted(f"K-{n}" for n in range(20))
