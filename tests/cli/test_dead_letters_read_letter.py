"""A channel whose records are no files (a broker's messages) reads a dead letter's raw bytes
itself, through ``read_letter``: ``dead-letters retry`` gave its ``read`` a temporary file's
path, which such a channel took for a subject to consume, so its letters could never be
taken in again. Whatever ``read_letter`` does, a letter it does not make a complaint of is
refused, never removed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Broker:
    """Messages from a broker: ``read`` consumes a subject, which no file path names."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def read(self, source: str) -> Iterator[Complaint]:
        raise AssertionError(f"consumed {source!r}: a letter is no subject")

    def read_letter(self, raw: bytes) -> Complaint:
        return Complaint.from_json(json.loads(raw))


class GivingNothing(Broker):
    def read_letter(self, raw: bytes) -> Any:
        return None


class Exiting(Broker):
    def read_letter(self, raw: bytes) -> NoReturn:
        sys.exit(0)


def _plugins(factory: object) -> Plugins:
    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("bus", factory)

    manager = plugin_manager(load_entrypoints=False)
    manager.register(Acme(), name="acme")
    return Plugins(manager)


def _retried(tmp_path: Path, factory: object) -> tuple[Any, str]:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    message = json.dumps(make_complaint("m1").to_json()).encode()
    with SQLiteStorage(db) as storage:
        storage.dead_letter("bus:complaints.in#7", message, "the policy had a bug", T0)
    retry = ["--db", db, "dead-letters", "retry", "--all"]
    return CliRunner().invoke(build_cli(_plugins(factory)), retry), db


def test_a_brokers_letter_is_read_again_from_its_bytes(tmp_path: Path) -> None:
    result, db = _retried(tmp_path, Broker)
    assert result.exit_code == 0, result.output
    desk = Desk(storage=db)
    assert desk.storage.dead_letters() == []
    assert desk.storage.find_by_key("web", "m1") is not None


@pytest.mark.parametrize("factory", [GivingNothing, Exiting])
def test_a_letter_read_letter_makes_no_complaint_of_is_kept(
    tmp_path: Path, factory: object
) -> None:
    result, db = _retried(tmp_path, factory)
    assert result.exit_code == 3, result.output
    (letter,) = Desk(storage=db).storage.dead_letters()
    assert letter.source == "bus:complaints.in#7"
    assert Desk(storage=db).storage.find_by_key("web", "m1") is None
