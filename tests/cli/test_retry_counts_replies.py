"""``dead-letters retry`` of a customer's reply, refused while its case was out of reach, said
``0 new cases, 1 already known``: the reply it had just recorded on its case was reported
as a duplicate, so an operator read that nothing had happened. It is counted as a reply."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  rules: [{"on": opened, notify: [customer], via: mail, template: ack}]
"""
)


def test_a_retried_reply_is_counted_as_recorded_on_its_case(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=db)
    case = desk.intake(
        {
            "channel": "email",
            "external_id": "first@example.cn",
            "customer": {"id": "wang@example.cn", "contact": "wang@example.cn"},
            "text": "The fridge does not cool.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    (ack,) = desk.storage.deliveries(case_id=case.id)
    with desk.storage.transaction():  # the outbox row edited outside complaintkit
        desk.storage._db.execute("UPDATE outbox SET case_id = 'CK-20261123-GONE00'")  # type: ignore[attr-defined]
    (tmp_path / "r.eml").write_bytes(
        b"From: wang@example.cn\nSubject: Re: ours\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
        b"Message-ID: <reply1@example.cn>\n"
        + f"In-Reply-To: <{ack.outgoing.delivery_id}@shop.example>\n\nStill warm.\n".encode()
    )
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", db, "--policy", str(tmp_path / "policy.yaml")]
    refused = CliRunner().invoke(
        command, [*base, "intake", "--channel", "email", str(tmp_path / "r.eml")]
    )
    assert "1 dead-lettered" in refused.output
    with desk.storage.transaction():
        desk.storage._db.execute("UPDATE outbox SET case_id = ?", (case.id,))  # type: ignore[attr-defined]
    retried = CliRunner().invoke(command, [*base, "dead-letters", "retry", "--all"])
    assert retried.exit_code == 0, retried.output
    assert (
        "0 new cases, 1 replies recorded on the case of the letter they answer, 0 already known"
        in retried.output
    )
    assert [c.text for c in desk.get(case.id).complaints][1:] == ["Still warm."]
