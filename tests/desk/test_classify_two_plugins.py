"""Two plugins implementing ``classify_complaint``: what it records and refuses names the
one that answered (or raised), not every implementer as if any of them might have."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"


class Answers:
    def __init__(self, answer: object) -> None:
        self.answer = answer

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
        return self.answer


class Raises:
    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> object:
        raise ValueError("model offline")


def desk_with(*plugins: tuple[str, object]) -> Desk:
    """Plugins in call order: pluggy calls the one registered last first."""
    pm = plugin_manager(load_entrypoints=False)
    for name, plugin in reversed(plugins):
        pm.register(plugin, name=name)
    return Desk(load_policy(DEMO_POLICY), plugins=Plugins(pm))


def test_a_bad_answer_names_the_plugin_that_gave_it() -> None:
    desk = desk_with(("quiet", Answers(None)), ("acme-ml", Answers({"category": 5})))
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    message = str(refused.value)
    assert "'acme-ml'" in message
    assert "quiet" not in message


def test_a_bad_answer_from_the_first_names_it_alone() -> None:
    desk = desk_with(("acme-ml", Answers(["delivery"])), ("quiet", Answers(None)))
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    assert "'acme-ml'" in str(refused.value)
    assert "quiet" not in str(refused.value)


def test_a_raise_names_the_plugin_that_raised() -> None:
    desk = desk_with(("quiet", Answers(None)), ("acme-ml", Raises()))
    (outcome,) = desk.intake_many([make_complaint("a")])
    assert isinstance(outcome, InvalidInput)
    assert outcome.field == "classify_complaint"
    assert "'acme-ml'" in str(outcome)
    assert "quiet" not in str(outcome)
    assert "model offline" in str(outcome)


def test_the_classified_reason_names_the_plugin_that_overrode() -> None:
    """The hookspec promises "the reason recorded on the case names the plugin"."""
    desk = desk_with(("quiet", Answers(None)), ("acme-ml", Answers({"severity": "critical"})))
    case = desk.intake(make_complaint("a"))
    classified = desk.history(case.id)[1]
    assert classified.kind == "classified"
    assert "plugin 'acme-ml'" in classified.reason
    assert "quiet" not in classified.reason
    assert case.severity == "critical"


def test_the_first_non_none_answer_wins_and_the_later_plugin_is_not_asked() -> None:
    asked: list[str] = []

    class Counting(Answers):
        @hookimpl
        def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
            asked.append(str(self.answer))
            return self.answer

    desk = desk_with(
        ("first", Counting(None)),
        ("second", Counting({"severity": "critical"})),
        ("third", Counting({"severity": "low"})),
    )
    case = desk.intake(make_complaint("a"))
    assert case.severity == "critical"
    assert asked == ["None", "{'severity': 'critical'}"]


class Exits:
    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> object:
        raise SystemExit(0)


def test_a_sys_exit_names_the_plugin_that_called_it() -> None:
    desk = desk_with(("quiet", Answers(None)), ("acme-ml", Exits()))
    (outcome,) = desk.intake_many([make_complaint("a")])
    assert isinstance(outcome, InvalidInput)
    assert "PluginExit" in str(outcome)
    assert "'acme-ml'" in str(outcome)
    assert "quiet" not in str(outcome)
