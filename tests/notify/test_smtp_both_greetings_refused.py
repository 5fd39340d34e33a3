"""A server that refuses EHLO, and then the HELO smtplib falls back to, is told by both
refusals: the reason held HELO's alone, and the refusal of EHLO, which most often says why
the server will not talk to this machine (a listed address), was lost. Retried, as any
refusal of the greeting is (the server's setup, mended in time)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from scripted_smtp import Scripted, failure_sending_to

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier

EHLO = b"554 5.7.1 your address is listed at zen.example\r\n"
HELO = b"501 5.5.2 HELO is not spoken here\r\n"


def _refusal(answers: dict[bytes, bytes]) -> DeliveryFailed:
    server = Scripted(answers)
    try:
        failure = failure_sending_to(server)
    finally:
        server.close()
    return failure


def test_the_reason_holds_what_ehlo_and_helo_got() -> None:
    failed = _refusal({b"EHLO": EHLO, b"HELO": HELO})
    reason = str(failed)
    assert "refused the greeting" in reason
    assert "EHLO: 554 5.7.1 your address is listed at zen.example" in reason
    assert "HELO: 501 5.5.2 HELO is not spoken here" in reason
    assert reason.index("EHLO: 554") < reason.index("HELO: 501")  # in the order they came
    assert not failed.final


def test_a_helo_taken_after_a_refused_ehlo_sends_the_mail() -> None:
    server = Scripted({b"EHLO": EHLO, b"HELO": b"250 mail.test\r\n"})
    try:
        notifier = SmtpNotifier(
            sender="care@shop.example", host="127.0.0.1", port=server.port, timeout=5
        )
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d"))
    finally:
        server.close()
    assert server.ends == 1


@given(
    ehlo=st.sampled_from([b"421", b"500", b"502", b"550", b"554"]),
    helo=st.sampled_from([b"421", b"501", b"502", b"550", b"554"]),
    words=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40),
)
def test_both_refusals_are_in_every_reason(ehlo: bytes, helo: bytes, words: str) -> None:
    said = words.encode("ascii")
    failed = _refusal(
        {b"EHLO": ehlo + b" e" + said + b"\r\n", b"HELO": helo + b" h" + said + b"\r\n"}
    )
    reason = str(failed)
    assert f"EHLO: {ehlo.decode()} e{words}" in reason
    assert f"HELO: {helo.decode()} h{words}" in reason
