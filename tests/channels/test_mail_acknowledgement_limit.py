"""Two autoresponders answering each other through the intake mailbox (a mail loop), or a
script mailing complaints from one address, had every message open a case and every case
acknowledged: the form's limit per address does not cover e-mail. The e-mail intake now
acknowledges one sender at most ``count`` times in any ``period`` (5 an hour by default),
counted from the cases their mail opened in the store, so across runs and processes; the
cases past it are kept, their ``opened`` event saying why nothing was sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from shop_mail_policy import mail_policy

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_acknowledgements import MailAcknowledgements
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

LIMIT = MailAcknowledgements()
POLICY = mail_policy(("acknowledgement", "opened"))


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    desk = Desk(tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    with desk.storage:
        yield desk


def mbox(path: Path, sender: str, numbers: range) -> str:
    path.write_text(
        "".join(
            f"From {sender} Tue Nov 24 10:00:00 2026\nFrom: {sender}\nTo: care@shop.example\n"
            f"Subject: Complaint {n}\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
            f"Message-ID: <m{n}.{sender}>\n\n\u51b0\u7bb1\u4e0d\u5236\u51b7 {n}\n\n"
            for n in numbers
        ),
        encoding="utf-8",
    )
    return str(path)


def acknowledged(desk: Desk) -> int:
    return len([d for d in desk.storage.deliveries() if d.outgoing.payload["role"] == "customer"])


def test_one_sender_is_acknowledged_five_times_an_hour(desk: Desk, tmp_path: Path) -> None:
    source = mbox(tmp_path / "a.mbox", "loop@example.net", range(4))
    take_in(
        desk, "email", MailChannel(format="mbox").read(source), batch=2, mail_acknowledgements=LIMIT
    )
    source = mbox(tmp_path / "b.mbox", "loop@example.net", range(4, 8))
    summary = take_in(
        desk, "email", MailChannel(format="mbox").read(source), batch=3, mail_acknowledgements=LIMIT
    )
    assert summary.opened == 4
    assert acknowledged(desk) == 5
    withheld = [
        e.data["acknowledgement_withheld"]
        for case in desk.find()
        for e in desk.history(case.id)
        if e.kind == "opened" and "acknowledgement_withheld" in e.data
    ]
    assert len(withheld) == 3
    assert all("acknowledged 5 times" in why for why in withheld)
    source = mbox(tmp_path / "c.mbox", "wang@example.cn", range(1))
    take_in(desk, "email", MailChannel(format="mbox").read(source), mail_acknowledgements=LIMIT)
    assert acknowledged(desk) == 6  # another sender is not held back
    desk.clock.advance(timedelta(hours=1, seconds=1))  # type: ignore[attr-defined]
    source = mbox(tmp_path / "d.mbox", "loop@example.net", range(8, 9))
    take_in(desk, "email", MailChannel(format="mbox").read(source), mail_acknowledgements=LIMIT)
    assert acknowledged(desk) == 7


def test_without_a_limit_every_message_is_acknowledged(desk: Desk, tmp_path: Path) -> None:
    """``take_in`` from Python limits nothing unless asked; ``complaintkit intake`` asks."""
    source = mbox(tmp_path / "a.mbox", "loop@example.net", range(7))
    take_in(desk, "email", MailChannel(format="mbox").read(source))
    assert acknowledged(desk) == 7


def test_the_intake_command_limits_the_email_channel(desk: Desk, tmp_path: Path) -> None:
    source = mbox(tmp_path / "a.mbox", "loop@example.net", range(3))
    command = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(tmp_path / "policy.yaml")]
    args += ["intake", "--channel", "email", "--mail-acknowledgements", "2", source]
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 0, result.output
    assert acknowledged(desk) == 2


def test_a_mailbox_read_again_counts_its_letters_once(desk: Desk, tmp_path: Path) -> None:
    """A mailbox read again (a cron run over the same mbox) holds letters already taken
    in: each is counted once, by the case it opened, not again as a message of the batch."""
    source = mbox(tmp_path / "a.mbox", "loop@example.net", range(3))
    take_in(desk, "email", MailChannel(format="mbox").read(source), mail_acknowledgements=LIMIT)
    source = mbox(tmp_path / "a.mbox", "loop@example.net", range(4))
    summary = take_in(
        desk, "email", MailChannel(format="mbox").read(source), mail_acknowledgements=LIMIT
    )
    assert summary.opened == 1
    assert acknowledged(desk) == 4
