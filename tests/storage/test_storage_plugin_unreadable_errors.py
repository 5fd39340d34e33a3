"""A plugin's storage method raising what cannot be read as text (an exception whose
``__str__`` raises, a message or ``sys.exit`` code that is an int too long to print) is
still the ``PluginError`` naming the plugin and the method."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, NoReturn

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS: dict[str, BaseException] = {
    "unsayable": Unsayable(),
    "huge-message": ValueError(10**5000),
    "huge-exit-code": SystemExit(10**5000),
}


class Failing(MemoryStorage):
    raising: ClassVar[list[BaseException]] = []

    def due_deliveries(self, now: datetime, limit: int) -> NoReturn:
        raise self.raising[0]


class Acme:
    @hookimpl
    def register_storage(self, register: Register) -> None:
        register("acmemem", Failing)


@pytest.mark.parametrize("error", ERRORS)
def test_the_error_names_plugin_and_method(monkeypatch: pytest.MonkeyPatch, error: str) -> None:
    monkeypatch.setattr(Failing, "raising", [ERRORS[error]])
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    storage: Any = Plugins(pm).open_storage("acmemem:")
    with pytest.raises(PluginError, match="due_deliveries") as caught:
        storage.due_deliveries(T0, 10)
    assert caught.value.plugins == ("acme",)
