"""What an operator sees when NATS is not there or not set up: one clear failure per
attempt, never nats-py's tracebacks on stderr; options no wait can use are refused."""

from __future__ import annotations

import functools
import logging

import nats
import pytest
from complaintkit_nats.channel import JetStreamChannel
from complaintkit_nats.publisher import JetStreamPublisher
from complaintkit_nats.testing import Stream

from complaintkit.delivery import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.model.message import Message
from complaintkit.testing.server import free_port

MESSAGE = Message(to="ops", subject="主题", body="正文", case_id="CK-1", delivery_id="d-1")


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info is not None]


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that is down is tried as the plugin tries it, again and again, but with
    nats-py's pause before each retry (``reconnect_time_wait``, 2 s) cut to 10 ms: these
    tests are about what is said once every try failed, and each waited 6 s for it."""
    monkeypatch.setattr(nats, "connect", functools.partial(nats.connect, reconnect_time_wait=0.01))


@pytest.mark.usefixtures("quick_retries")
def test_a_server_that_is_down_fails_the_attempt_without_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    servers = f"nats://127.0.0.1:{free_port()}"
    publisher = JetStreamPublisher(servers=servers)
    try:
        with pytest.raises(DeliveryFailed, match="cannot connect"):
            publisher.send(MESSAGE)
    finally:
        publisher.close()
    assert no_tracebacks(caplog) == []


@pytest.mark.usefixtures("quick_retries")
def test_a_channel_whose_server_is_down_is_a_config_error_without_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    channel = JetStreamChannel(servers=f"nats://127.0.0.1:{free_port()}")
    with pytest.raises(ConfigError, match="cannot connect"):
        list(channel.read("complaints.in"))
    assert no_tracebacks(caplog) == []


def test_a_subject_no_stream_stores_says_so(jetstream_stream: Stream) -> None:
    publisher = JetStreamPublisher(servers=jetstream_stream.url, subject="nowhere-stored")
    try:
        with pytest.raises(DeliveryFailed, match="no JetStream stream stores") as caught:
            publisher.send(MESSAGE)
    finally:
        publisher.close()
    assert caught.value.final is False


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "soon"])
def test_a_wait_no_timer_can_use_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="timeout"):
        JetStreamPublisher(timeout=value)
    with pytest.raises(ConfigError, match="ack_wait"):
        JetStreamChannel(ack_wait=value)


@pytest.mark.usefixtures("quick_retries")
def test_a_password_in_the_servers_is_never_repeated_in_a_failure() -> None:
    """The failure is kept as the delivery's last error and its dead letter's reason."""
    servers = f"nats://ck:s3cret-pw@127.0.0.1:{free_port()}"
    publisher = JetStreamPublisher(servers=servers)
    try:
        with pytest.raises(DeliveryFailed, match="cannot connect") as caught:
            publisher.send(MESSAGE)
    finally:
        publisher.close()
    assert "s3cret-pw" not in str(caught.value)
    with pytest.raises(ConfigError, match="cannot connect") as refused:
        list(JetStreamChannel(servers=servers).read("complaints.in"))
    assert "s3cret-pw" not in str(refused.value)


@pytest.mark.parametrize(("value", "wanted"), [("True", True), ("on", True), ("no", False)])
def test_follow_is_read_as_yes_or_no_in_any_case(value: str, wanted: bool) -> None:
    """'-o follow=True' was read as no: the service read what was there and exited."""
    assert JetStreamChannel(follow=value).follow is wanted


def test_a_follow_that_is_neither_yes_nor_no_is_refused() -> None:
    with pytest.raises(ConfigError, match="follow"):
        JetStreamChannel(follow="always")


@pytest.mark.parametrize("subject", ["", "a b", "ops.>", "ops.*", "ops..events", ".ops", "ops.", 5])
def test_a_subject_no_publish_can_use_is_refused(subject: object) -> None:
    """Each failed every attempt (BadSubjectError, or no stream for 'ops.>.event.opened')
    until the event was dead-lettered."""
    with pytest.raises(ConfigError, match="subject"):
        JetStreamPublisher(subject=subject)  # type: ignore[arg-type]


def test_a_subject_in_any_script_is_taken() -> None:
    assert JetStreamPublisher(subject="投诉.events").subject == "投诉.events"


@pytest.mark.usefixtures("quick_retries")
def test_a_token_given_as_the_user_is_never_repeated_in_a_failure() -> None:
    """NATS takes a token in a URL's user part (``nats://TOKEN@host``), with no password
    after it: only a password was hidden, so the whole token was quoted."""
    servers = f"nats://s3cret-token@127.0.0.1:{free_port()}"
    publisher = JetStreamPublisher(servers=servers)
    try:
        with pytest.raises(DeliveryFailed, match="cannot connect") as caught:
            publisher.send(MESSAGE)
    finally:
        publisher.close()
    assert "s3cret-token" not in str(caught.value)
    with pytest.raises(ConfigError, match="cannot connect") as refused:
        list(JetStreamChannel(servers=servers).read("complaints.in"))
    assert "s3cret-token" not in str(refused.value)


@pytest.mark.parametrize("value", ["", "   ", "nats\x00", "x" * 300])
def test_a_channel_no_complaint_can_carry_is_refused_before_reading(value: str) -> None:
    """An unset ``-o channel="$CHANNEL"`` was taken: each message read was then a dead
    letter ('is set by the reader's channel option (''), not by the message'), none of them
    at fault, and acknowledged, so the stream's complaints all went to the dead-letter
    store. The channel option is refused as the other channels refuse it."""
    with pytest.raises(ConfigError, match="channel"):
        JetStreamChannel(stream="S", channel=value)


@pytest.mark.parametrize("value", ["0.5", "2.5", "0", "-3", "nan", "many"])
def test_a_batch_that_is_no_whole_number_of_messages_is_refused_naming_it(value: str) -> None:
    """``-o batch=0.5`` was taken as a positive number, cut to 0 messages, and the run
    failed once connected with 'the channel could not read its source: ValueError: nats:
    invalid batch size', naming neither the option nor the value; 2.5 fetched 2."""
    with pytest.raises(ConfigError, match=r"option batch must be a whole number.*" + value):
        JetStreamChannel(stream="S", batch=value)


def test_a_batch_written_as_a_whole_number_is_taken() -> None:
    assert JetStreamChannel(stream="S", batch="250").batch == 250
    assert JetStreamChannel(stream="S", batch=7).batch == 7


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("durable", "desk.eu"),
        ("durable", "desk one"),
        ("durable", ""),
        ("durable", "a>"),
        ("stream", "COMPLAINTS EU"),
        ("stream", "COMPLAINTS.EU"),
        ("stream", "a/b"),
        ("stream", ""),
    ],
)
def test_a_durable_or_stream_name_nats_cannot_have_is_refused_naming_it(
    option: str, value: str
) -> None:
    """``-o durable=desk.eu`` failed once connected with 'the channel could not read its
    source: ValueError: …', nats-py's words; an empty durable made no durable consumer at
    all, so each run read the whole stream again. Each is refused before connecting."""
    with pytest.raises(ConfigError, match=rf"nats: option {option} "):
        JetStreamChannel(**{"stream": "S", option: value})


@pytest.mark.parametrize(
    "subject", ["complaints in", "complaints..in", "complaints.", "c.\udcff", "c.\x00"]
)
def test_a_subject_no_consumer_can_read_is_refused_before_connecting(subject: str) -> None:
    """A subject with a blank failed as 'the channel could not read its source:
    BadSubjectError', one not UTF-8 as 'UnicodeEncodeError: … surrogates not allowed', and
    one with an empty token waited on the server to answer 'ServiceUnavailableError'."""
    channel = JetStreamChannel(stream="S", servers=f"nats://127.0.0.1:{free_port()}")
    with pytest.raises(ConfigError, match="subject") as refused:
        next(iter(channel.read(subject)))
    assert "cannot connect" not in str(refused.value)
