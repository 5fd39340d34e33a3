"""A mail loop's messages dead-lettered (here for a ``Date`` in the ambiguous zone CST)
and then retried were each acknowledged: ``dead-letters retry`` took them in without the
per-sender limit ``complaintkit intake`` keeps for e-mail (``channels.mail_acknowledgements``),
so the retry sent the loop's sender a letter for every message. Then it kept the default
limit (5 an hour) whatever ``--mail-acknowledgements`` the intake ran with: an operator who
allowed 2 an hour had 5 sent on retry. Retry takes the same two options as intake, with
the same defaults."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint", body: "Thank you."}}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 25}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)


def loop(path: Path, tagged: bool = False) -> str:
    """Seven messages of a loop dated in CST, which intake refuses as ambiguous; ``tagged``:
    each from another ``+`` tag of the one mailbox."""
    path.write_text(
        "".join(
            f"From loop@example.net Tue Nov 24 10:00:00 2026\n"
            f"From: loop{f'+{n}' if tagged else ''}@example.net\n"
            f"To: care@shop.example\nSubject: Complaint {n}\n"
            f"Date: Tue, 24 Nov 2026 10:00:00 CST\nMessage-ID: <m{n}@example.net>\n\n"
            f"The fridge does not cool {n}\n\n"
            for n in range(7)
        ),
        encoding="utf-8",
    )
    return str(path)


def acknowledged(tmp_path: Path, *limit: str, tagged: bool = False) -> tuple[Desk, int]:
    """Take the loop in (all dead-lettered), retry it with zone CST given; the desk and how
    many acknowledgements went out."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    store = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["--db", store, "--policy", str(tmp_path / "policy.yaml")]
    source = loop(tmp_path / "loop.mbox", tagged)
    taken = CliRunner().invoke(command, [*args, "intake", "--channel", "email", *limit, source])
    assert taken.exit_code == 3, taken.output  # every message dead-lettered
    retried = CliRunner().invoke(
        command, [*args, "dead-letters", "retry", "--all", *limit, "-o", "zone.CST=+0800"]
    )
    assert retried.exit_code == 0, retried.output
    desk = Desk(tmp_path / "policy.yaml", storage=store, clock=ManualClock(datetime.now(UTC)))
    assert len(desk.find()) == 7
    sent = [d for d in desk.storage.deliveries() if d.outgoing.payload["role"] == "customer"]
    return desk, len(sent)


def test_retried_mail_is_acknowledged_within_the_senders_limit(tmp_path: Path) -> None:
    desk, sent = acknowledged(tmp_path)
    assert sent == 5
    desk.storage.close()


def test_retry_keeps_the_limit_the_operator_gives(tmp_path: Path) -> None:
    limit = ["--mail-acknowledgements", "2", "--mail-acknowledgement-period", "7200"]
    desk, sent = acknowledged(tmp_path, *limit, tagged=True)
    assert sent == 2
    withheld = [
        e.data["acknowledgement_withheld"]
        for case in desk.find()
        for e in desk.history(case.id)
        if "acknowledgement_withheld" in e.data
    ]
    assert len(withheld) == 5
    assert all("2 hours" in why for why in withheld)
    desk.storage.close()


def test_retry_says_its_limit_in_help() -> None:
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    shown = CliRunner().invoke(command, ["dead-letters", "retry", "--help"])
    assert "--mail-acknowledgements" in shown.output
    assert "--mail-acknowledgement-period" in shown.output
