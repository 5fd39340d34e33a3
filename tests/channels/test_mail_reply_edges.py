"""What a reply cannot do: land on a case that ended as if it were still worked on (it is
kept on the case, the owner told, the customer not), smuggle anything through the headers
naming what it answers, or leave a history that the audit or replay cannot read back."""

from __future__ import annotations

import json
from email.message import Message
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.channels.mail_thread import MOST, answered_ids
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
  answered: {en: {subject: "The customer answered on {case.id}", body: "Read it."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
    - {"on": complaint_added, notify: [owner, customer], via: mail, template: answered}
"""
)


@pytest.fixture(name="policy")
def policy_fixture(tmp_path: Path) -> Path:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return tmp_path / "policy.yaml"


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path, policy: Path) -> Desk:
    return Desk(load_policy(policy), storage=f"sqlite:///{tmp_path / 'c.db'}")


def opened(desk: Desk) -> tuple[Case, str]:
    """A case opened from the form, and the Message-ID of its acknowledgement."""
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1001", "contact": "wang@example.cn"},
            "text": "The fridge does not cool.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    (ack,) = desk.storage.deliveries(case_id=case.id)
    return case, f"<{ack.outgoing.delivery_id}@shop.example>"


def reply(in_reply_to: str, number: int = 1) -> bytes:
    return (
        "From: Wang Fang <wang@example.cn>\nSubject: Re: We received your complaint\n"
        f"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <reply{number}@example.cn>\n"
        f"In-Reply-To: {in_reply_to}\n\nStill warm.\n"
    ).encode()


@pytest.mark.parametrize("ended", ["withdrawn", "rejected"])
def test_a_reply_to_a_case_that_ended_is_kept_on_it_and_the_owner_told(
    desk: Desk, ended: str
) -> None:
    case, letter = opened(desk)
    desk.transition(case.id, ended, actor="li.na", reason="the customer said so")
    recorded = desk.intake(parse_mail(reply(letter)))
    assert (recorded.id, recorded.status.value) == (case.id, ended)
    assert recorded.complaints[-1].text == "Still warm."
    assert len(desk.find()) == 1
    told = [
        d.outgoing.payload["role"]
        for d in desk.storage.deliveries(case_id=case.id)
        if d.outgoing.payload["event"] == "complaint_added"
    ]
    assert told == ["owner"]  # the customer of an ended case hears nothing


@pytest.mark.parametrize(
    "header",
    [
        "LETTER\r\n",  # a line break after it: folded, as any header may be
        "<a\r\n b@x> LETTER",  # an id broken by a line break is no id
        "<a<b@x>> LETTER",
        " ".join(f"<{n}@x>" for n in range(10_000)) + " LETTER",
        "<" + "a" * 1_000_000 + "@x> LETTER",
    ],
)
def test_a_header_naming_too_much_keeps_at_most_its_first_ids_and_loses_nothing(
    desk: Desk, header: str
) -> None:
    case, letter = opened(desk)
    complaint = parse_mail(reply(header.replace("LETTER", letter)))
    ids = complaint.attributes.get("replying_to", [])
    assert len(ids) <= MOST
    assert all(set(one).isdisjoint("<>\r\n \t") for one in ids)
    taken = desk.intake(complaint)  # on the case, or a case of its own: kept either way
    assert taken.id == case.id or taken.complaint.text == "Still warm."
    assert (taken.id == case.id) == (letter.strip("<>") in ids)


_PIECE = st.one_of(st.text(max_size=12), st.text(max_size=12).map(lambda t: f"<{t}>"))
_HEADER = st.lists(_PIECE, max_size=40).map("".join)


@given(_HEADER, _HEADER)
def test_the_ids_a_message_answers_are_each_one_printable_id(
    in_reply_to: str, references: str
) -> None:
    """Whatever the headers hold, what the Desk looks up is at most ``MOST`` ids, each once,
    none holding a bracket, a space or a control character."""
    mail = Message()
    mail["In-Reply-To"] = in_reply_to.replace("\r", " ").replace("\n", " ")
    mail["References"] = references.replace("\r", " ").replace("\n", " ")
    ids = answered_ids(mail)
    assert len(ids) <= MOST
    assert len(set(ids)) == len(ids)
    assert all(one.isprintable() and set(one).isdisjoint("<> \t") for one in ids)


def test_a_recorded_reply_of_a_form_case_passes_the_audit_and_replays(
    desk: Desk, policy: Path, tmp_path: Path
) -> None:
    case, letter = opened(desk)
    desk.intake(parse_mail(reply(letter)))
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(policy)]
    verified = CliRunner().invoke(command, [*base, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    replayed = CliRunner().invoke(
        command, [*base, "replay", str(policy), "--case", case.id, "--json"]
    )
    assert replayed.exit_code == 0, replayed.output
    result = json.loads(replayed.output)
    assert (result["rejected"], result["changed"]) == ([], 0)
    kinds = [e["kind"] for e in result["case"]["candidate"]["events"]]
    assert "complaint_added" in kinds
