"""A ``classify_complaint`` plugin whose answer or exception cannot be read as text (a
``__repr__`` or ``__str__`` that raises, an int too long for Python to print): the dead
letter still names the hook and the plugin, not only what failed while writing it."""

from __future__ import annotations

from typing import Any

import pytest
from test_classify_two_plugins import Answers, desk_with

from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.testing.storage_contract import make_complaint


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("repr of the answer broke")


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


class Raises:
    def __init__(self, error: Exception) -> None:
        self.error = error

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
        raise self.error


HUGE = 10**5000


@pytest.mark.parametrize(
    "plugin",
    [
        Answers({"category": HUGE}),
        Answers({"severity": Unprintable()}),
        Answers({"tags": HUGE}),
        Answers({"tags": Unprintable()}),
        Raises(Unsayable()),
        Raises(ValueError(HUGE)),
        Raises(ValueError(Unprintable())),
    ],
    ids=[
        "huge-int",
        "bad-repr",
        "huge-int-tags",
        "bad-repr-tags",
        "bad-str",
        "huge-int-message",
        "bad-repr-message",
    ],
)
def test_the_dead_letter_names_the_plugin(plugin: object) -> None:
    desk = desk_with(("quiet", Answers(None)), ("acme-ml", plugin))
    (outcome,) = desk.intake_many([make_complaint("a")])
    assert isinstance(outcome, InvalidInput)
    assert outcome.field == "classify_complaint"
    assert "'acme-ml'" in str(outcome)
    assert "quiet" not in str(outcome)
