"""A plugin operator's test answers ``True`` or ``False``: any other answer ("no", 0,
None, a list) is the plugin's bug, named, never read by its truthiness ("no" matched)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import PluginError, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = """\
complaintkit: 1
name: answers
version: "1"
categories:
  flagged: {label: {en: Flagged}}
  general: {label: {en: General}}
severities:
  minor: {label: {en: Minor}}
priorities:
  normal: {label: {en: Normal}}
teams:
  desk: {label: {en: Desk}, default_owner: desk}
classification:
  rules:
    - id: flagged
      when: {field: complaint.text, answers: anything}
      then: {category: flagged, severity: minor, priority: normal}
  default: {category: general, severity: minor, priority: normal}
routing:
  rules: []
  default: {team: desk}
"""

COMPLAINT = {
    "channel": "web",
    "external_id": "k-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c-1"},
    "text": "the parcel is late",
}


def desk_answering(answer: object, tmp_path: Path) -> Desk:
    class Answering:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("answers", lambda argument: lambda value: answer)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Answering(), name="acme")
    plugins = Plugins(pm)
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml", plugins), storage="memory:", plugins=plugins)


@pytest.mark.parametrize("answer", ["no", "", 0, 1, None, [], [0], 0.0])
def test_an_answer_that_is_no_bool_is_a_plugin_error_naming_operator_and_plugin(
    answer: object, tmp_path: Path
) -> None:
    desk = desk_answering(answer, tmp_path)
    with pytest.raises(PluginError) as error:
        desk.intake(COMPLAINT)
    message = str(error.value)
    assert "operator 'answers' from plugin 'acme'" in message
    assert type(answer).__name__ in message
    assert error.value.plugins == ("acme",)
    assert list(desk.storage.case_ids()) == []


@pytest.mark.parametrize(("answer", "category"), [(True, "flagged"), (False, "general")])
def test_a_bool_answer_decides(answer: bool, category: str, tmp_path: Path) -> None:
    assert desk_answering(answer, tmp_path).intake(COMPLAINT).category == category


async def _awaits(value: object) -> bool:
    return True


def _yields(value: object) -> Iterator[bool]:
    yield True


class _AwaitsWhenCalled:
    async def __call__(self, value: object) -> bool:
        return True


class _YieldsWhenCalled:
    def __call__(self, value: object) -> Iterator[bool]:
        yield True


@pytest.mark.parametrize(
    "test",
    [_awaits, _yields, _AwaitsWhenCalled(), _YieldsWhenCalled(), functools.partial(_awaits)],
    ids=["async-def", "yields", "async-call", "yielding-call", "partial"],
)
def test_a_test_that_never_runs_its_body_is_refused_with_the_policy(
    test: object, tmp_path: Path
) -> None:
    """Called, an ``async def`` or yielding test makes a coroutine or a generator, never an
    answer: the policy is refused where it uses the operator, not each complaint after."""

    class NeverAnswering:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("answers", lambda argument: test)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(NeverAnswering(), name="acme")
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no coroutine left never awaited either
        with pytest.raises(PolicyError) as refused:
            load_policy(tmp_path / "policy.yaml", Plugins(pm))
    message = str(refused.value)
    assert "operator 'answers' from plugin 'acme'" in message
    assert "classification.rules[0].when.answers" in message


def test_a_factory_changing_its_argument_changes_no_policy(tmp_path: Path) -> None:
    """The argument is the policy's own list: cleared by a factory, the policy's data read
    differently from its file (its tests drew complaints from it) and from what was
    compiled."""

    def emptying(argument: list[str]) -> Any:
        argument.clear()
        return lambda value: False

    class Emptying:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("answers", emptying)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Emptying(), name="acme")
    written = POLICY.replace("answers: anything", "answers: [late, broken]")
    (tmp_path / "policy.yaml").write_text(written, encoding="utf-8")
    policy = load_policy(tmp_path / "policy.yaml", Plugins(pm))
    (rule,) = policy.data["classification"]["rules"]
    assert rule["when"]["answers"] == ["late", "broken"]
