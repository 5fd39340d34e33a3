"""Problems found by compiling a policy that the schema lets through had an empty hint
line, and some showed the value as Python spells it (``None``, ``True``,
``mappingproxy({...})``): a calendar's timezone, country or holiday lists of another type,
a calendar without its timezone ('is required'), a metric of the policy's own without its
signals, a list of names or warnings given as something else, ``all: []`` or ``any: {}``
in a compensation or SLA condition, a table's rules, row, row id or default of another
shape, an owner that is no id, a currency that is no code, a remedy's label, an empty
``least_of``, a negative duration, and an interval whose value was too long to show whole
(its advice was cut off with it). Each now says what to write, with the value as written.

Found by fuzzing: shipped policies with values replaced at random, written as JSON or YAML,
every problem checked for a hint."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
SHOP = Path(__file__).parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
_PYTHON = ("None", "True", "False", "mappingproxy")
_OFFICE = "timezone: Asia/Shanghai, hours: 24x7"

#: a slip over docs/policy/base.yaml → the path of the problem it must give
SLIPS = {
    "calendars:\n  office: {timezone: 5, hours: 24x7}\n": "calendars.office.timezone",
    "calendars:\n  office: {hours: 24x7}\n": "calendars.office",
    f"calendars:\n  office: {{{_OFFICE}, holiday_country: [CN]}}\n": (
        "calendars.office.holiday_country"
    ),
    f"calendars:\n  office: {{{_OFFICE}, holiday_country: HK, holiday_categories: [{{}}]}}\n": (
        "calendars.office.holiday_categories[0]"
    ),
    "calendars:\n  office: {timezone: Asia/Shanghai, hours: {mon-fri: [[{a: 1}, {b: 2}, "
    "{c: 3333333333333333}]]}}\n": "calendars.office.hours.mon-fri[0]",
    "calendars:\n  office: {intersect: null}\n": "calendars.office.intersect",
    "sla:\n  metrics:\n    on_site: {pause_in: [waiting_on_customer]}\n": "sla.metrics.on_site",
    "sla:\n  metrics:\n    resolution: {warnings: true}\n": "sla.metrics.resolution.warnings",
    "sla:\n  targets:\n    - when: {all: []}\n      resolution: 2h\n": "sla.targets[0].when.all",
    "sla:\n  targets:\n    - when: {any: {}}\n      resolution: 2h\n": "sla.targets[0].when.any",
    "sla:\n  targets:\n    - resolution: -5h\n": "sla.targets[0].resolution",
    "escalation:\n  ladders:\n    - name: l\n      levels:\n        - name: a\n"
    "          trigger: {sla: resolution, elapsed: 0.8}\n"
    "          actions: [{add_tags: true}]\n": "escalation.ladders[0].levels[0].actions[0].add_tags",
    "routing:\n  rules:\n    - id: r\n      when: {field: case.category, ==: product}\n"
    "      then: {team: quality, owner: {a: true}}\n": "routing.rules[1].then.owner",
}


def _problems(folder: Path, slip: str) -> list[Problem]:
    (folder / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = folder / "p.yaml"
    policy.write_text(f"complaintkit: 1\nextends: ./base.yaml\n{slip}", "utf-8")
    return check_policy(policy)


def _said_fully(problem: Problem) -> None:
    assert problem.hint.strip(), str(problem)
    assert not any(word in problem.message for word in _PYTHON), str(problem)


@pytest.mark.parametrize("slip", list(SLIPS))
def test_a_slip_the_schema_lets_through_is_told_what_to_write(tmp_path: Path, slip: str) -> None:
    problems = _problems(tmp_path, slip)
    assert SLIPS[slip] in [p.location.path for p in problems]
    for problem in problems:
        _said_fully(problem)


def _shop(change: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load(SHOP.read_text("utf-8")))
    for path, value in change.items():
        *parents, last = path.split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value
    return data


#: a change to policies/ecommerce/online-shop.yaml (written as JSON) → the path told
CHANGES: dict[str, tuple[object, str]] = {
    "compensation/currency": (None, "compensation.currency"),
    "compensation/rules": (5, "compensation.rules"),
    "compensation/rules/0/when": ({"all": True}, "compensation.rules[0].when.all"),
    "compensation/rules/0/remedies/0/label": ([1], "compensation.rules[0].remedies[0].label"),
    "compensation/rules/0/remedies/0/amount": (
        {"least_of": []},
        "compensation.rules[0].remedies[0].amount.least_of",
    ),
}


@pytest.mark.parametrize("key", list(CHANGES))
def test_a_json_policy_slip_is_told_what_to_write(tmp_path: Path, key: str) -> None:
    value, told = CHANGES[key]
    policy = tmp_path / "shop.json"
    policy.write_text(json.dumps(_shop({key: value}), ensure_ascii=False), "utf-8")
    problems = check_policy(policy)
    assert told in [p.location.path for p in problems]
    for problem in problems:
        _said_fully(problem)


_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=6),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.booleans(), max_size=2),
)
_PLACES = [
    "compensation/currency",
    "compensation/rules",
    "compensation/rules/0/when",
    "compensation/rules/0/remedies/0/label",
    "compensation/rules/0/remedies/0/amount",
    "classification/0/rules/0",
    "classification/0/rules/0/id",
    "classification/0/default",
    "routing/rules/0/then/owner",
]


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_PLACES), _ODD)
def test_any_value_at_a_checked_place_is_told_with_a_hint(
    tmp_path_factory: pytest.TempPathFactory, place: str, value: object
) -> None:
    policy = tmp_path_factory.mktemp("shop") / "shop.json"
    policy.write_text(json.dumps(_shop({place: value}), ensure_ascii=False), "utf-8")
    for problem in check_policy(policy):
        assert problem.hint.strip(), str(problem)
