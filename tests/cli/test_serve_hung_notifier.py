"""``serve`` stopped (Ctrl-C) while a notifier hangs in ``send`` waited for the delivery
thread without a word: the terminal sat silent, the user not knowing a second Ctrl-C ends
it. It now says what it waits for, and that a second Ctrl-C stops it (the delivery in
flight stays pending, to be sent again)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click
import pytest
from acknowledging import acknowledging

from complaintkit.cli import serve
from complaintkit.desk import Desk
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.message import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = acknowledging("hanging")

#: Long enough for any machine, never reached when the test passes.
GENEROUS = 60

entered = threading.Event()
release = threading.Event()


class Hanging:
    """A notifier that hangs in send until the test releases it."""

    def send(self, message: Message) -> None:
        entered.set()
        release.wait()


class HangingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("hanging", Hanging)


def test_stopping_with_a_notifier_hung_says_what_it_waits_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered.clear()
    release.clear()
    said: list[str] = []

    def echo(message: Any = None, **kwargs: Any) -> None:
        said.append(str(message))
        release.set()  # the user, told, waits; the notifier ends

    monkeypatch.setattr(click, "echo", echo)
    pm = plugin_manager(load_entrypoints=False)
    pm.register(HangingPlugin())
    plugins = Plugins(pm)
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml", plugins), plugins=plugins)

    def serving() -> None:
        with serve.delivering(desk, interval=3600):
            desk.intake(
                {
                    "channel": "web",
                    "external_id": "W-1",
                    "received_at": "2026-11-23T09:00:00+08:00",
                    "customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"},
                    "text": "late",
                }
            )
            assert entered.wait(GENEROUS)
        # the block ends as serve's does once uvicorn stopped

    stopping = threading.Thread(target=serving, daemon=True)
    stopping.start()
    stopping.join(GENEROUS)
    release.set()  # whatever happened, let the worker end
    stopping.join(GENEROUS)
    assert len(said) == 1
    assert "for the delivery in flight" in said[0]
    assert "Ctrl-C again" in said[0]
