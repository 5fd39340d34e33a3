"""A plugin's operator whose failure or answer cannot be read as text (an exception
whose ``__str__`` raises, an answer that is an int too long to print or whose
``__repr__`` raises) is still the ``PluginError`` naming the operator and its plugin."""

from __future__ import annotations

import pytest

from complaintkit.errors import PluginError
from complaintkit.policy.operators import guarded_test


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("repr broke")


def _raises(error: Exception) -> object:
    def test(value: object) -> bool:
        raise error

    return test


def _answers(answer: object) -> object:
    return lambda value: answer


TESTS = {
    "raises-unsayable": _raises(Unsayable()),
    "raises-huge-message": _raises(ValueError(10**5000)),
    "answers-huge-int": _answers(10**5000),
    "answers-unprintable": _answers(Unprintable()),
}


@pytest.mark.parametrize("test", TESTS)
def test_the_error_names_operator_and_plugin(test: str) -> None:
    guarded = guarded_test(TESTS[test], "near", "acme", "condition text")  # type: ignore[arg-type]
    with pytest.raises(PluginError) as failed:
        guarded("快递三天没到")
    assert "operator 'near' from plugin 'acme'" in str(failed.value)
