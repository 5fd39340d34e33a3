"""`tick --loop` and `deliver --loop` are workers: the store going away for a moment (a
PostgreSQL restart) is said in one line and tried again at the next interval — it ended the
worker, so nothing was swept or sent until someone restarted it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.delivery.outgoing import Delivery
from complaintkit.errors import StorageError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage

POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"


class Restarting(MemoryStorage):
    """A store whose first look for work fails as a server restarting does."""

    failures = 0

    def __init__(self, url: str) -> None:
        super().__init__()

    def _down(self) -> None:
        if Restarting.failures:
            Restarting.failures -= 1
            raise StorageError("PostgreSQL at db:5432: the server closed the connection")

    def claim_due(self, before: datetime, limit: int) -> Any:
        self._down()
        return super().claim_due(before, limit)

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        self._down()
        return super().due_deliveries(now, limit)


class RestartingPlugin:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        register("restarting", Restarting)


@pytest.fixture
def cli() -> tuple[Any, str]:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(RestartingPlugin())
    return build_cli(Plugins(pm)), str(POLICY)


def test_a_ticking_worker_outlives_a_store_that_went_away(cli: Any) -> None:
    command, policy = cli
    Restarting.failures = 1
    args = ["--db", "restarting:", "--policy", policy, "tick", "--loop", "--count", "2"]
    result = CliRunner().invoke(command, [*args, "--interval", "0.1"])
    assert result.exit_code == 0, result.output
    assert "the server closed the connection" in result.stderr
    assert "trying again" in result.stderr
    assert Restarting.failures == 0
    assert "Traceback" not in result.output


def test_a_single_tick_still_fails_on_a_store_that_went_away(cli: Any) -> None:
    command, policy = cli
    Restarting.failures = 1
    result = CliRunner().invoke(command, ["--db", "restarting:", "--policy", policy, "tick"])
    assert result.exit_code == 1
    assert "the server closed the connection" in result.stderr


def test_a_counted_loop_whose_last_pass_found_no_store_fails(cli: Any) -> None:
    command, policy = cli
    Restarting.failures = 2  # the tick and the delivery of the only pass
    args = ["--db", "restarting:", "--policy", policy, "tick", "--loop", "--count", "1"]
    result = CliRunner().invoke(command, [*args, "--interval", "0.1"])
    assert result.exit_code == 1
    assert "trying again" in result.stderr
