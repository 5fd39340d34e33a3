"""Isolation for the lifecycle hook: a plugin failing in ``case_event`` is logged.

The event it was told about is already stored; a broken plugin must not turn a saved
change into an error for the person who made it. This is a pluggy wrapper around every
``case_event`` call, so pluggy still orders, prunes and traces the implementations;
``tryfirst`` puts it outside the wrappers registered before it; a plugin's own ``tryfirst``
wrapper registered later sits outside it, and ``Plugins.case_events`` catches and logs what
that one raises (``logged``). The log names the plugin that raised (``culprit``).

A change a plugin makes from ``case_event`` is told to plugins in turn, the plugin too:
one that changes the case for each event it hears (a note per event) would loop until
Python's recursion limit, storing a change at each turn. ``telling`` stops telling so deep,
but for the default plugins, which cannot loop: the batch watcher counts every opening.
Such a change is told once the change being told is (``in_order``), so plugins hear a
case's events in the order they were stored.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import sys
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from contextvars import ContextVar
from types import CodeType, FrameType
from typing import TYPE_CHECKING

from complaintkit.errors import DamagedStore
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
        if not plugin_failure(exc) or isinstance(exc, DamagedStore):  # the store's, not its
            raise
        logged(event, culprit(context.desk.plugins.pm.hook.case_event.get_hookimpls(), exc))
        return []


def culprit(impls: Iterable[pluggy.HookImpl], exc: BaseException) -> str:
    """The name of the plugin whose hook raised ``exc``: the innermost frame of its
    traceback that is one of ``impls`` (a wrapper passing on what an implementation raised
    is further out), else the wrapper pluggy refused (``_refused_wrapper``); the
    implementers listed when neither is found."""
    owners = _owners(impls)
    found = None
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        found = owners.get(tb.tb_frame.f_code, found)
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    if found is None:
        found = _refused_wrapper(owners, frames)
    return found if found is not None else " or ".join(sorted(set(owners.values())))


def _refused_wrapper(owners: dict[CodeType, str], frames: list[FrameType]) -> str | None:
    """The plugin whose wrapper yielded twice or never, when pluggy refused one: it raises
    that from its own code once the wrapper's generator has finished, so no frame of the
    wrapper is in the traceback, but a frame it passed through holds that generator (the
    innermost one found). A wrapper still running around the call has not finished."""
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if inspect.isgenerator(value) and value.gi_frame is None and value.gi_code in owners:
                return owners[value.gi_code]
    return None


def logged(event: CaseEvent, plugin: str) -> None:
    """Log the exception being handled: ``plugin`` failed on ``event``, which is stored."""
    log.exception(
        "plugin %r (case_event) failed handling the %s event of case %s; the event is "
        "stored, and the other plugins are told of it",
        plugin,
        event.kind,
        event.case_id,
    )


#: How deep changes made from ``case_event`` calls, one within another, are told to
#: plugins; a deeper one is stored but told to none.
MAX_NESTED_CHANGES = 8

_nested: ContextVar[int] = ContextVar("complaintkit_nested_changes", default=0)


@contextlib.contextmanager
def telling(
    case_id: str, impls: Iterable[pluggy.HookImpl], loop_free: Collection[str] = ()
) -> Iterator[bool]:
    """Whether plugins are told of a change to ``case_id``: not when it was made from
    ``case_event`` calls nested ``MAX_NESTED_CHANGES`` deep, a loop, logged naming the
    plugin that made it (the innermost implementation of ``impls`` on the stack) unless
    that is one of the ``loop_free`` plugins, which its caller tells at any depth."""
    depth = _nested.get()
    if depth >= MAX_NESTED_CHANGES:
        changing = _changing(impls)
        if changing not in loop_free:
            log.warning(
                "plugin %r (case_event) changed case %s from case_event %d calls deep, each "
                "change told to plugins again: a loop; plugins are not told of this change "
                "(complaintkit's own, which cannot loop, are)",
                changing,
                case_id,
                depth,
            )
        yield False
        return
    token = _nested.set(depth + 1)
    try:
        yield True
    finally:
        _nested.reset(token)


#: The changes waiting to be told on this thread, each with the depth it was made at, while
#: an earlier change is told; None when none is being told.
_later: ContextVar[list[tuple[int, Callable[[], None]]] | None] = ContextVar(
    "complaintkit_told_later", default=None
)


def in_order(tell: Callable[[], None]) -> None:
    """Run ``tell`` (telling plugins of one change's events) once every change this thread
    is telling has been told. A change made from ``case_event`` is told after the rest of
    the change being told, not between its events: plugins hear a case's events in the
    order they were stored. It is told at the depth it was made at, so ``telling`` stops a
    loop as deep as before."""
    queue = _later.get()
    if queue is not None:
        queue.append((_nested.get(), tell))
        return
    queue = []
    token = _later.set(queue)
    try:
        tell()
        while queue:
            depth, later = queue.pop(0)
            made_at = _nested.set(depth)
            try:
                later()
            finally:
                _nested.reset(made_at)
    finally:
        _later.reset(token)


def _owners(impls: Iterable[pluggy.HookImpl]) -> dict[CodeType, str]:
    """The code of each plugin's ``case_event`` (this wrapper's aside), by plugin name."""
    owners = {}
    for impl in impls:
        code = getattr(getattr(impl.function, "__func__", impl.function), "__code__", None)
        if code is not None and impl.plugin_name != __name__:
            owners[code] = impl.plugin_name
    return owners


def _changing(impls: Iterable[pluggy.HookImpl]) -> str:
    """The plugin whose ``case_event`` is running innermost on this thread's stack."""
    owners = _owners(impls)
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code in owners:
            return owners[frame.f_code]
        frame = frame.f_back
    return " or ".join(sorted(set(owners.values())))
