"""``dead-letters retry`` of a failed notification says what became of its delivery once it
was requeued: sent, or still waiting to be, rather than guessing that it "could not be
enqueued, or was requeued since" — staff must know whether purging the letter loses mail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from requeued_mail import AT, COMPLAINT, RefusingMailbox, policy
from smtp_inbox import receiving


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[RefusingMailbox, int]]:
    with receiving(RefusingMailbox()) as server:
        yield server


def _retried(tmp_path: Path) -> str:
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(tmp_path / "p.yaml")]
    done = CliRunner().invoke(build_cli(), [*base, "dead-letters", "retry", "--all", "--json"])
    (outcome,) = json.loads(done.stdout)
    assert outcome["outcome"] == "skipped"
    return str(outcome["reason"])


@pytest.mark.parametrize("delivered", [True, False])
def test_a_requeued_delivery_is_named_sent_or_waiting(
    tmp_path: Path, server: tuple[RefusingMailbox, int], delivered: bool
) -> None:
    inbox, port = server
    (tmp_path / "p.yaml").write_text(policy(port), encoding="utf-8")
    clock = ManualClock(AT)
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(tmp_path / "p.yaml"), storage=store, clock=clock)
    desk.intake(COMPLAINT)
    assert desk.deliver().dead == 1
    (dead,) = desk.storage.deliveries("dead")
    delivery_id = dead.outgoing.delivery_id
    assert f"outbox requeue {delivery_id}`" in _retried(tmp_path)
    inbox.answer = None
    assert desk.storage.requeue_dead([delivery_id], None, clock.now()) == 1
    if delivered:
        (letter,) = desk.storage.dead_letters()
        assert desk.deliver().delivered == 1
        assert len(inbox.received) == 1
        assert desk.storage.dead_letters() == []  # refused input no more
        # as a store kept it before a delivery delivered took its letter away
        desk.storage.dead_letter(letter.source, letter.raw, letter.reason, clock.now())
    desk.storage.close()
    reason = _retried(tmp_path)
    if delivered:
        assert f"delivery {delivery_id} was requeued and has been delivered" in reason
    else:
        assert f"delivery {delivery_id} was requeued and waits to be sent" in reason
        assert "complaintkit deliver" in reason
    assert "could not be enqueued" not in reason
