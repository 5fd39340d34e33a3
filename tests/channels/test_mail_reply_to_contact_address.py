"""A reply lands on its case by the address its letter was sent to, not the customer id: a
case opened from the form or the API (customer ``C-1001``, contact ``wang@example.cn``) is
written to at its contact address, and the customer's answer to that letter opened a new
case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.desk.reply_sender import same_mailbox
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 25}}
    hook: {type: webhook, options: {url: "https://hooks.example/c"}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": opened, notify: [customer], via: hook, template: acknowledgement}
    - {"on": opened, notify: [owner], via: mail, template: acknowledgement}
"""
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    with desk.storage:
        yield desk


def from_the_form(desk: Desk, customer: str = "C-1001", contact: str = "wang@example.cn") -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": f"F-{customer}",
            "customer": {"id": customer, "contact": contact},
            "text": "The fridge does not cool.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )


def letter(desk: Desk, case: Case, via: str = "mail", role: str = "customer") -> str:
    """The Message-ID of the letter ``via`` the outbox holds for ``case``'s ``role``."""
    (one,) = [
        d.outgoing
        for d in desk.storage.deliveries(case_id=case.id)
        if d.outgoing.via == via and d.outgoing.payload["role"] == role
    ]
    return f"<{one.delivery_id}@shop.example>"


def reply(answers: str, sender: str = "Wang Fang <wang@example.cn>", number: int = 1) -> bytes:
    return (
        f"From: {sender}\nTo: care@shop.example\nSubject: Re: We received your complaint\n"
        f"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <reply{number}@example.cn>\n"
        f"In-Reply-To: {answers}\n\nStill warm.\n"
    ).encode()


@pytest.mark.parametrize(
    "sender", ["Wang Fang <wang@example.cn>", "WANG@Example.CN", '"Wang, Fang" <wang@EXAMPLE.cn>']
)
def test_a_reply_to_a_letter_sent_to_the_contact_lands_on_the_form_case(
    desk: Desk, sender: str, tmp_path: Path
) -> None:
    case = from_the_form(desk)
    answer = parse_mail(reply(letter(desk, case), sender))
    assert desk.intake(answer).id == case.id
    assert desk.get(case.id).complaints[-1].text == "Still warm."
    # read again it is a duplicate, not a key held by another customer
    assert desk.intake(answer).id == case.id
    (tmp_path / "r.eml").write_bytes(reply(letter(desk, case), sender))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
    assert (summary.replies, summary.already_known, summary.rejected) == (0, 1, [])
    assert len(desk.get(case.id).complaints) == 2
    assert len(desk.find()) == 1


def test_a_reply_to_a_contact_in_a_unicode_domain_matches_its_punycode(desk: Desk) -> None:
    case = from_the_form(desk, contact="wang@b\u00fccher.example")
    answer = parse_mail(reply(letter(desk, case), "wang@xn--bcher-kva.example"))
    assert desk.intake(answer).id == case.id


def test_the_customer_id_no_longer_matches_when_the_letter_went_elsewhere(desk: Desk) -> None:
    """The customer id is an address, but the letter went to the contact given: only the
    mailbox the letter reached has its id."""
    case = from_the_form(desk, customer="wang@example.cn", contact="fang@example.cn")
    assert desk.intake(parse_mail(reply(letter(desk, case)))).id != case.id
    answer = parse_mail(reply(letter(desk, case), "fang@example.cn", number=2))
    assert desk.intake(answer).id == case.id


def test_a_letter_to_the_owner_answered_by_the_owner_opens_no_reply(desk: Desk) -> None:
    """The owner's notice went to li.na@shop.example; the owner's answer to it is not the
    customer's: it is not recorded on the case as the customer's complaint, nor opens a
    case of its own (test_mail_staff_reply.py)."""
    case = from_the_form(desk)
    notice = letter(desk, case, role="owner")
    with pytest.raises(InvalidInput, match="reply from staff"):
        desk.intake(parse_mail(reply(notice, "li.na@shop.example")))
    assert len(desk.get(case.id).complaints) == 1
    assert len(desk.find()) == 1


def test_a_webhook_delivery_named_in_a_mail_is_no_letter(desk: Desk) -> None:
    """A webhook's receiver learns its delivery ids: a mail naming one from the customer's
    address is a new complaint, never recorded on the case."""
    case = from_the_form(desk, customer="wang@example.cn")  # as the mail channel opens it
    answer = desk.intake(parse_mail(reply(letter(desk, case, via="hook"))))
    assert answer.id != case.id
    assert len(desk.get(case.id).complaints) == 1


def test_a_forged_reply_from_another_customer_to_a_real_letter_opens_a_case(desk: Desk) -> None:
    mine, theirs = from_the_form(desk), from_the_form(desk, "C-2002", "zhao@example.cn")
    forged = desk.intake(parse_mail(reply(letter(desk, theirs), "wang@example.cn")))
    assert forged.id not in (mine.id, theirs.id)
    assert [len(desk.get(c.id).complaints) for c in (mine, theirs)] == [1, 1]


_LOCAL = st.from_regex(r"[a-z][a-z0-9_+-]{0,8}(\.[a-z0-9]{1,5})?", fullmatch=True)
_DOMAIN = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(cn|example|com)", fullmatch=True)


@given(_LOCAL, _DOMAIN, st.sampled_from(["", "Wang Fang ", '"Li, Na" ']), st.booleans())
def test_a_mailbox_is_itself_however_it_is_written(
    local: str, domain: str, name: str, upper: bool
) -> None:
    address = f"{local}@{domain}"
    written = f"{name}<{address.upper() if upper else address}>" if name else address
    assert same_mailbox(address, written)
    assert same_mailbox(written, address)


def _untagged(local: str) -> str:
    """The mailbox a local part delivers to (RFC 5233): ``wang+shop`` and ``wang+`` are
    wang's; a part that starts with ``+`` names no tag."""
    return local.split("+", 1)[0] or local


@given(_LOCAL, _LOCAL, _DOMAIN, _DOMAIN)
def test_two_mailboxes_are_never_one(a: str, b: str, d: str, e: str) -> None:
    """Found by the random search: ``a@a.cn`` and ``a+@a.cn`` were expected apart, though a
    tag, even an empty one, is the same mailbox's."""
    assert same_mailbox(f"{a}@{d}", f"{b}@{e}") == ((_untagged(a), d) == (_untagged(b), e))


def test_an_empty_tag_is_the_same_mailbox() -> None:
    assert same_mailbox("a@a.cn", "a+@a.cn")
    assert not same_mailbox("a@a.cn", "ab@a.cn")


@pytest.mark.parametrize(
    "other",
    ["", "wang", "wang@example.cn, zhao@example.cn", "wang@example.cn\r\nBcc: x@y.z", "+86 1"],
)
def test_what_is_not_one_mailbox_is_no_match(other: str) -> None:
    assert not same_mailbox("wang@example.cn", other)
    assert not same_mailbox(other, other)
