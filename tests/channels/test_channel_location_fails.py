"""A channel plugin's ``location`` that fails — a property raising, or calling ``sys.exit`` —
names no place for its records; it does not stop the intake (it ended the run part-way, the
records after it never read, or with exit code 0 for ``sys.exit``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint


def _raising() -> NoReturn:
    raise RuntimeError("no idea where")


def _exiting() -> NoReturn:
    sys.exit(0)


def _plugins(fail: Callable[[], NoReturn]) -> Plugins:
    class Lost:
        @property
        def location(self) -> str:
            fail()

        def read(self, source: str) -> Any:
            yield from (make_complaint(key) for key in "abc")

    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("acme", Lost)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize("fail", [_raising, _exiting], ids=["raises", "sys.exit"])
def test_every_record_is_taken_in(tmp_path: Path, fail: Any) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        build_cli(_plugins(fail)), ["--db", db, "intake", "--channel", "acme", "src"]
    )
    assert result.exit_code == 0, result.output
    assert "3 taken in" in result.output
    desk = Desk(storage=db)
    assert all(desk.storage.find_by_key("web", key) is not None for key in "abc")
