"""A plugin's storage backend that answers in the wrong shape — ``find_readable`` giving
``(None, [])``, ``get`` a mapping, ``count`` text — failed the command reading the answer
with a traceback about ``NoneType`` or ``dict``, naming no backend. The answer is held to
the shape ``Storage`` declares as it leaves the backend: a ``PluginError`` naming the
plugin, the method, what it answered and what it should have."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.case import Case
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.memory import MemoryStorage


class Misshapen(MemoryStorage):
    """The memory store, but answering three reads in shapes no caller can read."""

    def get(self, case_id: str) -> Any:
        return {"id": case_id}

    def find_readable(self, query: CaseQuery) -> Any:
        return None, []

    def count(self, query: CaseQuery) -> Any:
        return "3"

    def find(self, query: CaseQuery) -> list[Case]:
        return list(super().find(query))  # its own shape: a list, as declared


class Acme:
    @hookimpl
    def register_storage(self, register: Register) -> None:
        register("acme", lambda url: Misshapen())


def _plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(
    ("read", "answered"),
    [
        (lambda s: s.get("CK-1"), "answered get with a dict, not Case"),
        (
            lambda s: s.find_readable(CaseQuery()),
            "answered find_readable with (None, list), not (list, list)",
        ),
        (lambda s: s.count(CaseQuery()), "answered count with a str, not int"),
    ],
)
def test_an_answer_of_the_wrong_shape_is_a_plugin_error_naming_it(read: Any, answered: str) -> None:
    storage = _plugins().open_storage("acme:")
    with pytest.raises(PluginError) as refused:
        read(storage)
    assert answered in str(refused.value)
    assert "of plugin 'acme'" in str(refused.value)
    assert refused.value.plugins == ("acme",)


def test_answers_of_the_declared_shape_pass() -> None:
    storage = _plugins().open_storage("acme:")
    assert storage.find(CaseQuery()) == []
    assert storage.find_by_key("web", "nothing") is None


def test_the_command_reading_it_is_one_line() -> None:
    result = CliRunner().invoke(build_cli(_plugins()), ["--db", "acme:", "cases", "list"])
    assert result.exit_code == 1
    assert "answered find_readable with (None, list)" in result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
