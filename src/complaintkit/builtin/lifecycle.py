"""Isolation for the lifecycle hook: a plugin failing in ``case_event`` is logged.

The event it was told about is already stored; a broken plugin must not turn a saved
change into an error for the person who made it. This is a pluggy wrapper around every
``case_event`` call, so pluggy still orders, prunes and traces the implementations;
``tryfirst`` puts it outside the wrappers registered before it; a plugin's own ``tryfirst``
wrapper registered later sits outside it, and ``Plugins.case_events`` catches and logs what
that one raises (``logged``). The log names the plugin that raised (``culprit``).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING

from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_exit import plugin_failure

if TYPE_CHECKING:
    import pluggy

    from complaintkit.desk.context import PluginContext

log = logging.getLogger(__name__)


@hookimpl(wrapper=True, tryfirst=True)
def case_event(event: CaseEvent, context: PluginContext) -> Generator[None, list[None], list[None]]:
    try:
        return (yield)
    except BaseException as exc:  # sys.exit, asyncio's CancelledError: its bug too
        if not plugin_failure(exc):
            raise
        logged(event, culprit(context.desk.plugins.pm.hook.case_event.get_hookimpls(), exc))
        return []


def culprit(impls: Iterable[pluggy.HookImpl], exc: BaseException) -> str:
    """The name of the plugin whose ``case_event`` raised ``exc``: the innermost frame of
    its traceback that is one of ``impls`` (a wrapper passing on what an implementation
    raised is further out); the implementers listed when no frame is one."""
    owners = {}
    for impl in impls:
        code = getattr(getattr(impl.function, "__func__", impl.function), "__code__", None)
        if code is not None and impl.plugin_name != __name__:
            owners[code] = impl.plugin_name
    found = None
    tb = exc.__traceback__
    while tb is not None:
        found = owners.get(tb.tb_frame.f_code, found)
        tb = tb.tb_next
    return found if found is not None else " or ".join(sorted(set(owners.values())))


def logged(event: CaseEvent, plugin: str) -> None:
    """Log the exception being handled: ``plugin`` failed on ``event``, which is stored."""
    log.exception(
        "plugin %r (case_event) failed handling the %s event of case %s; the event is "
        "stored, plugins after it in hook order were not told",
        plugin,
        event.kind,
        event.case_id,
    )
