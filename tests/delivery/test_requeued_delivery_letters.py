"""A notification's dead letter follows its delivery once it is requeued: a delivery that
fails for good again keeps its one letter, its reason the cause that holds now and its
retries counted, and one that is delivered at last is no longer refused input — neither in
``dead-letters count`` nor in the report's refused table (a real SMTP server on loopback)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, build_report, open_source
from requeued_mail import AT, COMPLAINT, RefusingMailbox, policy
from smtp_inbox import receiving


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[RefusingMailbox, int]]:
    with receiving(RefusingMailbox()) as server:
        yield server


def _desk(tmp_path: Path, port: int, clock: ManualClock) -> Desk:
    (tmp_path / "p.yaml").write_text(policy(port), encoding="utf-8")
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(tmp_path / "p.yaml"), storage=store, clock=clock)
    desk.intake(COMPLAINT)
    return desk


def _counted(tmp_path: Path) -> list[dict[str, Any]]:
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(tmp_path / "p.yaml")]
    done = CliRunner().invoke(build_cli(), [*base, "dead-letters", "count", "--json"])
    assert done.exit_code == 0, done.output
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def _requeued(desk: Desk, clock: ManualClock) -> None:
    (dead,) = desk.storage.deliveries("dead")
    clock.advance(timedelta(hours=1))
    assert desk.storage.requeue_dead([dead.outgoing.delivery_id], None, clock.now()) == 1


def test_a_delivery_refused_again_in_other_words_keeps_one_letter(
    tmp_path: Path, server: tuple[RefusingMailbox, int]
) -> None:
    mailbox, port = server
    clock = ManualClock(AT)
    desk = _desk(tmp_path, port, clock)
    assert desk.deliver().dead == 1
    (first,) = desk.storage.dead_letters()
    _requeued(desk, clock)
    mailbox.answer = "550 5.1.1 no such user here"
    assert desk.deliver().dead == 1
    (letter,) = desk.storage.dead_letters()
    assert (letter.id, letter.source, letter.raw) == (first.id, first.source, first.raw)
    assert "550 5.1.1 no such user here" in letter.reason
    assert "552" not in letter.reason
    assert letter.retries == 1
    assert letter.last_retry_at == clock.now()
    assert sum(row["count"] for row in _counted(tmp_path)) == 1


def test_a_requeued_delivery_delivered_at_last_is_no_longer_refused(
    tmp_path: Path, server: tuple[RefusingMailbox, int]
) -> None:
    mailbox, port = server
    clock = ManualClock(AT)
    desk = _desk(tmp_path, port, clock)
    assert desk.deliver().dead == 1
    assert sum(row["count"] for row in _counted(tmp_path)) == 1
    _requeued(desk, clock)
    mailbox.answer = None
    assert desk.deliver().delivered == 1
    assert len(mailbox.received) == 1
    assert desk.storage.dead_letters() == []
    assert _counted(tmp_path) == []
    report = build_report(open_source(desk.storage), Scope(), now=clock.now())
    assert (report.dead_letters, report.undelivered) == ({}, {})
