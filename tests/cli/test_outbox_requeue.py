"""``complaintkit outbox requeue``: a dead-lettered notification is sent again once its
receiver is fixed, and ``dead-letters retry`` points there."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    en: {subject: "We received {case.id}", body: "Dear {customer.name}"}
notifications:
  notifiers: {mail: {type: refusing}, other: {type: refusing}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
    - {"on": opened, notify: [customer], via: other, template: ack}
"""
)

COMPLAINT = (
    '{"channel": "web", "external_id": "W-1", "received_at": "2026-11-23T09:00:00+08:00", '
    '"customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"}, "text": "late"}\n'
)


class Refusing:
    """Refuses every message for good while ``refusing`` is set, then delivers."""

    refusing: ClassVar[bool] = True
    sent: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        if self.refusing:
            raise DeliveryFailed("550 no such mailbox", final=True)
        self.sent.append(message)


class RefusingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("refusing", Refusing)


def run(tmp_path: Path, *args: str) -> Any:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(RefusingPlugin())
    env = {
        "COMPLAINTKIT_DB": f"sqlite:///{tmp_path / 'cases.db'}",
        "COMPLAINTKIT_POLICY": str(tmp_path / "policy.yaml"),
    }
    return CliRunner().invoke(build_cli(Plugins(pm)), list(args), env=env)


def test_a_dead_delivery_is_requeued_and_sent_again(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    assert run(tmp_path, "deliver").output == "0 delivered, 0 to retry later, 2 dead-lettered\n"

    letters = json.loads(run(tmp_path, "dead-letters", "list", "--json").output)
    mail_letter = next(letter for letter in letters if letter["source"].startswith("notify:mail:"))
    retried = run(tmp_path, "dead-letters", "retry", str(mail_letter["id"]))
    assert "complaintkit outbox requeue" in retried.output
    assert "the delivery worker resends it" not in retried.output

    Refusing.refusing = False
    requeued = run(tmp_path, "outbox", "requeue", "--all", "--via", "mail")
    assert requeued.exit_code == 0, requeued.output
    assert requeued.output == "1 delivery requeued\n"
    assert run(tmp_path, "deliver").output == "1 delivered, 0 to retry later, 0 dead-lettered\n"
    assert [m.delivery_id for m in Refusing.sent] != []

    (dead,) = json.loads(run(tmp_path, "outbox", "--state", "dead", "--json").output)
    requeued = run(tmp_path, "outbox", "requeue", dead["delivery_id"])
    assert requeued.output == "1 delivery requeued\n"
    assert run(tmp_path, "outbox", "--state", "dead").output == "0 deliveries\n"
    assert run(tmp_path, "outbox", "requeue").exit_code == 2  # neither ids nor --all


def test_the_outbox_is_still_listed_with_its_options(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}").close()
    assert run(tmp_path, "outbox", "--state", "pending").output == "0 deliveries\n"


class Hostile:
    """Fails as a receiver might: its answer holds a terminal escape and a line break."""

    def send(self, message: Message) -> None:
        raise DeliveryFailed("451 \x1b[2J\x1b]0;pwned\x07\n     9 delivered  forged row")


class HostilePlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("hostile", Hostile)


def test_the_outbox_shows_a_receivers_answer_inert_on_one_row(tmp_path: Path) -> None:
    policy = POLICY.replace(
        "{mail: {type: refusing}, other: {type: refusing}}",
        "{mail: {type: hostile}, other: {type: hostile}}",
    )
    (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(HostilePlugin())
    env = {
        "COMPLAINTKIT_DB": f"sqlite:///{tmp_path / 'cases.db'}",
        "COMPLAINTKIT_POLICY": str(tmp_path / "policy.yaml"),
    }
    cli = build_cli(Plugins(pm))
    for args in (["intake", str(tmp_path / "in.jsonl")], ["deliver"]):
        assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    shown = CliRunner().invoke(cli, ["outbox", "--state", "pending"], env=env).output
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert shown.splitlines()[-1] == "2 deliveries"
    assert len(shown.splitlines()) == 3  # one row each, and the count


def test_requeue_takes_the_ids_the_listing_shows_and_names_those_it_cannot(
    tmp_path: Path,
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    run(tmp_path, "intake", str(tmp_path / "in.jsonl"))
    run(tmp_path, "deliver")
    mail, other = json.loads(run(tmp_path, "outbox", "--state", "dead", "--json").output)
    listed = run(tmp_path, "outbox", "--state", "dead").output
    assert mail["delivery_id"] in listed
    assert other["delivery_id"] in listed

    typo = run(tmp_path, "outbox", "requeue", mail["delivery_id"], "no-such-delivery")
    assert typo.exit_code == 2
    assert "no-such-delivery" in typo.output
    assert len(json.loads(run(tmp_path, "outbox", "--state", "dead", "--json").output)) == 2

    elsewhere = run(tmp_path, "outbox", "requeue", "--via", "other", mail["delivery_id"])
    assert elsewhere.exit_code == 2
    assert mail["delivery_id"] in elsewhere.output

    Refusing.refusing = False
    assert run(tmp_path, "outbox", "requeue", mail["delivery_id"]).output == (
        "1 delivery requeued\n"
    )
    again = run(tmp_path, "outbox", "requeue", mail["delivery_id"])  # pending now, not dead
    assert again.exit_code == 2


def test_a_message_never_enqueued_is_not_pointed_at_requeue(tmp_path: Path) -> None:
    """A customer without a contact gets no acknowledgement: the letter says so, and
    `outbox requeue` has nothing of it to send (it would resend other dead ones)."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(
        COMPLAINT.replace(', "contact": "sam@example.com"', ""), encoding="utf-8"
    )
    Refusing.refusing, Refusing.sent = True, []
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    letters = json.loads(run(tmp_path, "dead-letters", "list", "--json").output)
    assert [letter["source"] for letter in letters] == ["notify:mail", "notify:other"]
    retried = run(tmp_path, "dead-letters", "retry", str(letters[0]["id"]))
    assert retried.exit_code == 0, retried.output
    assert "outbox requeue" not in retried.output
    assert "purge" in retried.output


def test_a_dead_deliverys_letter_names_the_delivery_to_requeue(tmp_path: Path) -> None:
    """The letter's source is ``notify:<notifier>:<delivery id>``: listed and retried, it
    says which delivery `outbox requeue` sends again."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    run(tmp_path, "intake", str(tmp_path / "in.jsonl"))
    run(tmp_path, "deliver")
    mail, other = json.loads(run(tmp_path, "outbox", "--state", "dead", "--json").output)
    listed = run(tmp_path, "dead-letters", "list").output.splitlines()
    assert [f"notify:mail:{mail['delivery_id']}" in row for row in listed] == [True, False]
    assert [f"notify:other:{other['delivery_id']}" in row for row in listed] == [False, True]

    retried = run(tmp_path, "dead-letters", "retry", "--all").output
    assert f"complaintkit outbox requeue {mail['delivery_id']}" in retried
    assert f"complaintkit outbox requeue {other['delivery_id']}" in retried


def test_a_letter_kept_before_letters_named_their_delivery_points_at_its_notifier(
    tmp_path: Path,
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    run(tmp_path, "intake", str(tmp_path / "in.jsonl"))
    run(tmp_path, "deliver")
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        storage.purge_dead_letters([letter.id for letter in storage.dead_letters()])
        storage.dead_letter("notify:mail", b"{}", "gave up: 550", datetime.now(UTC))
    retried = run(tmp_path, "dead-letters", "retry", "--all").output
    assert "complaintkit outbox requeue --all --via mail" in retried


def test_a_notifier_name_is_shown_inert_in_the_outbox(tmp_path: Path) -> None:
    """A notifier's name comes from a policy file; an escape in it must not act on the
    operator's terminal when the outbox lists its deliveries."""
    name = "mail\x1b[2J"
    policy = POLICY.replace("{mail: {type: refusing}", f'{{"{name}": {{type: refusing}}')
    policy = policy.replace("via: mail,", f'via: "{name}",')
    (tmp_path / "policy.yaml").write_text(policy.replace("\x1b", "\\e"), encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    shown = run(tmp_path, "outbox").output
    assert "\x1b" not in shown
    assert "mail\\x1b[2J" in shown


def test_requeue_takes_json_as_every_command_does(tmp_path: Path) -> None:
    """README: every command takes --json; requeue prints how many it put back."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    run(tmp_path, "intake", str(tmp_path / "in.jsonl"))
    run(tmp_path, "deliver")
    requeued = run(tmp_path, "outbox", "requeue", "--all", "--via", "mail", "--json")
    assert requeued.exit_code == 0, requeued.output
    assert json.loads(requeued.output) == {"requeued": 1}
    (other,) = json.loads(run(tmp_path, "outbox", "--state", "dead", "--json").output)
    assert other["via"] == "other"  # the one not through --via stays dead


def test_a_message_never_enqueued_beside_dead_deliveries_is_not_pointed_at_them(
    tmp_path: Path,
) -> None:
    """Ann gave no contact; Sam's acknowledgement went dead on the same notifier. Ann's
    letter told the operator to `outbox requeue --all --via mail`: that resends Sam's, and
    Ann's, which no delivery holds, is purged as handled and never sent."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    without = COMPLAINT.replace(', "contact": "sam@example.com"', "").replace("W-1", "W-2")
    (tmp_path / "in.jsonl").write_text(COMPLAINT + without, encoding="utf-8")
    Refusing.refusing, Refusing.sent = True, []
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    run(tmp_path, "deliver")
    letters = json.loads(run(tmp_path, "dead-letters", "list", "--json").output)
    (unaddressed,) = [letter for letter in letters if letter["source"] == "notify:mail"]
    retried = run(tmp_path, "dead-letters", "retry", str(unaddressed["id"]))
    assert retried.exit_code == 0, retried.output
    assert "outbox requeue" not in retried.output
    assert "no address" in retried.output
    assert "purge" in retried.output
