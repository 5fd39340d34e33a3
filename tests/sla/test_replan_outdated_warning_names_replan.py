"""The warning a Desk on a superseded policy version logs names both ways to re-plan
under it: a version name the store has not recorded, or ``complaintkit tick --replan``
(what an operator who rolled back on purpose wants, without renaming the version)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.storage.memory import MemoryStorage

_DOCUMENT = {"sla": {"warnings": [], "targets": [{"resolution": "48h"}]}}


def test_the_outdated_version_warning_names_tick_replan(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = MemoryStorage()
    one, clock_one = make_desk(_DOCUMENT, storage=store, version="1")
    two, clock_two = make_desk(_DOCUMENT, storage=store, version="2")
    for clock in (clock_one, clock_two):
        clock.set(START + timedelta(hours=1))
    one.intake(complaint())
    one.tick()
    two.tick()
    with caplog.at_level(logging.WARNING, logger="complaintkit.desk.replan"):
        one.tick()
    [warned] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "'1'" in warned
    assert "'2'" in warned
    assert "complaintkit tick --replan" in warned
