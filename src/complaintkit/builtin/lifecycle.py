"""Isolation for the lifecycle hook: a plugin failing in ``case_event`` is logged.

The event it was told about is already stored; a broken plugin must not turn a saved
change into an error for the person who made it. This is a pluggy wrapper around every
``case_event`` call, so pluggy still orders, prunes and traces the implementations;
``tryfirst`` puts it outside the wrappers registered before it; a plugin's own ``tryfirst``
wrapper registered later sits outside it, and ``Plugins.case_events`` catches and logs what
that one raises (``logged``).
"""

from __future__ import annotations

import logging
from collections.abc import Generator

from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent

log = logging.getLogger(__name__)


@hookimpl(wrapper=True, tryfirst=True)
def case_event(event: CaseEvent) -> Generator[None, list[None], list[None]]:
    try:
        return (yield)
    except Exception:
        logged(event)
        return []


def logged(event: CaseEvent) -> None:
    """Log the exception being handled: a plugin failed on ``event``, which is stored."""
    log.exception(
        "a plugin failed handling the %s event of case %s; the event is stored, "
        "plugins after it in hook order were not told",
        event.kind,
        event.case_id,
    )
