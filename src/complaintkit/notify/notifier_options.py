"""A notifier's options checked when the policy is validated.

The Desk builds its notifiers when it starts; an ``smtp`` without its ``sender`` would
otherwise pass ``validate`` and then stop every command with a message naming neither the
file nor the notifier. Only the factory's signature is read: nothing is built here.
"""

from __future__ import annotations

from collections.abc import Mapping

from complaintkit.errors import Problem
from complaintkit.policy.sections import Locate, NotifierCheck
from complaintkit.policy.source import join


def notifier_option_problems(
    section: object, path: str, locate: Locate, check: NotifierCheck | None
) -> list[Problem]:
    """One error per notifier whose options its type would refuse, at the notifier."""
    if check is None or not isinstance(section, Mapping):
        return []
    notifiers = section.get("notifiers")
    if not isinstance(notifiers, Mapping):
        return []
    where = join(join(path, "notifications"), "notifiers")
    problems = []
    for name, spec in notifiers.items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("type"), str):
            continue
        options = spec.get("options") or {}
        if not isinstance(options, Mapping):
            continue  # the schema says so
        required, wrong = check(spec["type"], options)
        if wrong is None:
            continue
        shown = ", ".join(f"{n}: …" for n in required if n not in options) or "…"
        problems.append(
            Problem(
                locate(join(where, name)),
                f"notifier {name!r}: {wrong}",
                f"write its settings under options: {name}: {{type: {spec['type']}, "
                f"options: {{{shown}}}}}; docs/delivery.md lists each built-in type's options",
                code="notifier-options",
            )
        )
    return problems
