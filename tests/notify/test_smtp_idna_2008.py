"""A domain that is not ASCII goes out as the domain it is (IDNA 2008), never another.

Python's ``idna`` codec is IDNA 2003: it turns ``ß`` into ``ss`` and ``ς`` into the medial sigma and
drops the zero-width joiners, so ``kunde@straße.de`` was mailed to ``strasse.de`` — since
IDNA 2008 (what .de, browsers and mail servers use) a domain of its own, with its own owner
— and ``sam@exa\u200dmple.com`` to ``example.com``. The customer's letter reached a
stranger, and the outbox said delivered.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.options import webhook_url
from complaintkit.notify.smtp import SmtpNotifier, envelope_address
from smtp_inbox import receiving


class Envelopes:
    def __init__(self) -> None:
        self.recipients: list[list[str]] = []
        self.senders: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.recipients.append(list(envelope.rcpt_tos))  # type: ignore[attr-defined]
        self.senders.append(envelope.mail_from)  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture
def envelopes() -> Iterator[tuple[Envelopes, int]]:
    with receiving(Envelopes()) as server:
        yield server


@pytest.mark.parametrize(
    ("contact", "envelope"),
    [
        ("kunde@straße.de", "kunde@xn--strae-oqa.de"),  # not strasse.de
        ("Kunde <kunde@Straße.DE>", "kunde@xn--strae-oqa.DE"),  # DNS ignores the case
        ("info@ελλάς.gr", "info@xn--hxarsa0b.gr"),  # not ελλασ.gr
        ("wf@例子.中国", "wf@xn--fsqu00a.xn--fiqs8s"),
        ("wf@例子。中国", "wf@xn--fsqu00a.xn--fiqs8s"),  # the ideographic full stop
    ],
)
def test_the_envelope_names_the_customers_own_domain(
    envelopes: tuple[Envelopes, int], contact: str, envelope: str
) -> None:
    handler, port = envelopes
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=contact, subject="您的投诉", body="已受理", case_id="CK-1"))
    assert handler.recipients == [[envelope]]


def test_a_sender_domain_with_a_sharp_s_is_its_own() -> None:
    notifier = SmtpNotifier(sender="Service <hilfe@straße.de>")
    assert notifier.domain == "xn--strae-oqa.de"


@pytest.mark.parametrize("joiner", ["\u200d", "\u200c"])
def test_a_zero_width_joiner_in_the_domain_is_refused_for_good(
    envelopes: tuple[Envelopes, int], joiner: str
) -> None:
    """IDNA 2003 drops it (``example.com``), IDNA 2008 keeps it or refuses the name: which
    domain the customer meant is unsure, so the letter is a dead letter saying so."""
    handler, port = envelopes
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as failed:
        notifier.send(Message(to=f"sam@exa{joiner}mple.com", subject="s", body="b"))
    assert failed.value.final
    assert f"U+{ord(joiner):04X}" in str(failed.value)
    assert handler.recipients == []


def test_a_sender_with_a_joiner_in_its_domain_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="U\\+200D"):
        SmtpNotifier(sender="care@sh\u200dop.example")


def test_a_webhook_host_with_a_sharp_s_is_its_own() -> None:
    assert webhook_url("https://straße.de/hook") == "https://xn--strae-oqa.de/hook"
    with pytest.raises(ConfigError, match="U\\+200D"):
        webhook_url("https://exa\u200dmple.com/hook")


_LABEL = st.text(alphabet="abcdefgstxyzäöüßς\u03b1\u03bb\u03b5\u03c3", min_size=1, max_size=20)


@given(st.lists(_LABEL, min_size=1, max_size=3))
def test_every_sharp_s_and_final_sigma_is_kept(labels: list[str]) -> None:
    """Each label decodes back to itself: nothing of it was mapped to another letter."""
    domain = ".".join(labels) + ".example"
    sent = envelope_address(f"a@{domain}").rpartition("@")[2]
    assert sent.isascii()
    decoded = [
        label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label
        for label in sent.split(".")
    ]
    assert decoded == [*labels, "example"]


def test_a_domain_no_name_can_be_written_for_is_refused_naming_it(
    envelopes: tuple[Envelopes, int],
) -> None:
    """A label longer than DNS takes: not sent as it is, to fail as a mailbox name only an
    SMTPUTF8 server takes, for no server delivers to a domain that is no name."""
    domain = "例" * 70 + ".cn"
    handler, port = envelopes
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as failed:
        notifier.send(Message(to=f"wf@{domain}", subject="s", body="b"))
    assert failed.value.final
    assert "is no domain name" in str(failed.value)
    assert "SMTPUTF8" not in str(failed.value)
    assert handler.recipients == []
    with pytest.raises(ConfigError, match="is no domain name"):
        SmtpNotifier(sender=f"care@{domain}")
