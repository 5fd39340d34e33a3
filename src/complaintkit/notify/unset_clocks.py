"""Templates that name a clock some cases do not have.

``{case.due.on_site}`` is empty for a case no target row gives an ``on_site`` target, so a
template sent to every case reads "我们将在 前上门" for the others. What ``validate`` can
know without a case: a metric is set for every case only when a target row without
``when`` names it; a rule's cases surely have it when the rule's ``when`` is the ``when``
of a row naming it (or one of its ``all``). Any other rule sending such a template gets a
warning: its conditions may well cover the same cases in other words, which only the
author can tell.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from complaintkit.errors import Problem
from complaintkit.notify.templates import Template
from complaintkit.policy.sections import Locate
from complaintkit.policy.source import join

#: The fields that read a clock by another name than ``case.due.<metric>``.
_NAMED_DUE: Final = {
    "case.first_response_due": "first_response",
    "case.resolution_due": "resolution",
}
_ROW_SETTINGS: Final = frozenset({"when", "calendar"})


def unset_clock_warnings(data: Mapping[str, Any], path: str, locate: Locate) -> list[Problem]:
    """A warning at each rule that sends a template naming a clock its cases may lack."""
    sla, section = data.get("sla"), data.get("notifications")
    targets = sla.get("targets") if isinstance(sla, Mapping) else None
    rules = section.get("rules") if isinstance(section, Mapping) else None
    if not isinstance(targets, list) or not isinstance(rules, list):
        return []
    setters: dict[str, list[tuple[int, object]]] = {}  # metric -> (row, its when)
    for i, row in enumerate(targets):
        if isinstance(row, Mapping):
            for metric in row.keys() - _ROW_SETTINGS:
                setters.setdefault(str(metric), []).append((i, row.get("when")))
    clocks = _clocks_named(data.get("templates"))
    found = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, Mapping):
            continue
        for field, metric in clocks.get(str(rule.get("template")), ()):
            rows = setters.get(metric, [])
            if any(when is None or _implies(rule.get("when"), when) for _, when in rows):
                continue
            where = join(join(join(path, "notifications"), f"rules[{i}]"), "template")
            found.append(_warning(locate(where), rule.get("template"), field, metric, rows))
    return found


def _clocks_named(templates: object) -> dict[str, list[tuple[str, str]]]:
    """Per template, each (field, metric) of a clock it names, in any language or part."""
    named: dict[str, list[tuple[str, str]]] = {}
    for name, versions in templates.items() if isinstance(templates, Mapping) else ():
        seen: dict[str, str] = {}
        for parts in versions.values() if isinstance(versions, Mapping) else ():
            for source in parts.values() if isinstance(parts, Mapping) else ():
                for field in _fields(source):
                    metric = _NAMED_DUE.get(field) or field.removeprefix("case.due.")
                    if metric != field:
                        seen.setdefault(field, metric)
        named[str(name)] = list(seen.items())
    return named


def _fields(source: object) -> Iterator[str]:
    try:  # a template that does not compile is an error of its own, reported elsewhere
        parts = Template.compile(source).parts if isinstance(source, str) else ()
    except ValueError:
        return
    yield from (value for kind, value in parts if kind == "field")


def _implies(rule_when: object, row_when: object) -> bool:
    """Whether every case the rule's condition admits matches the row's, as far as can be
    told from how they are written: the same condition, or one of the rule's ``all``."""
    if rule_when is None:
        return False
    if rule_when == row_when:
        return True
    both = rule_when.get("all") if isinstance(rule_when, Mapping) else None
    return isinstance(both, list) and any(_implies(part, row_when) for part in both)


def _warning(
    where: Any, template: object, field: str, metric: str, rows: list[tuple[int, object]]
) -> Problem:
    if rows:
        named = ", ".join(f"sla.targets[{i}]" for i, _ in rows)
        which = f"only cases matching {named} have it (a target that sets {metric})"
        hint = (
            f"give this rule the when of {named.split(', ')[0]}, or send the other cases "
            f"a template without {{{field}}}"
        )
    else:
        which = f"no target sets {metric}"
        hint = f"give {metric} a target under sla.targets, or leave {{{field}}} out"
    return Problem(
        where,
        f"template {template!r} shows {{{field}}}, but {which}: for other cases this rule "
        "sends it to, it is empty",
        hint,
        severity="warning",
        code="clock-not-set",
    )
