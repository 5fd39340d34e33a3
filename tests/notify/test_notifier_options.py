"""A notifier's options are checked when the policy's notifiers are built. A ``timeout`` no
socket or timer takes (NaN, 0, negative, infinite, centuries) failed every attempt with
the socket's words, and an infinite one left a traceback of the timer thread on stderr."""

from __future__ import annotations

import email
import email.policy
import logging
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.context import PluginContext
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.log import LogNotifier
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier


def build(kind: str, timeout: Any) -> object:
    if kind == "smtp":
        return SmtpNotifier(sender="care@shop.example", timeout=timeout)
    return WebhookNotifier(url="http://127.0.0.1:9/hook", timeout=timeout)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["nan", "-1", 0, "inf", "1e400", 1e12, "soon", True, None])
def test_a_timeout_no_attempt_can_keep_is_a_config_error(kind: str, timeout: Any) -> None:
    with pytest.raises(ConfigError, match="timeout") as caught:
        build(kind, timeout)
    assert kind in str(caught.value)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["5", 2.5, 30, "0.5", 3600])
def test_a_sensible_timeout_is_taken(kind: str, timeout: Any) -> None:
    assert build(kind, timeout).timeout == float(timeout)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sender", ["a@b.example, c@d.example", "care@shop.example\r\nBcc: x@y.example", "care@", "care"]
)
def test_a_sender_that_is_not_one_address_is_a_config_error(sender: str) -> None:
    """Taken as it was, it failed every message at its first attempt, in the words of the
    e-mail library (a linefeed in a header), or sent From two addresses."""
    with pytest.raises(ConfigError, match="sender"):
        SmtpNotifier(sender=sender)


@pytest.mark.parametrize(
    ("sender", "header", "message_id"),
    [
        ("care@bücher.example", "care@xn--bcher-kva.example", "<d-1@xn--bcher-kva.example>"),
        ("客服 <care@shop.example>", "客服 <care@shop.example>", "<d-1@shop.example>"),
        ("care@shop.example (Care)", "care@shop.example", "<d-1@shop.example>"),
    ],
)
def test_the_sender_is_written_as_one_clean_address(
    sender: str, header: str, message_id: str
) -> None:
    """A sender's domain that is not ASCII failed every message ('ascii' codec can't
    encode); a comment after the address ended up inside the Message-ID."""
    mail = SmtpNotifier(sender=sender).email(
        Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1")
    )
    mail.as_bytes()
    assert str(mail["From"]) == header
    assert str(mail["Message-ID"]) == message_id


def test_a_sender_name_no_reader_would_read_back_is_a_config_error() -> None:
    """Folding the From line of a long quoted name holding ':' and ',' dropped its quotes:
    readers saw a group 'Acme Shops' of made-up addresses, and every message went out so."""
    name = "Acme Shops: Customer Care and Complaints Department, Northern Region Office, No. 3"
    with pytest.raises(ConfigError, match="sender") as caught:
        SmtpNotifier(sender=f'"{name}" <care@shop.example>')
    assert "shorten" in str(caught.value)


def test_a_long_sender_name_that_reads_back_is_taken() -> None:
    name = "客服中心北京市朝阳区建国路八十八号现代城小区三号楼二单元投诉与退换货部"
    mail = SmtpNotifier(sender=f"{name} <care@shop.example>").email(
        Message(to="sam@example.com", subject="s", body="b")
    )
    parsed = email.message_from_bytes(mail.as_bytes(), policy=email.policy.default)
    (sender,) = parsed["From"].addresses
    assert (sender.display_name.replace(" ", ""), sender.addr_spec) == (name, "care@shop.example")


@pytest.mark.parametrize("port", ["abc", -1, 0, 70000, "25.5", None])
def test_a_port_no_server_listens_on_is_a_config_error(port: Any) -> None:
    with pytest.raises(ConfigError, match="port"):
        SmtpNotifier(sender="care@shop.example", port=port)


@pytest.mark.parametrize("port", ["25", 587, "2525"])
def test_a_port_is_taken_as_a_number(port: Any) -> None:
    assert SmtpNotifier(sender="care@shop.example", port=port).port == int(port)


def test_the_log_notifier_writes_a_customers_subject_inert_on_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A log line reaches an operator's terminal (the CLI's stderr shows warnings): an
    escape sequence in a subject cleared it, and a line break forged another line."""
    notifier = LogNotifier(level="WARNING")
    subject = "退款 \x1b[2J\x1b]0;pwned\x07\nnotify customer forged@example.com about CK-2"
    with caplog.at_level(logging.WARNING, logger="complaintkit.notify"):
        notifier.send(Message(to="王芳 <wf@example.cn>\x1b[1m", subject=subject, body="b"))
    (record,) = caplog.records
    line = record.getMessage()
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "\n" not in line
    assert "退款" in line


def test_the_log_notifier_writes_every_field_inert_on_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The case id and the event name too: a Message an application built, or an outbox
    edited outside complaintkit, may hold anything there."""
    notifier = LogNotifier(level="WARNING")
    forged = "\nnotify customer forged@example.com about CK-2 \x1b[2J"
    message = Message(to="a@example.com", subject="s", body="b", case_id=f"CK-1{forged}")
    with caplog.at_level(logging.WARNING, logger="complaintkit.notify"):
        notifier.send(message)
        notifier.send(attrs.evolve(message, case_id="CK-1", event=f"opened{forged}"))
    for record in caplog.records:
        assert "\n" not in record.getMessage()
        assert "\x1b" not in record.getMessage()


@pytest.mark.parametrize(
    "url",
    [
        "ftp://ops.example/hook",
        "http://",
        "http:///hook",
        "http://:80/hook",
        "http://ops example.com/hook",
        "http://127.0.0.1:99999/hook",
        "http://127.0.0.1:abc/hook",
        "http://[::1/hook",
        "http://127.0.0.1:9/hook\r\nX-Injected: 1",
        "http://ops:s3cret-pw@ops.example/hook",
        5,
    ],
)
def test_a_url_no_attempt_can_reach_is_a_config_error(url: Any) -> None:
    """Each was taken, then failed every attempt ('no host given', 'nonnumeric port',
    'URL can't contain control characters'); urllib ignores a URL's user and password,
    and the failure quoted them into the outbox and its dead letters."""
    with pytest.raises(ConfigError, match="url") as caught:
        WebhookNotifier(url=url)
    assert "s3cret-pw" not in str(caught.value)


def test_a_url_in_unicode_is_sent_in_its_ascii_form() -> None:
    """A host or path that is not ASCII failed every attempt with UnicodeEncodeError."""
    notifier = WebhookNotifier(url="https://例子.测试/投诉?来源=微信#x")
    assert notifier.url == (
        "https://xn--fsqu00a.xn--0zwm56d/%E6%8A%95%E8%AF%89?%E6%9D%A5%E6%BA%90=%E5%BE%AE%E4%BF%A1#x"
    )
    assert WebhookNotifier(url="http://127.0.0.1:8080/a%20b?x=1&y=2").url == (
        "http://127.0.0.1:8080/a%20b?x=1&y=2"
    )


@pytest.mark.parametrize("secret", [12345, True, ["a"], "", "s3cret", "x" * 15])
def test_a_secret_that_is_no_text_or_short_is_a_config_error(secret: Any) -> None:
    """YAML reads `secret: 12345` as a number: every attempt then failed ('int' object has
    no attribute 'encode') until the message was dead-lettered; an empty one sent every
    request unsigned; a short one (`s3cret`) signed with a key whoever sees one signed
    request can guess. Signing secrets need 16 characters, as HTTP intake's do."""
    with pytest.raises(ConfigError, match="secret") as caught:
        WebhookNotifier(url="http://127.0.0.1:9/hook", secret=secret)
    assert "16 characters" in str(caught.value)
    assert "12345" not in str(caught.value)
    assert "s3cret" not in str(caught.value)


def test_a_secret_in_any_script_signs() -> None:
    notifier = WebhookNotifier(url="http://127.0.0.1:9/hook", secret="投诉回调签名密钥-第二版-2026")
    assert (
        notifier.request({"a": 1}, "d-1").headers["X-complaintkit-signature"].startswith("sha256=")
    )


@pytest.mark.parametrize(
    ("value", "wanted"),
    [
        ("True", True),
        ("YES", True),
        ("on", True),
        (True, True),
        ("false", False),
        ("No", False),
        (False, False),
    ],
)
def test_starttls_is_read_as_yes_or_no_in_any_case(value: Any, wanted: bool) -> None:
    """'True' read as no: the password then went over the wire unencrypted."""
    assert SmtpNotifier(sender="care@shop.example", starttls=value).starttls is wanted


@pytest.mark.parametrize("value", ["ture", "2", 5, None])
def test_a_starttls_that_is_neither_yes_nor_no_is_a_config_error(value: Any) -> None:
    with pytest.raises(ConfigError, match="starttls"):
        SmtpNotifier(sender="care@shop.example", starttls=value)


@pytest.mark.parametrize("option", ["username", "password", "host"])
def test_credentials_and_host_that_are_no_text_are_a_config_error(option: str) -> None:
    """YAML reads `password: 123456` as a number: every login then failed in hmac's words."""
    options: dict[str, Any] = {option: 123456}
    with pytest.raises(ConfigError, match=option) as caught:
        SmtpNotifier(sender="care@shop.example", **options)
    assert "123456" not in str(caught.value)


def test_the_mails_date_is_the_desks_clock() -> None:
    """Dates come from the injected clock, as the webhook's signing time does."""
    sent_at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    context = PluginContext(Desk(clock=ManualClock(sent_at)))
    notifier = SmtpNotifier(sender="care@shop.example", context=context)
    mail = notifier.email(Message(to="sam@example.com", subject="s", body="b"))
    assert mail["Date"].datetime == sent_at


@pytest.mark.parametrize("level", ["warnin", "", 5])
def test_a_log_level_that_names_none_is_a_config_error(level: Any) -> None:
    """'warnin' was read as INFO: with logging left as it is, nothing was shown, and every
    message counted as delivered."""
    with pytest.raises(ConfigError, match="level"):
        LogNotifier(level=level)


@pytest.mark.parametrize(("level", "number"), [("warning", 30), ("DEBUG", 10), ("Error", 40)])
def test_a_log_level_is_read_in_any_case(level: str, number: int) -> None:
    assert LogNotifier(level=level).level == number
