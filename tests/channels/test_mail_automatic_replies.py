"""An e-mail software sent (an out-of-office reply, a system relaying complaints) opens a
case, since its words may be a complaint, but its customer is sent nothing on opening: an
acknowledgement to an out-of-office reply was answered by another, which opened another
case, acknowledged in turn — a mail loop (RFC 3834 forbids replying automatically)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
  owner_notice: {en: {subject: "New complaint", body: "{case.id}"}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": opened, notify: [owner], via: mail, template: owner_notice}
"""
)


#: A person's subject: "Automatic reply: …" alone says software sent it (mail_automatic).
PERSON = "Re: We received your complaint CK-1"


def mail(
    *headers: str,
    sender: str = "wang@example.cn",
    number: int = 1,
    subject: str = "Automatic reply: We received your complaint CK-1",
) -> bytes:
    return (
        f"From: Wang Fang <{sender}>\n"
        + "".join(f"{h}\n" for h in headers)
        + f"To: care@shop.example\nSubject: {subject}\n"
        f"Date: Mon, 23 Nov 2026 09:05:00 +0800\nMessage-ID: <r{number}@example.cn>\n\n"
        "I am out of the office until 30 November. The fridge I bought still does not cool.\n"
    ).encode()


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with desk.storage:
        yield desk


def sent_to(desk: Desk) -> list[str]:
    return sorted(d.outgoing.payload["role"] for d in desk.storage.deliveries("pending"))


def taken(desk: Desk, tmp_path: Path, message: bytes) -> str | None:
    """The one case ``message`` opens: why its acknowledgement was withheld, if it was."""
    (tmp_path / "in.eml").write_bytes(message)
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "in.eml")))
    assert (summary.opened, summary.rejected) == (1, [])
    (case,) = desk.find()
    opened = desk.storage.events(case.id)[0]
    withheld = opened.data.get("acknowledgement_withheld")
    assert withheld is None or isinstance(withheld, str)
    return withheld


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied"),
        ("Auto-Submitted: Auto-Generated (a relay)", "Auto-Submitted: auto-generated"),
        ("Auto-Submitted: auto-notified; owner-email=x@y", "Auto-Submitted: auto-notified"),
        ("Precedence: bulk", "Precedence: bulk"),
        ("Precedence: JUNK", "Precedence: junk"),
        ("Precedence: auto_reply", "Precedence: auto_reply"),
        ("X-Autoreply: yes", "X-Autoreply: yes"),
        ("X-Autorespond: Out of office", "X-Autorespond: Out of office"),
        ("X-Auto-Response-Suppress: All", "X-Auto-Response-Suppress: All"),
        ("X-Auto-Response-Suppress: DR, OOF, AutoReply", "X-Auto-Response-Suppress: DR, OOF"),
        # RFC 3834 asks an automatic reply to be sent with a null sender: no bounce
        ("Return-Path: <>\nAuto-Submitted: auto-replied", "Auto-Submitted: auto-replied"),
    ],
)
def test_an_automatic_message_opens_a_case_its_customer_hears_nothing_of(
    desk: Desk, tmp_path: Path, header: str, named: str
) -> None:
    withheld = taken(desk, tmp_path, mail(header))
    assert withheld is not None
    assert named in withheld
    assert "RFC 3834" in withheld
    (case,) = desk.find()
    assert case.complaint.attributes["automatic"].startswith(named)
    assert sent_to(desk) == ["owner"]  # the owner is told as usual


def test_mail_from_postmaster_is_automatic(desk: Desk, tmp_path: Path) -> None:
    withheld = taken(desk, tmp_path, mail(sender="Postmaster@mx.example.cn"))
    assert withheld is not None
    assert "From: Postmaster@mx.example.cn" in withheld
    assert sent_to(desk) == ["owner"]


@pytest.mark.parametrize(
    "headers",
    [
        [],
        ["Auto-Submitted: no"],
        ["X-Autoreply: no"],
        ["X-Auto-Response-Suppress: DR, RN, NRN"],
        # a support address run as a mailing list (a Google Group) marks every complaint so
        ["Precedence: list", "List-Id: <support.shop.example>", "List-Unsubscribe: <mailto:x>"],
    ],
)
def test_a_person_s_message_is_acknowledged(desk: Desk, tmp_path: Path, headers: list[str]) -> None:
    assert taken(desk, tmp_path, mail(*headers, subject=PERSON)) is None
    (case,) = desk.find()
    assert "automatic" not in case.complaint.attributes
    assert sent_to(desk) == ["customer", "owner"]


def test_a_complaint_marked_automatic_is_withheld_whatever_takes_it_in(desk: Desk) -> None:
    """A retried dead letter, a JSON line or a plugin's channel: the Desk reads the mark."""
    desk.intake(
        {
            "channel": "relay",
            "external_id": "r1",
            "received_at": "2026-11-23T01:00:00Z",
            "customer": {"id": "wang@example.cn", "contact": "wang@example.cn"},
            "text": "The fridge does not cool.",
            "attributes": {"automatic": "complaint relay"},
        }
    )
    assert sent_to(desk) == ["owner"]


def test_intake_of_an_out_of_office_reply_sends_the_customer_nothing(
    desk: Desk, tmp_path: Path
) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(
        b"From wang@example.cn Mon Nov 23 09:05:00 2026\n"
        + mail("Auto-Submitted: auto-replied")
        + b"\nFrom li@example.cn Mon Nov 23 09:06:00 2026\n"
        + mail(sender="li@example.cn", number=2, subject=PERSON)
    )
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    base = ["--db", db, "--policy", str(tmp_path / "policy.yaml")]
    result = CliRunner().invoke(cli, [*base, "intake", "--channel", "email", str(box)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 taken in (2 new cases")
    customers = [
        d.outgoing.payload["to"]
        for d in desk.storage.deliveries("pending")
        if d.outgoing.payload["role"] == "customer"
    ]
    assert customers == ["li@example.cn"]


def test_the_docs_example_opens_one_case_acknowledges_nothing_and_keeps_the_bounce(
    desk: Desk, tmp_path: Path
) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "intake.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```mbox\n(.*?)```", doc, flags=re.S)
    (shown,) = re.findall(r"^  inbox\.mbox#2: (.*)$", doc, flags=re.M)
    (tmp_path / "inbox.mbox").write_text(example, encoding="utf-8")
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "inbox.mbox")))
    assert (summary.opened, summary.rejected) == (1, [("inbox.mbox#2", shown)])
    assert sent_to(desk) == ["owner"]
