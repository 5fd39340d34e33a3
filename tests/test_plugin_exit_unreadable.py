"""``sys.exit`` with a code that cannot be shown, or a ``BaseException`` whose message
cannot be read, raised in plugin code: it is still the ``PluginExit``/``PluginAbort``
saying so, not the error of showing it."""

from __future__ import annotations

import pytest

from complaintkit.plugin_exit import PluginAbort, PluginExit, contained


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("repr broke")


class Unsayable(BaseException):
    def __str__(self) -> str:
        raise RuntimeError("str broke")


@pytest.mark.parametrize("code", [10**5000, Unprintable()], ids=["huge", "unprintable"])
def test_an_unshowable_exit_code_is_still_a_plugin_exit(code: object) -> None:
    with pytest.raises(PluginExit) as stopped, contained():
        raise SystemExit(code)
    assert "sys.exit(" in str(stopped.value)
    assert stopped.value.code is code


def test_an_unreadable_base_exception_is_still_a_plugin_abort() -> None:
    with pytest.raises(PluginAbort) as stopped, contained():
        raise Unsayable
    assert "Unsayable" in str(stopped.value)
