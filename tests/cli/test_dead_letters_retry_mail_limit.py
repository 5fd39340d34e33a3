"""A mail loop's messages dead-lettered (here for a ``Date`` in the ambiguous zone CST)
and then retried were each acknowledged: ``dead-letters retry`` took them in without the
per-sender limit ``complaintkit intake`` keeps for e-mail (``channels.mail_acknowledgements``),
so the retry sent the loop's sender a letter for every message."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
templates:
  acknowledgement: {en: {subject: "We received your complaint", body: "Thank you."}}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 25}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""


def test_retried_mail_is_acknowledged_within_the_senders_limit(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    source = tmp_path / "loop.mbox"
    source.write_text(
        "".join(
            f"From loop@example.net Tue Nov 24 10:00:00 2026\nFrom: loop@example.net\n"
            f"To: care@shop.example\nSubject: Complaint {n}\n"
            f"Date: Tue, 24 Nov 2026 10:00:00 CST\nMessage-ID: <m{n}@example.net>\n\n"
            f"The fridge does not cool {n}\n\n"
            for n in range(7)
        ),
        encoding="utf-8",
    )
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    store = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["--db", store, "--policy", str(tmp_path / "policy.yaml")]
    taken = CliRunner().invoke(command, [*args, "intake", "--channel", "email", str(source)])
    assert taken.exit_code == 3, taken.output  # every message dead-lettered
    retried = CliRunner().invoke(
        command, [*args, "dead-letters", "retry", "--all", "-o", "zone.CST=+0800"]
    )
    assert retried.exit_code == 0, retried.output
    clock = ManualClock(datetime.now(UTC))
    desk = Desk(tmp_path / "policy.yaml", storage=store, clock=clock)
    assert len(desk.find()) == 7
    sent = [d for d in desk.storage.deliveries() if d.outgoing.payload["role"] == "customer"]
    assert len(sent) == 5
    desk.storage.close()
