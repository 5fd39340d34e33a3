"""A channel's ``read`` that takes long over a record held intake with no word of whose it
was: hooks were timed, a channel's read was not. Each record's read is now timed as a hook
call is, and a slow one logged naming the channel and its plugin; the wait a streaming
channel announces with ``CHECKPOINT`` is no slow read. The clock is handed in (no sleep)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from complaintkit.channels import CHECKPOINT
from complaintkit.channels.intake import take_in
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.plugin_slow import SlowHooks
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

LOGGER = "complaintkit.plugin_slow"


class Ticking:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


class Feed:
    """A channel taking ``seconds`` by ``clock`` over each record, or waiting ``waits``
    seconds after each ``CHECKPOINT`` (a stream waiting for more)."""

    def __init__(self, clock: Ticking, seconds: float, waits: float = 0.0) -> None:
        self.clock, self.seconds, self.waits = clock, seconds, waits

    def read(self, source: str) -> Iterator[Any]:
        for n in range(3):
            self.clock.now += self.seconds
            yield make_complaint(f"{source}-{n}")
            if self.waits:
                yield CHECKPOINT
                self.clock.now += self.waits


class FeedPlugin:
    @hookimpl
    def register_channels(self, register: Any) -> None:
        register("feed", Feed)


def _desk(clock: Ticking) -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(FeedPlugin(), name="acme-feed")
    return Desk(storage="memory:", plugins=Plugins(pm, slow_hooks=SlowHooks(1.0, clock)))


def _read(caplog: pytest.LogCaptureFixture, feed: Feed, desk: Desk) -> list[str]:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        summary = take_in(desk, "feed", feed.read("q"))
    assert summary.opened == 3
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_a_slow_read_is_logged_naming_the_channel_and_its_plugin(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    (logged,) = _read(caplog, Feed(clock, 7.5), _desk(clock))
    assert logged.startswith("plugin 'acme-feed' took 7.5 s in channel 'feed' read()")
    assert "CHECKPOINT" in logged


def test_a_quick_read_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    clock = Ticking()
    assert _read(caplog, Feed(clock, 0.5), _desk(clock)) == []


def test_the_wait_after_a_checkpoint_is_no_slow_read(caplog: pytest.LogCaptureFixture) -> None:
    clock = Ticking()
    assert _read(caplog, Feed(clock, 0.0, waits=3600.0), _desk(clock)) == []
