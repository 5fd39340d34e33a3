"""The loader's view of the ``templates`` and ``notifications`` sections.

Wraps :func:`complaintkit.notify.policy.compile_notifications` in the section contract
(:mod:`complaintkit.policy.sections`) and checks, when the plugins are known, that every
notifier's ``type`` is one a plugin registered — so ``validate`` says so with file:line:col
instead of the Desk failing when it starts — and that each escalation level's ``notify``
action names a role, a template and a notifier these sections define.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final

import attrs

from complaintkit.errors import PolicyError, Problem
from complaintkit.notify.notifier_options import notifier_option_problems
from complaintkit.notify.policy import ROLES, NotificationPolicy, compile_notifications
from complaintkit.notify.policy import SCHEMA as NOTIFY_SCHEMA
from complaintkit.notify.team_lead_addresses import team_lead_address_warnings
from complaintkit.notify.unset_clocks import unset_clock_warnings
from complaintkit.policy.as_written import as_written
from complaintkit.policy.currency import amount_currency
from complaintkit.policy.key_hints import meant_key, meant_lead
from complaintkit.policy.meant_values import meant_id
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join
from complaintkit.sla.metrics import BUILTIN_METRICS
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.schema import SCHEMA as SLA_SCHEMA

NAME: Final = "notifications"
SCHEMA: Final[Mapping[str, Any]] = NOTIFY_SCHEMA


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> NotificationPolicy | None:
    """The compiled sections, or None when the document has neither."""
    templates, notifications = data.get("templates"), data.get("notifications")
    problems = _escalation_notices(data, path, locate)
    if templates is None and notifications is None:
        if problems:
            raise PolicyError(problems)
        return None
    problems += _unknown_notifiers(notifications, path, locate, context.notifiers)
    problems += _non_publishers(notifications, path, locate, context.cannot_publish)
    problems += notifier_option_problems(notifications, path, locate, context.check_notifier)
    addresses = team_lead_address_warnings(data, path, locate)
    try:
        compiled = compile_notifications(
            templates,
            notifications,
            locate=locate,
            prefix=f"{path}." if path else "",
            operators=context.operators,
            metrics=_metrics(data, context),
            currency=amount_currency(data),
        )
    except PolicyError as exc:
        raise PolicyError([*problems, *exc.problems, *addresses]) from None
    if problems:  # with the rules' warnings: an error must not hide them until it is fixed
        raise PolicyError([*problems, *compiled.problems, *addresses])
    found = addresses
    if isinstance(context.compiled.get("sla"), SlaPolicy):  # targets known to be sound
        found = [*found, *unset_clock_warnings(data, path, locate)]
    if found:
        compiled = attrs.evolve(compiled, problems=(*compiled.problems, *found))
    return compiled


def _metrics(data: Mapping[str, Any], context: SectionContext) -> Collection[str] | None:
    """The SLA clocks a case of this policy can have: the SLA section's metrics, the
    built-in ones when the policy has none; None (not checked) when that section failed."""
    sla = context.compiled.get("sla")
    if isinstance(sla, SlaPolicy):
        return tuple(sla.metrics)
    if not any(key in data for key in SLA_SCHEMA):
        return tuple(BUILTIN_METRICS)
    return None


def _unknown_notifiers(
    section: object, path: str, locate: Locate, known: frozenset[str] | None
) -> list[Problem]:
    if known is None or not isinstance(section, Mapping):
        return []
    notifiers = section.get("notifiers") or {}
    where = join(join(path, "notifications"), "notifiers")
    return [
        Problem(
            locate(join(join(where, name), "type")),
            f"notifier type {spec['type']!r} is not registered",
            f"registered types: {', '.join(sorted(known)) or 'none'}",
            code="unknown-notifier",
        )
        for name, spec in notifiers.items()
        if isinstance(spec, Mapping) and spec.get("type") not in known
    ]


def _non_publishers(
    section: object, path: str, locate: Locate, cannot_publish: frozenset[str]
) -> list[Problem]:
    """A ``publish`` name whose notifier's type has no ``publish``: the Desk would refuse
    to start with it."""
    if not isinstance(section, Mapping) or not isinstance(section.get("publish"), list):
        return []
    notifiers = section.get("notifiers")
    types = {
        name: spec.get("type")
        for name, spec in (notifiers.items() if isinstance(notifiers, Mapping) else ())
        if isinstance(spec, Mapping)
    }
    where = join(join(path, "notifications"), "publish")
    return [
        Problem(
            locate(join(where, index)),
            f"notifier {as_written(name)} is of type {as_written(types[name])}, "
            "which cannot publish case events",
            "publish through a notifier whose type can (webhook, or a broker plugin's), "
            "or take it out of publish",
            code="not-a-publisher",
        )
        for index, name in enumerate(section["publish"])
        if isinstance(name, str) and types.get(name) in cannot_publish
    ]


def _meant_role(written: object) -> str:
    """``did you mean 'manager'? `` for a role misspelt or named in Chinese (经理), or ""."""
    if not isinstance(written, str):
        return ""
    meant = meant_id(written, ROLES) or meant_key(written, ROLES)
    return f"did you mean {meant!r}? " if meant else ""


def _escalation_notices(data: Mapping[str, Any], path: str, locate: Locate) -> list[Problem]:
    """Problems of the escalation ladders' ``notify`` actions against these sections."""
    templates = data.get("templates") or {}
    section = data.get("notifications") or {}
    notifiers = section.get("notifiers") or {} if isinstance(section, Mapping) else {}
    problems = []
    for where, action in _notify_actions(data.get("escalation"), join(path, "escalation")):
        role, template, via = action.get("role"), action.get("template"), action.get("via")
        if role not in ROLES and (role or action.get("person")):  # nobody: said elsewhere
            problems.append(
                Problem(
                    locate(join(where, "role") if "role" in action else where),
                    f"an escalation can notify a role, not {role or action.get('person')!r}",
                    f"{_meant_role(role)}use one of {', '.join(ROLES)}; map people under "
                    "notifications.contacts",
                    code="notify-role",
                )
            )
        if template is None:
            example = next(iter(templates), "NAME")
            problems.append(
                Problem(
                    locate(where),
                    "a notify action names no template: the message it sends",
                    f"write notify: {{template: {example}, role: {role or 'manager'}}}",
                    code="notify-template",
                )
            )
        elif template not in templates:
            problems.append(
                Problem(
                    locate(join(where, "template") if "template" in action else where),
                    f"template {template!r} is not defined",
                    f"{meant_lead([template], templates)}add it under templates; "
                    f"defined: {', '.join(templates) or 'none'}",
                    code="notify-template",
                )
            )
        if (via is not None and via not in notifiers) or not notifiers:
            problems.append(
                Problem(
                    locate(join(where, "via") if via is not None else where),
                    f"notifier {via!r} is not defined" if via else "no notifier is defined",
                    f"{meant_lead([via], notifiers)}define it under notifications.notifiers; "
                    f"defined: {', '.join(notifiers) or 'none'}",
                    code="notify-via",
                )
            )
    return problems


def _notify_actions(section: object, path: str) -> list[tuple[str, Mapping[str, Any]]]:
    """``(path, notify mapping)`` of every ladder level's notify action."""
    if not isinstance(section, Mapping) or not isinstance(section.get("ladders"), list):
        return []
    found = []
    for i, ladder in enumerate(section["ladders"]):
        levels = ladder.get("levels") if isinstance(ladder, Mapping) else None
        for j, level in enumerate(levels if isinstance(levels, list) else []):
            actions = level.get("actions") if isinstance(level, Mapping) else None
            for k, action in enumerate(actions if isinstance(actions, list) else []):
                if isinstance(action, Mapping) and isinstance(action.get("notify"), Mapping):
                    where = f"{path}.ladders[{i}].levels[{j}].actions[{k}].notify"
                    found.append((where, action["notify"]))
    return found
