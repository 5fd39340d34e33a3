"""The loader's view of the ``templates`` and ``notifications`` sections.

Wraps :func:`complaintkit.notify.policy.compile_notifications` in the section contract
(:mod:`complaintkit.policy.sections`) and checks, when the plugins are known, that every
notifier's ``type`` is one a plugin registered — so ``validate`` says so with file:line:col
instead of the Desk failing when it starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from complaintkit.errors import PolicyError, Problem
from complaintkit.notify.policy import SCHEMA as NOTIFY_SCHEMA
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join

NAME: Final = "notifications"
SCHEMA: Final[Mapping[str, Any]] = NOTIFY_SCHEMA


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> NotificationPolicy | None:
    """The compiled sections, or None when the document has neither."""
    templates, notifications = data.get("templates"), data.get("notifications")
    if templates is None and notifications is None:
        return None
    problems = _unknown_notifiers(notifications, path, locate, context.notifiers)
    try:
        compiled = compile_notifications(
            templates, notifications, locate=locate, prefix=f"{path}." if path else ""
        )
    except PolicyError as exc:
        raise PolicyError([*problems, *exc.problems]) from None
    if problems:
        raise PolicyError(problems)
    return compiled


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
