"""A plugin failing on one case during a replay names that case, and the others compare.

A candidate policy may test a field with a plugin's operator; one that raises on one
complaint's text stopped the whole run with a ``PluginError``: no case compared, where
intake would have dead-lettered that one complaint and taken the rest in. As a case the
candidate's own rules cannot re-run (docs/history.md), it is listed as rejected, named
with the plugin's error, and the other cases are compared.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import complaintkit
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_file, replay_store

CANDIDATE = """
complaintkit: 1
name: sorted-by-a-plugin
version: "2"
categories: {other: {label: 其他}, listed: {label: 名单}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
classification:
  - rules:
      - id: listed
        when: {field: complaint.text, on_watch_list: x}
        then: {category: listed, severity: minor, priority: normal}
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: chen.jing}}
"""
FAILS_ON = "坏"


def _on_watch_list(value: object) -> bool:
    if FAILS_ON in str(value):
        raise RuntimeError("the watch list is unreachable")
    return False


class _WatchList:
    @complaintkit.hookimpl
    def register_operators(self, register: Callable[..., None]) -> None:
        register("on_watch_list", lambda argument: _on_watch_list)


def _plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_WatchList(), name="watch-list")
    return Plugins(pm)


def _complaint(number: int, text: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"R-{number}",
        "customer": {"id": f"c{number}"},
        "received_at": "2026-11-23T09:00:00+08:00",
        "text": text,
    }


texts = st.lists(st.sampled_from(["好的", "坏了", "一般", "很坏"]), min_size=1, max_size=6)


@settings(max_examples=10, deadline=None)
@given(texts=texts)
def test_a_stored_case_a_plugin_fails_on_is_rejected_and_the_rest_compared(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("store")
    (folder / "candidate.yaml").write_text(CANDIDATE, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC))
    desk = Desk(storage=f"sqlite:///{folder / 'cases.db'}", clock=clock)
    ids = [desk.intake(_complaint(n, text)).id for n, text in enumerate(texts)]
    failing = {case_id for case_id, text in zip(ids, texts, strict=True) if FAILS_ON in text}
    plugins = _plugins()
    result = replay_store(desk.storage, load_policy(folder / "candidate.yaml", plugins), plugins)
    assert {source for source, _ in result.rejected} == {f"case {i}" for i in failing}
    assert all("'watch-list'" in why for _, why in result.rejected), result.rejected
    assert result.comparison.cases == len(ids) - len(failing)


def test_a_file_line_a_plugin_fails_on_is_rejected_and_the_rest_compared(tmp_path: Path) -> None:
    (tmp_path / "candidate.yaml").write_text(CANDIDATE, encoding="utf-8")
    (tmp_path / "baseline.yaml").write_text(
        CANDIDATE.replace("on_watch_list: x", "contains: 从不"), encoding="utf-8"
    )
    lines = [json.dumps(_complaint(n, t), ensure_ascii=False) for n, t in enumerate(["好", "坏"])]
    (tmp_path / "complaints.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plugins = _plugins()
    result = replay_file(
        load_policy(tmp_path / "baseline.yaml", plugins),
        load_policy(tmp_path / "candidate.yaml", plugins),
        plugins,
        tmp_path / "complaints.jsonl",
        clock=ManualClock(datetime(2026, 11, 24, tzinfo=UTC)),
    )
    ((source, why),) = result.rejected
    assert source == "complaints.jsonl:2"
    assert "'watch-list'" in why
    assert result.comparison.cases == 1


class _Classifier:
    """A ``classify_complaint`` that fails on one complaint: raising, or answering text."""

    def __init__(self, answer: Callable[[], object]) -> None:
        self.answer = answer

    @complaintkit.hookimpl
    def classify_complaint(self, complaint: Any, proposed: dict[str, Any]) -> object:
        return self.answer() if FAILS_ON in complaint.text else None


def _raise() -> object:
    raise RuntimeError("the classifier is down")


@pytest.mark.parametrize("answer", [_raise, lambda: "listed"], ids=["raises", "answers text"])
def test_a_classify_hook_failing_on_a_case_is_no_damage_to_the_store(
    tmp_path: Path, answer: Callable[[], object]
) -> None:
    """Named as a plugin's failure, not "damaged … run audit verify": the store is sound."""
    clock = ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC))
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    ids = [desk.intake(_complaint(n, text)).id for n, text in enumerate(["好", "坏", "中"])]
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_Classifier(answer), name="classifier")
    plugins = Plugins(pm)
    (tmp_path / "candidate.yaml").write_text(
        CANDIDATE.replace("on_watch_list: x", "contains: 从不"), encoding="utf-8"
    )
    result = replay_store(desk.storage, load_policy(tmp_path / "candidate.yaml", plugins), plugins)
    assert result.damaged == []
    ((source, why),) = result.rejected
    assert source == f"case {ids[1]}"
    assert "'classifier'" in why
    assert "classify_complaint" in why
    assert result.comparison.cases == 2
