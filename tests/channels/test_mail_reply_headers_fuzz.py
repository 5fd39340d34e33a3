"""Whatever an e-mail's In-Reply-To and References say — a letter of ours, the customer's
own message, garbage, text no parser reads — the message is never lost: it lands on the
case of the letter it answers, opens a case, or is kept as a dead letter."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "Case {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)

COMPLAINT = (
    b"From: wang@example.cn\nSubject: Broken\nDate: Mon, 23 Nov 2026 09:05:00 +0800\n"
    b"Message-ID: <first@example.cn>\n\nThe fridge does not cool.\n"
)
NUMBERS = itertools.count()


@pytest.fixture(name="desk", scope="module")
def desk_fixture(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage="memory:")
    desk.intake(parse_mail(COMPLAINT))
    return desk


def ours(desk: Desk) -> str:
    letter = desk.storage.deliveries()[0]  # the first case's acknowledgement
    return f"<{letter.outgoing.delivery_id}@shop.example>"


PIECES = st.one_of(
    st.sampled_from(["OURS", "<first@example.cn>", "<>", "<", ">", "@", " ", "\t", "\n "]),
    st.text(max_size=30),
    st.text(alphabet="<>@ab.-\u5305\udcff", max_size=30),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    in_reply_to=st.lists(PIECES, max_size=6),
    references=st.lists(PIECES, max_size=6),
    sender=st.sampled_from(["wang@example.cn", "zhao@example.cn"]),
)
@example(in_reply_to=["OURS"], references=[], sender="wang@example.cn")  # a reply
@example(in_reply_to=["x", "OURS"], references=["\u5305"], sender="zhao@example.cn")  # no
def test_a_message_with_any_reference_headers_is_never_lost(
    desk: Desk,
    tmp_path_factory: pytest.TempPathFactory,
    in_reply_to: list[str],
    references: list[str],
    sender: str,
) -> None:
    number = next(NUMBERS)
    headers = "".join(
        f"{name}: {''.join(pieces).replace('OURS', ours(desk))}\n"
        for name, pieces in (("In-Reply-To", in_reply_to), ("References", references))
        if pieces
    )
    raw = (
        f"From: {sender}\nSubject: Re: Case\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <m{number}@example.cn>\n{headers}\nWord {number}.\n"
    ).encode("utf-8", "surrogateescape")
    path = tmp_path_factory.mktemp("in") / "m.eml"
    path.write_bytes(raw)
    letters = len(desk.storage.dead_letters())
    summary = take_in(desk, "email", MailChannel().read(str(path)))
    assert summary.opened + summary.replies + summary.already_known + len(summary.rejected) == 1
    case = desk.storage.find_by_key("email", f"m{number}@example.cn")
    if summary.rejected:
        assert case is None
        assert len(desk.storage.dead_letters()) == letters + 1
        assert desk.storage.dead_letters()[-1].raw == raw
        return
    assert case is not None
    (taken,) = [c for c in case.complaints if c.external_id == f"m{number}@example.cn"]
    assert f"Word {number}." in taken.text  # (a line break in a header may start the body)
    replied = case.complaints[0].external_id == "first@example.cn"
    assert replied == (summary.replies == 1)
    if replied:
        assert sender == "wang@example.cn"
        assert "OURS" in in_reply_to + references
