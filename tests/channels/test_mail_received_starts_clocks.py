"""A complaint by e-mail is received when our mail server received it — the date its
topmost ``Received:`` header ends in — not when its sender's ``Date:`` says it was sent:
a back-dated Date opened a case whose SLA clocks had run out, and a Date in the future
held them back. The Date is kept as written for the record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.model.complaint import RECEIVED_YEARS
from complaintkit.policy.compiled import load_policy

RECEIPT = datetime(2026, 12, 1, 9, 30, 5, tzinfo=UTC)
_OURS = "Received: from mx.sender.example (mx.sender.example [192.0.2.7])\r\n" + (
    "\tby mail.shop.example (Postfix) with ESMTPS id 4Q2x; Tue, 1 Dec 2026 09:30:05 +0000\r\n"
)


def _mail(date: str, received: str = _OURS) -> bytes:
    return (
        f"{received}From: Li Wei <li@example.cn>\r\nMessage-ID: <r1@example.cn>\r\n"
        f"Date: {date}\r\nSubject: broken kettle\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nThe kettle leaks.\r\n"
    ).encode()


def test_a_back_dated_date_does_not_start_the_clocks_early() -> None:
    complaint = parse_mail(_mail("Wed, 1 Jan 2020 08:00:00 +0000"))
    assert complaint.received_at == RECEIPT
    assert complaint.attributes["mail_date"] == "Wed, 1 Jan 2020 08:00:00 +0000"


def test_a_date_after_receipt_does_not_hold_the_clocks_back() -> None:
    complaint = parse_mail(_mail("Fri, 4 Dec 2026 09:00:00 +0800"))
    assert complaint.received_at == RECEIPT


def test_the_topmost_received_header_is_ours() -> None:
    forged = "Received: from x by relay.example; Mon, 1 Jan 2018 00:00:00 +0000\r\n"
    complaint = parse_mail(_mail("Tue, 1 Dec 2026 09:29:00 +0000", _OURS + forged))
    assert complaint.received_at == RECEIPT


def test_a_received_header_without_a_date_leaves_the_date_to_say() -> None:
    complaint = parse_mail(
        _mail("Tue, 1 Dec 2026 09:29:00 +0000", "Received: by local.example id 1\r\n")
    )
    assert complaint.received_at == datetime(2026, 12, 1, 9, 29, tzinfo=UTC)
    assert "mail_date" not in complaint.attributes


def test_a_date_no_instant_reads_is_kept_as_written_when_receipt_is_known() -> None:
    complaint = parse_mail(_mail("Tue, 1 Dec 2026 09:29:00 CST"))
    assert complaint.received_at == RECEIPT
    assert complaint.attributes["mail_date"] == "Tue, 1 Dec 2026 09:29:00 CST"


def test_a_back_dated_message_opens_a_case_with_its_clocks_running() -> None:
    desk = Desk(
        load_policy(demo_policy_path()),
        storage="memory:",
        clock=ManualClock(RECEIPT + timedelta(minutes=1)),
    )
    case = desk.intake(parse_mail(_mail("Wed, 1 Jan 2020 08:00:00 +0000")))
    desk.tick()
    case = desk.storage.get(case.id)
    assert case.clocks.metrics
    assert all(clock.started_at == RECEIPT for clock in case.clocks.metrics.values())
    assert all(clock.breached_at is None for clock in case.clocks.metrics.values())
    assert case.escalation_level == 0


#: naive bounds, as hypothesis takes them
_SENT = st.datetimes(
    min_value=datetime(RECEIVED_YEARS.start + 1, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(RECEIVED_YEARS.stop - 2, 12, 31),  # noqa: DTZ001
)
_RECEIVED = st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(2100, 1, 1),  # noqa: DTZ001
)


@given(sent=_SENT, received=_RECEIVED, sent_offset=st.integers(-12 * 60, 14 * 60))
def test_the_clocks_never_start_before_receipt(
    sent: datetime, received: datetime, sent_offset: int
) -> None:
    sign = "-" if sent_offset < 0 else "+"
    zone = f"{sign}{abs(sent_offset) // 60:02d}{abs(sent_offset) % 60:02d}"
    date = sent.strftime("%a, %d %b %Y %H:%M:%S ") + zone
    stamp = received.strftime("%a, %d %b %Y %H:%M:%S +0000")
    complaint = parse_mail(_mail(date, f"Received: by mail.shop.example; {stamp}\r\n"))
    assert complaint.received_at == received.replace(microsecond=0, tzinfo=UTC)
