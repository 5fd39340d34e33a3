"""``serve`` stopped while a notifier hung waited for it for ever, silent for 5 s and then
until a second Ctrl-C, where the worker loops say at once that they wait, wait
``STOP_PATIENCE`` and leave the delivery pending. It now stops as the loops do: the line
only when a delivery is being sent, a bounded wait, the delivery left pending, its
attempt not counted; stopped with nothing in flight it says nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from acknowledging import acknowledging

from complaintkit.cli import in_flight, serve
from complaintkit.desk import Desk
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

#: Long enough for any machine, never reached when the test passes.
GENEROUS = 60

entered = threading.Event()
never = threading.Event()


class Hanging:
    """A notifier that hangs in send for ever."""

    def send(self, message: Message) -> None:
        entered.set()
        never.wait()


class Quick:
    def send(self, message: Message) -> None:
        entered.set()


class Notifiers:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("hanging", Hanging)
        register("quick", Quick)


RECORD = {
    "channel": "web",
    "external_id": "W-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"},
    "text": "late",
}


def _stop_serving(tmp_path: Path, notifier: str, sent: bool = False) -> Desk:
    """Serve's delivering block, left once the notifier was entered (``sent``: once the
    delivery is recorded sent); the desk."""
    entered.clear()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Notifiers())
    plugins = Plugins(pm)
    (tmp_path / "policy.yaml").write_text(acknowledging(notifier), encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml", plugins), plugins=plugins)

    def serving() -> None:
        with serve.delivering(desk, interval=3600):
            desk.intake(RECORD)
            assert entered.wait(GENEROUS)
            while sent and desk.storage.deliveries()[0].state != "delivered":
                assert stopping.is_alive()  # the test's own timeout ends a failing wait

    stopping = threading.Thread(target=serving, daemon=True)
    stopping.start()
    stopping.join(GENEROUS)
    assert not stopping.is_alive(), "serve waited for the hung delivery for ever"
    return desk


def test_a_hung_delivery_is_left_pending_after_the_loops_patience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(in_flight, "STOP_PATIENCE", 0.2)
    desk = _stop_serving(tmp_path, "hanging")
    said = capsys.readouterr().err
    assert "serve: stopping: waiting up to 0.2 s for the delivery in flight" in said
    assert "serve: the delivery in flight has not ended: it stays pending" in said
    assert [(d.state, d.attempts) for d in desk.storage.deliveries()] == [("pending", 0)]
    never.set()  # the test's thread ends


def test_stopped_with_nothing_in_flight_it_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = _stop_serving(tmp_path, "quick", sent=True)
    assert "in flight" not in capsys.readouterr().err
    assert [d.state for d in desk.storage.deliveries()] == ["delivered"]
