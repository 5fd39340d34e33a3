"""A customer's e-mail reply to a letter complaintkit sent lands on the letter's case: it
opened a second case, started new SLA clocks, and the first case never learnt the customer
had answered. The letter goes out through a real SMTP server (aiosmtpd); the reply comes
back through the mail channel, from the CLI and from Python."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from smtp_inbox import ParsedInbox, receiving

POLICY = (
    MINIMAL_POLICY
    + """\
calendars:
  office: {timezone: Asia/Shanghai, hours: 24x7}
sla:
  calendar: office
  targets:
    - first_response: 48h
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
  answered: {en: {subject: "The customer answered on {case.id}", body: "Read it."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": complaint_added, notify: [owner], via: mail, template: answered}
"""
)

COMPLAINT = b"""\
From: Wang Fang <wang@example.cn>
To: care@shop.example
Subject: The fridge does not cool
Date: Mon, 23 Nov 2026 09:05:00 +0800
Message-ID: <first@example.cn>

The fridge I bought last week does not cool.
"""


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[ParsedInbox, int]]:
    with receiving(ParsedInbox()) as server:
        yield server


@pytest.fixture(name="policy")
def policy_fixture(tmp_path: Path, server: tuple[ParsedInbox, int]) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("PORT", str(server[1])), encoding="utf-8")
    return path


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path, policy: Path) -> Iterator[Desk]:
    desk = Desk(load_policy(policy), storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with desk.storage:
        yield desk


def acknowledged(desk: Desk, mailbox: ParsedInbox) -> tuple[Case, str]:
    """The case the complaint opened and the Message-ID of the letter it was sent."""
    case = desk.intake(parse_mail(COMPLAINT))
    assert desk.deliver().delivered == 1
    (letter,) = mailbox.received
    return case, str(letter["Message-ID"])


def reply(
    answers: str, *, sender: str = "wang@example.cn", number: int = 1, text: str = "Still warm."
) -> bytes:
    return (
        f"From: Wang Fang <{sender}>\nTo: care@shop.example\n"
        "Subject: Re: We received your complaint\n"
        f"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <reply{number}@example.cn>\n"
        f"In-Reply-To: {answers}\nReferences: {answers}\n\n{text}\n"
    ).encode()


def cli(tmp_path: Path, policy: Path, *args: str) -> tuple[int, str]:
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(policy)]
    result = CliRunner().invoke(command, [*base, *args])
    return result.exit_code, result.output


def test_a_reply_in_an_mbox_is_recorded_on_its_case_from_the_cli(
    desk: Desk, server: tuple[ParsedInbox, int], policy: Path, tmp_path: Path
) -> None:
    case, letter = acknowledged(desk, server[0])
    clocks = [e for e in desk.history(case.id) if e.kind == "sla_started"]
    box = tmp_path / "inbox.mbox"
    box.write_bytes(b"From wang@example.cn Tue Nov 24 10:00:00 2026\n" + reply(letter))
    code, output = cli(tmp_path, policy, "intake", "--channel", "email", str(box))
    assert code == 0, output
    assert output.startswith("1 taken in (0 new cases, 1 replies recorded on the case")
    (only,) = desk.find()
    assert only.id == case.id
    assert [c.text for c in only.complaints] == [
        "The fridge I bought last week does not cool.",
        "Still warm.",
    ]
    assert [e for e in desk.history(case.id) if e.kind == "sla_started"] == clocks
    added = desk.history(case.id)[-1]
    assert added.kind == "complaint_added"
    assert f"<{added.data['replying_to']}@shop.example>" == letter
    code, shown = cli(tmp_path, policy, "cases", "show", case.id)
    assert code == 0, shown
    assert shown.splitlines()[-1].endswith(f"complaint_added — {added.reason}: Still warm.")
    code, output = cli(tmp_path, policy, "intake", "--channel", "email", "--json", str(box))
    assert code == 0, output
    assert '"replies": 0' in output
    assert '"duplicates": 1' in output
    assert desk.history(case.id)[-1] == added
    assert added.actor == "customer:wang@example.cn"  # the customer acted, not the policy
    code, output = cli(tmp_path, policy, "audit", "verify", "--json")
    assert code == 0, output
    code, output = cli(tmp_path, policy, "replay", str(policy), "--case", case.id, "--json")
    assert code == 0, output
    replayed = json.loads(output)
    assert replayed["rejected"] == []
    assert replayed["changed"] == 0
    assert "complaint_added" in [e["kind"] for e in replayed["case"]["candidate"]["events"]]


def test_a_reply_taken_in_from_python_lands_on_its_case(
    desk: Desk, server: tuple[ParsedInbox, int], tmp_path: Path
) -> None:
    case, letter = acknowledged(desk, server[0])
    assert desk.intake(parse_mail(reply(letter))).id == case.id
    (tmp_path / "again.eml").write_bytes(reply(letter, number=2, text="Any news?"))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "again.eml")))
    assert (summary.opened, summary.replies, summary.rejected) == (0, 1, [])
    assert desk.intake(parse_mail(reply(letter))).id == case.id  # taken in again: known
    assert [c.text for c in desk.get(case.id).complaints][1:] == ["Still warm.", "Any news?"]
    assert desk.deliver().delivered == 2
    told = [(m["To"], m["Subject"]) for m in server[0].received[1:]]
    assert told == [("li.na@shop.example", f"The customer answered on {case.id}")] * 2


def test_a_reply_to_a_closed_case_is_recorded_and_the_case_stays_closed(
    desk: Desk, server: tuple[ParsedInbox, int]
) -> None:
    case, letter = acknowledged(desk, server[0])
    desk.transition(case.id, "investigating", actor="li.na")
    desk.resolve(case.id, "Replaced the fridge", actor="li.na")
    desk.close(case.id, actor="li.na")
    recorded = desk.intake(parse_mail(reply(letter, text="The new one is broken too.")))
    assert recorded.id == case.id
    assert recorded.status.value == "closed"
    assert recorded.complaints[-1].text == "The new one is broken too."
    assert len(desk.find()) == 1


def test_a_reply_to_a_case_waiting_on_the_customer_takes_it_back_and_its_clock_runs_again(
    desk: Desk, server: tuple[ParsedInbox, int]
) -> None:
    """The case waits for the customer's answer, its first-response clock paused: the answer
    by e-mail is what it waited for, so the case goes back to investigating and the clock
    runs again (it stayed paused, and the page kept asking for an answer already given)."""
    case, letter = acknowledged(desk, server[0])
    desk.transition(case.id, "investigating", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="need the receipt")
    assert desk.get(case.id).clocks.metrics["first_response"].state == "paused"
    recorded = desk.intake(parse_mail(reply(letter, text="The receipt is attached.")))
    assert recorded.id == case.id
    assert recorded.status.value == "investigating"
    assert recorded.clocks.metrics["first_response"].state == "running"
    moved = next(e for e in reversed(desk.history(case.id)) if e.kind == "transitioned")
    assert (moved.data["from"], moved.data["to"]) == ("waiting_on_customer", "investigating")
    assert moved.actor == "customer:wang@example.cn"
    assert letter.strip("<>").partition("@")[0] in moved.reason


@pytest.mark.parametrize(
    ("answers", "sender"),
    [
        ("<8906695a-0e5c-4eea-9155-981ec6868763@shop.example>", "wang@example.cn"),  # none of ours
        ("<first@example.cn>", "wang@example.cn"),  # the customer's own message
        (None, "zhao@example.cn"),  # our letter, answered from another address
        ("<not a message id>", "wang@example.cn"),
    ],
)
def test_a_reply_to_no_letter_of_the_customers_opens_a_new_case(
    desk: Desk, server: tuple[ParsedInbox, int], answers: str | None, sender: str
) -> None:
    case, letter = acknowledged(desk, server[0])
    opened = desk.intake(parse_mail(reply(answers or letter, sender=sender)))
    assert opened.id != case.id
    assert opened.complaint.text == "Still warm."
    assert len(desk.get(case.id).complaints) == 1


def test_a_reply_to_a_case_the_store_no_longer_holds_is_a_dead_letter(
    desk: Desk, server: tuple[ParsedInbox, int], tmp_path: Path
) -> None:
    case, letter = acknowledged(desk, server[0])
    gone = "CK-20261123-GONE00"
    with desk.storage.transaction():  # the outbox row edited outside complaintkit
        desk.storage._db.execute("UPDATE outbox SET case_id = ?", (gone,))  # type: ignore[attr-defined]
    (tmp_path / "r.eml").write_bytes(reply(letter))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
    ((_, reason),) = summary.rejected
    assert gone in reason
    assert letter.strip("<>").split("@")[0] in reason
    assert [c.id for c in desk.find()] == [case.id]
    (kept,) = desk.storage.dead_letters()
    assert (kept.source, kept.reason) == ("complaint:email:reply1@example.cn", reason)
    assert "Still warm." in kept.raw.decode()


def test_the_docs_reply_example_lands_on_the_acknowledged_case(
    desk: Desk, server: tuple[ParsedInbox, int], policy: Path, tmp_path: Path
) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "intake.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```eml\n(.*?)```", doc, flags=re.S)
    (session,) = [b for b in re.findall(r"```text\n(.*?)```", doc, flags=re.S) if "reply" in b]
    command, shown = session.splitlines()
    case, letter = acknowledged(desk, server[0])
    written = re.search(r"In-Reply-To: (<.*>)", example)
    assert written is not None
    (tmp_path / "reply.eml").write_text(example.replace(written[1], letter), encoding="utf-8")
    args = shlex.split(command.removeprefix("$ "))[1:]
    args[args.index("--db") + 1] = f"sqlite:///{tmp_path / 'cases.db'}"
    args[args.index("--policy") + 1] = str(policy)
    args[-1] = str(tmp_path / "reply.eml")
    result = CliRunner().invoke(build_cli(Plugins(plugin_manager(load_entrypoints=False))), args)
    assert (result.exit_code, result.output) == (0, shown + "\n")
    assert desk.get(case.id).complaints[-1].text == "The fridge is still warm."


def test_a_reply_another_intake_recorded_meanwhile_is_not_added_twice(
    desk: Desk, server: tuple[ParsedInbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two intakes of one mailbox at once: the other records the reply between this one's
    look-up of its key (not yet held) and its own recording."""
    case, letter = acknowledged(desk, server[0])
    other = Desk(desk.policy, storage=desk.storage)
    monkeypatch.setattr(desk.storage, "find_by_key", lambda *key: None)
    monkeypatch.setattr(desk.storage, "find_by_keys", lambda keys: {})
    assert other.intake(parse_mail(reply(letter))).id == case.id
    assert desk.intake(parse_mail(reply(letter))).id == case.id
    summary = take_in(desk, "email", iter([parse_mail(reply(letter))]))
    assert (summary.replies, summary.already_known, summary.rejected) == (0, 1, [])
    assert [c.text for c in desk.get(case.id).complaints][1:] == ["Still warm."]


def test_a_reply_quoting_its_letter_keeps_the_status_token_out_of_the_case(
    tmp_path: Path, server: tuple[ParsedInbox, int]
) -> None:
    """The customer's mail program quotes our letter, status link and all: the token opens
    the case's status page, so it stays out of the case's history, which the events feed,
    webhooks and brokers publish and every agent reads."""
    linked = tmp_path / "linked.yaml"
    text = POLICY.replace("PORT", str(server[1]))
    text = text.replace('body: "Thank you."', 'body: "Thank you. Track it: {case.status_url}"')
    text = text.replace(
        "  rules:\n", "  status_url: https://shop.example/track?t={token}\n  rules:\n"
    )
    linked.write_text(text, encoding="utf-8")
    desk = Desk(load_policy(linked), storage=f"sqlite:///{tmp_path / 'linked.db'}")
    case, letter = acknowledged(desk, server[0])
    quoted = server[0].received[0].get_body(("plain",))
    assert quoted is not None
    assert case.status_token in quoted.get_content()
    answer = "Still warm.\n\n> " + quoted.get_content().replace("\n", "\n> ")
    desk.intake(parse_mail(reply(letter, text=answer, number=9)))
    added = [e for e in desk.history(case.id) if e.kind == "complaint_added"]
    assert len(added) == 1
    assert "Still warm." in added[0].data["complaint"]["text"]
    assert "https://shop.example/track?t=" in added[0].data["complaint"]["text"]
    page = desk.storage.events_since(None, 100)
    published = json.dumps([e.published_json() for e in page.events])
    stored = json.dumps([e.to_json() for e in desk.history(case.id) if e.kind != "opened"])
    assert case.status_token not in published
    assert case.status_token not in stored
    assert desk.storage.find_by_token(case.status_token) is not None  # the page still opens
