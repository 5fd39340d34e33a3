"""The e-mail acknowledgement limit counted the cases a sender's customer id opened in the
store: ``wang+1@…`` and ``wang+2@…`` were two senders (the form's limit folds the tag, RFC
5233 delivers both to wang's mailbox), so a loop or a script varying the tag was answered
every time; and cases imported for the address (a history import, which acknowledges no
one) used up its allowance. It now counts the acknowledgements queued to the sender's
mailbox in the period, from the outbox, folded as the form's limit folds them."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres.testing import drop_schema, scratch_url
from shop_mail_policy import mail_policy

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_acknowledgements import MailAcknowledgements
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

LIMIT = MailAcknowledgements()
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
POLICY = mail_policy(("acknowledgement", "opened"))


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    """A desk on each backend: PostgreSQL reads the period's messages with a query of its
    own (``outbox_created``), SQLite with its own, memory through ``Storage``'s default."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    server, schema = None, f"ck_acks_{secrets.token_hex(6)}"
    if request.param == "postgres":
        server = request.getfixturevalue("postgres_server_url")
        store = scratch_url(server, schema)
    else:
        store = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(tmp_path / "policy.yaml", storage=store, clock=ManualClock(NOW))
    yield desk
    desk.storage.close()
    if server is not None:
        drop_schema(server, schema)


def mbox(
    path: Path, senders: list[str], date: str = "Tue, 24 Nov 2026 10:00:00 +0800", first: int = 0
) -> str:
    path.write_text(
        "".join(
            f"From {sender} Tue Nov 24 10:00:00 2026\nFrom: {sender}\nTo: care@shop.example\n"
            f"Subject: Complaint {n}\nDate: {date}\n"
            f"Message-ID: <m{n}.{sender}>\n\n\u51b0\u7bb1\u4e0d\u5236\u51b7 {n}\n\n"
            for n, sender in enumerate(senders, first)
        ),
        encoding="utf-8",
    )
    return str(path)


def acknowledged(desk: Desk) -> int:
    return len([d for d in desk.storage.deliveries() if d.outgoing.payload["role"] == "customer"])


def take(desk: Desk, source: str, batch: int = 100) -> None:
    items = MailChannel(format="mbox").read(source)
    take_in(desk, "email", items, batch=batch, mail_acknowledgements=LIMIT)


def test_a_tag_per_letter_is_one_sender(desk: Desk, tmp_path: Path) -> None:
    take(desk, mbox(tmp_path / "a.mbox", [f"wang+{n}@example.com" for n in range(3)]))
    take(desk, mbox(tmp_path / "b.mbox", [f"Wang+{n}@Example.com" for n in range(3, 7)]))
    assert len(desk.find()) == 7
    assert acknowledged(desk) == 5


def test_a_tag_per_letter_in_one_batch_is_one_sender(desk: Desk, tmp_path: Path) -> None:
    senders = ["wang@example.com"] + [f"wang+{n}@example.com" for n in range(6)]
    take(desk, mbox(tmp_path / "a.mbox", senders))
    assert acknowledged(desk) == 5


def imported(number: int, received: datetime) -> dict[str, Any]:
    return {
        "channel": "old-desk",
        "external_id": f"old-{number}",
        "received_at": received.isoformat(),
        "customer": {"id": "loop@example.net", "contact": "loop@example.net"},
        "text": "the fridge does not cool",
        "history": {"status": "closed", "closed_at": (received + timedelta(minutes=5)).isoformat()},
    }


def test_imported_cases_are_no_acknowledgements(desk: Desk, tmp_path: Path) -> None:
    desk.intake_many([imported(n, NOW - timedelta(minutes=30)) for n in range(6)])
    assert acknowledged(desk) == 0
    take(desk, mbox(tmp_path / "a.mbox", ["loop@example.net"] * 2))
    assert acknowledged(desk) == 2


def test_a_letter_dated_long_ago_is_counted_when_acknowledged(desk: Desk, tmp_path: Path) -> None:
    """A loop's letters carrying a stale Date open cases received then, but were each
    acknowledged now: the hour counted is the desk's, not the letters' Date."""
    stale = "Mon, 23 Nov 2026 10:00:00 +0800"
    take(desk, mbox(tmp_path / "a.mbox", ["loop@example.net"] * 4, stale))
    take(desk, mbox(tmp_path / "b.mbox", ["loop@example.net"] * 4, stale, first=4))
    assert acknowledged(desk) == 5
