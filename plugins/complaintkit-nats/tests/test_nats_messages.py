"""What a JetStream message becomes: decoded by the rules every channel shares, under the
channel its reader's configuration names — never one the message chooses."""

from __future__ import annotations

import asyncio
import json

import nats
from complaintkit_nats import JetStreamChannel
from complaintkit_nats.message import complaint_from_message
from complaintkit_nats.testing import Stream
from hypothesis import given
from hypothesis import strategies as st
from nats_streams import complaint

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.base import isolated
from complaintkit.channels.http_body import complaint_from_body
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import POISON_LINES, good_line

#: Messages the shared JSON decoder refuses, by what is wrong with them.
UNDECODABLE = {
    "UTF-16": json.dumps(complaint(1)).encode("utf-16"),
    "a byte-order mark alone": b"\xff\xfe",
    "an integer of 5000 digits": b'{"n": ' + b"9" * 5000 + b"}",
    "arrays 5000 deep": b"[" * 5000 + b"]" * 5000,
}


def publish(stream: Stream, subject: str, bodies: list[bytes]) -> None:
    async def run() -> None:
        client = await nats.connect(stream.url)
        js = client.jetstream()
        for body in bodies:
            await js.publish(subject, body)
        await client.close()

    asyncio.run(run())


def take_from(stream: Stream, subject: str, desk: Desk) -> list[Rejected]:
    """Every message on ``subject`` taken in through the ``nats`` channel; the letters kept."""
    channel = JetStreamChannel(servers=stream.url, idle=0.3)
    take_in(desk, "nats", channel.read(subject), acknowledge=channel.acknowledge)
    return [Rejected(d.source, d.raw, d.reason) for d in desk.storage.dead_letters()]


def one_record(data: bytes, channel: str = "nats") -> Complaint | Rejected:
    return isolated("s.in#1", data, lambda raw: complaint_from_message(raw, channel), data)


def test_a_message_cannot_claim_another_channels_key(jetstream_stream: Stream) -> None:
    """A producer naming ``http`` would hold HTTP intake's key before the genuine complaint
    arrives, which would then be refused as a conflict."""
    subject = f"{jetstream_stream.prefix}.in"
    squatter = {**complaint(1), "external_id": "SQUAT1", "channel": "http"}
    squatter["customer"] = {"id": "mallory"}
    publish(jetstream_stream, subject, [json.dumps(squatter).encode()])
    desk = Desk(storage="memory:")
    (letter,) = take_from(jetstream_stream, subject, desk)
    assert letter.reason.startswith("channel: ")
    assert desk.storage.find_by_key("http", "SQUAT1") is None
    genuine = {**complaint(1), "external_id": "SQUAT1", "customer": {"id": "alice"}}
    body = json.dumps({k: v for k, v in genuine.items() if k != "channel"}).encode()
    case = desk.intake(complaint_from_body(body, "http", desk.clock.now()))
    assert case.complaint.customer.id == "alice"


def test_a_message_naming_the_configured_channel_or_none_is_taken_in() -> None:
    named = one_record(json.dumps({**complaint(1), "channel": "desk"}).encode(), "desk")
    unnamed = {k: v for k, v in complaint(2).items() if k != "channel"}
    left_out = one_record(json.dumps(unnamed).encode(), "desk")
    assert isinstance(named, Complaint)
    assert named.channel == "desk"
    assert isinstance(left_out, Complaint)
    assert left_out.channel == "desk"


def test_undecodable_messages_are_refused_as_a_jsonl_line_is(jetstream_stream: Stream) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    publish(jetstream_stream, subject, list(UNDECODABLE.values()))
    letters = take_from(jetstream_stream, subject, Desk(storage="memory:"))
    assert [letter.raw for letter in letters] == list(UNDECODABLE.values())
    for letter in letters:
        line = isolated("in.jsonl:1", letter.raw, JsonLinesChannel("nats").complaint, letter.raw)
        assert isinstance(line, Rejected)
        assert letter.reason == line.reason.replace("line", "message", 1)


messages = (
    st.binary(max_size=200)
    | st.sampled_from([*POISON_LINES.values(), *UNDECODABLE.values()])
    | st.integers(0, 50).map(good_line)
)


@given(messages)
def test_any_bytes_are_a_complaint_or_a_refusal_naming_a_field(data: bytes) -> None:
    """Never a decoder's or the interpreter's own error (which ``isolated`` can only pass
    on as "could not be read"): each refusal is an ``InvalidInput`` naming the field."""
    record = one_record(data, "web")
    if isinstance(record, Rejected):
        assert not record.reason.startswith("could not be read"), record.reason
