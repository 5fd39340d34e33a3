"""A storage backend of a plugin that calls ``sys.exit`` (or raises another
``BaseException`` but ``KeyboardInterrupt``) inside one of its methods has a bug: it ended
``complaintkit intake`` with exit code 0 part of the way through, and ended a delivery
worker's loop. It is now a ``PluginError`` naming the plugin and the method: each complaint
it could not store is a dead letter saying so (exit code 3), taken in by a retry."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.desk import Desk
from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Abort(BaseException):
    """What a plugin might raise by mistake: no ``Exception``, no ``KeyboardInterrupt``."""


class ExitingSQLite(SQLiteStorage):
    """The SQLite store, but its batch intake ends the process as ``raising`` says."""

    raising: type[BaseException] = SystemExit

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        raise self.raising(0)


class ExitingMemory(MemoryStorage):
    def due_deliveries(self, now: datetime, limit: int) -> NoReturn:
        sys.exit(0)


class Acme:
    @hookimpl
    def register_storage(self, register: Register) -> None:
        register("acme", lambda url: ExitingSQLite(url.replace("acme:", "sqlite:", 1)))
        register("acmemem", ExitingMemory)


def plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(make_complaint(key).to_json()) for key in "abc"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("raising", [SystemExit, Abort])
def test_a_storage_method_ending_the_process_is_a_plugin_error_and_intake_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raising: type[BaseException]
) -> None:
    monkeypatch.setattr(ExitingSQLite, "raising", raising)
    source = _source(tmp_path)
    db = tmp_path / "cases.db"
    result = CliRunner().invoke(
        build_cli(plugins()), ["--db", f"acme:///{db}", "intake", str(source)]
    )
    assert result.exit_code == 3, result.output  # dead letters, as for any failing store
    assert result.output.count("plugin 'acme'") == 3
    assert "in intake_many" in result.output
    again = CliRunner().invoke(
        build_cli(), ["--db", f"sqlite:///{db}", "dead-letters", "retry", "--all"]
    )
    assert again.exit_code == 0, again.output
    desk = Desk(storage=f"sqlite:///{db}")
    assert all(desk.storage.find_by_key("web", key) for key in "abc")


def test_a_storage_method_calling_sys_exit_is_a_plugin_error_naming_it() -> None:
    storage = plugins().open_storage("acmemem:")
    with pytest.raises(PluginError, match="due_deliveries") as caught:
        storage.due_deliveries(T0, 10)
    assert caught.value.plugins == ("acme",)
    assert "sys.exit(0)" in str(caught.value)


def test_a_delivery_loop_outlasts_a_storage_method_calling_sys_exit() -> None:
    storage = plugins().open_storage("acmemem:")
    stop = threading.Event()
    failures: list[Exception] = []

    def failed(exc: Exception) -> None:
        failures.append(exc)
        if len(failures) == 2:
            stop.set()

    worker = DeliveryWorker(storage, {}, ManualClock(T0))
    worker.run_forever(stop, interval=0, on_error=failed)
    assert [type(f) for f in failures] == [PluginError, PluginError]


def test_a_keyboard_interrupt_in_a_storage_method_still_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(*args: Any) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr(ExitingMemory, "due_deliveries", interrupted)
    storage = plugins().open_storage("acmemem:")
    with pytest.raises(KeyboardInterrupt):
        storage.due_deliveries(T0, 10)


class ExitingTransactions(MemoryStorage):
    """Its transaction's own code ends the process as it commits."""

    def transaction(self) -> Any:
        inner = super().transaction()

        class Exiting:
            def __enter__(self) -> None:
                inner.__enter__()

            def __exit__(self, *exc: Any) -> None:
                inner.__exit__(*exc)
                sys.exit(0)

        return Exiting()


def test_a_backends_context_manager_calling_sys_exit_is_a_plugin_error() -> None:
    storage = ExitingTransactions()
    with pytest.raises(PluginError, match="in transaction"), storage.transaction():
        pass


def test_a_sys_exit_of_the_callers_own_block_passes_a_backends_context_manager() -> None:
    storage = ExitingMemory()
    with pytest.raises(SystemExit), storage.transaction():
        sys.exit(4)


class Snapshot:
    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def cases(self) -> list[str]:
        return ["CK-1"]


class SnapshotMemory(MemoryStorage):
    def audit_snapshot(self) -> Snapshot:
        return Snapshot()


def test_a_context_manager_a_backend_returns_keeps_its_other_methods() -> None:
    assert SnapshotMemory().audit_snapshot().cases() == ["CK-1"]
