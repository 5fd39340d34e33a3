"""``complaintkit deliver``, and the delivery that ``serve`` and ``tick --loop`` run."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest
from acknowledging import acknowledging
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.serve import delivering
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.desk import Desk
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = acknowledging("keeping")

COMPLAINT = (
    '{"channel": "web", "external_id": "W-1", "received_at": "2026-11-23T09:00:00+08:00", '
    '"customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"}, "text": "late"}\n'
)


class Keeping:
    sent: ClassVar[list[Message]] = []
    arrived = threading.Event()

    def send(self, message: Message) -> None:
        self.sent.append(message)
        self.arrived.set()


class Refusing:
    def send(self, message: Message) -> None:
        raise DeliveryFailed("the receiver refused it: 550 no such user", final=True)


class KeepingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("keeping", Keeping)
        register("refusing", Refusing)


def plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(KeepingPlugin())
    Keeping.sent = []
    Keeping.arrived.clear()
    return Plugins(pm)


def run(tmp_path: Path, *args: str) -> Any:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    env = {
        "COMPLAINTKIT_DB": f"sqlite:///{tmp_path / 'cases.db'}",
        "COMPLAINTKIT_POLICY": str(tmp_path / "policy.yaml"),
    }
    return CliRunner().invoke(build_cli(plugins()), list(args), env=env)


def test_intake_enqueues_and_deliver_sends(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        assert len(storage.deliveries("pending")) == 1
    result = run(tmp_path, "deliver")
    assert result.exit_code == 0, result.output
    assert result.output == "1 delivered, 0 to retry later, 0 dead-lettered\n"
    assert [m.to for m in Keeping.sent] == ["sam@example.com"]


def test_deliver_that_dead_lettered_exits_3_as_intake_does(tmp_path: Path) -> None:
    """A cron job's `deliver` that gave messages up said so only in its text, exit 0."""
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    refusing = POLICY.replace("type: keeping", "type: refusing")
    (tmp_path / "policy.yaml").write_text(refusing, encoding="utf-8")
    env = {
        "COMPLAINTKIT_DB": f"sqlite:///{tmp_path / 'cases.db'}",
        "COMPLAINTKIT_POLICY": str(tmp_path / "policy.yaml"),
    }
    cli = build_cli(plugins())
    assert CliRunner().invoke(cli, ["intake", str(tmp_path / "in.jsonl")], env=env).exit_code == 0
    result = CliRunner().invoke(cli, ["deliver"], env=env)
    assert result.output == "0 delivered, 0 to retry later, 1 dead-lettered\n"
    assert result.exit_code == 3
    again = CliRunner().invoke(cli, ["deliver"], env=env)  # nothing newly given up
    assert (again.exit_code, again.output) == (
        0,
        "0 delivered, 0 to retry later, 0 dead-lettered\n",
    )


def test_deliver_without_notifiers_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_cli(plugins()), ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "deliver"]
    )
    assert result.exit_code == 1
    assert "pass --policy" in result.output


def test_tick_loop_delivers_after_each_tick(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    run(tmp_path, "intake", str(tmp_path / "in.jsonl"))
    result = run(tmp_path, "tick", "--loop", "--count", "1")
    assert result.exit_code == 0, result.output
    assert len(Keeping.sent) == 1


def test_serve_delivers_as_soon_as_a_change_enqueued(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    extras = plugins()
    desk = Desk(load_policy(tmp_path / "policy.yaml", extras), plugins=extras)
    with delivering(desk, interval=3600):  # no periodic pass: only the wake-up can send
        desk.intake(
            {
                "channel": "web",
                "external_id": "W-2",
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"},
                "text": "late",
            }
        )
        assert Keeping.arrived.wait(30)
    assert [m.to for m in Keeping.sent] == ["sam@example.com"]


def test_outbox_lists_each_delivery_with_its_state(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    listed = run(tmp_path, "outbox", "--json")
    assert listed.exit_code == 0, listed.output
    (pending,) = json.loads(listed.output)
    assert (pending["state"], pending["via"], pending["kind"]) == ("pending", "out", "message")
    assert run(tmp_path, "deliver").exit_code == 0
    assert json.loads(run(tmp_path, "outbox", "--state", "pending", "--json").output) == []
    text = run(tmp_path, "outbox", "--case", pending["case_id"]).output
    assert "delivered" in text
    assert pending["case_id"] in text
    assert text.rstrip().endswith("1 delivery")
    assert run(tmp_path, "outbox", "--case", "CK-NONE").output.strip() == "0 deliveries"
    assert run(tmp_path, "outbox", "--state", "lost").exit_code == 2


@pytest.mark.parametrize("column", ["created_at", "next_attempt_at"])
@pytest.mark.parametrize("kept", ["soon", b"\x00soon", 1e300, -1e300, None])
def test_a_delivery_whose_instant_is_none_lists_unknown_and_is_named_not_sent(
    tmp_path: Path, column: str, kept: object
) -> None:
    """Edited so by raw SQL, such an instant failed the whole listing (a traceback or an
    error), or left its delivery silently never due."""
    if kept is None and column == "created_at":
        pytest.skip("created_at is NOT NULL")
    second = COMPLAINT.replace("W-1", "W-2").replace("C1", "C2")
    (tmp_path / "in.jsonl").write_text(COMPLAINT + second, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        damaged, sound = storage.deliveries()
        with storage._transaction() as db:
            db.execute(
                f"UPDATE outbox SET {column} = ? WHERE position = ?",
                (kept, damaged.position),
            )
    listed = run(tmp_path, "outbox", "--json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert [row[column] for row in rows] == [None, rows[1][column]]
    assert rows[1][column] is not None
    text = run(tmp_path, "outbox")
    assert text.exit_code == 0, text.output
    undated = column == "next_attempt_at"  # the text shows no created_at
    assert [line.endswith("next unknown") for line in text.output.splitlines()[:2]] == [
        undated,
        False,
    ]
    sent = []
    for _ in range(2):  # named on every run, never sent nor dropped
        result = run(tmp_path, "deliver")
        assert result.exit_code == 0, result.output
        assert (damaged.outgoing.delivery_id in result.stderr) is undated
        sent += [m.delivery_id for m in Keeping.sent]
    ids = [damaged.outgoing.delivery_id, sound.outgoing.delivery_id]
    assert sent == (ids[1:] if undated else ids)
    states = [row["state"] for row in json.loads(run(tmp_path, "outbox", "--json").output)]
    assert states == (["pending", "delivered"] if undated else ["delivered", "delivered"])


@pytest.mark.parametrize("state", ["delivered", "dead"])
@pytest.mark.parametrize("kept", ["soon", b"\x00soon", 1e300, -1e300])
def test_a_finished_delivery_whose_due_time_is_no_instant_lists_it_unknown(
    tmp_path: Path, state: str, kept: object
) -> None:
    """A delivered or dead delivery has no due time (NULL, listed ``-``); one edited to what
    is no instant listed ``-`` too, as if nothing were wrong with it."""
    second = COMPLAINT.replace("W-1", "W-2").replace("C1", "C2")
    (tmp_path / "in.jsonl").write_text(COMPLAINT + second, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    assert run(tmp_path, "deliver").exit_code == 0
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        damaged, sound = storage.deliveries()
        with storage._transaction() as db:
            db.execute(
                "UPDATE outbox SET state = ?, next_attempt_at = ? WHERE position = ?",
                (state, kept, damaged.position),
            )
            db.execute("UPDATE outbox SET state = ? WHERE position = ?", (state, sound.position))
    text = run(tmp_path, "outbox")
    assert text.exit_code == 0, text.output
    assert [line.rsplit(" next ", 1)[1] for line in text.output.splitlines()[:2]] == [
        "unknown",
        "-",
    ]


def test_deliver_loop_names_an_undated_delivery_once_not_every_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every five seconds for as long as it ran, `deliver --loop` repeated its warning."""
    (tmp_path / "in.jsonl").write_text(COMPLAINT, encoding="utf-8")
    assert run(tmp_path, "intake", str(tmp_path / "in.jsonl")).exit_code == 0
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        (damaged,) = storage.deliveries()
        with storage._transaction() as db:
            db.execute("UPDATE outbox SET next_attempt_at = 'soon'")
    passes = []
    deliver = Desk.deliver

    def counted(desk: Desk, **options: Any) -> Any:
        done = deliver(desk, **options)
        passes.append(done)
        if len(passes) == 4:  # the loop's own SIGTERM handler ends it
            os.kill(os.getpid(), signal.SIGTERM)
        return done

    monkeypatch.setattr(Desk, "deliver", counted)
    result = run(tmp_path, "deliver", "--loop", "--interval", "0.05")
    assert result.exit_code == 0, result.output
    assert len(passes) == 4
    assert result.stderr.count(damaged.outgoing.delivery_id) == 1
