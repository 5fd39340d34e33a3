"""Telling plugins of a change's events through ``case_event``, one plugin at a time.

Each plugin is called on its own, with copies of the event and the case of its own
(``complaintkit.model.detached``), so what one plugin changes in its copies no other plugin
sees, and one that fails keeps none after it from being told. The hook's wrappers run
around each plugin's call; complaintkit's own implementations, which only read, get the
stored objects inside complaintkit's own wrapper alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import CodeType
from typing import TYPE_CHECKING

import pluggy

from complaintkit.builtin import lifecycle
from complaintkit.errors import DamagedStore
from complaintkit.model.case import Case
from complaintkit.model.detached import detached_case, detached_event
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_exit import plugin_failure
from complaintkit.plugin_slow import SlowHooks

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext


#: The batch watcher, the default plugin counting openings under the policy's batch rules.
BATCH_WATCHER = "complaintkit.desk.batches"
#: The event kinds the default plugins' ``case_event`` implementations act on: the batch
#: watcher, openings (``acts_on``: when the policy has batch rules); the lifecycle wrapper,
#: none by itself. An event no other plugin hears is not passed through pluggy at all (a
#: tick or an intake batch makes tens of thousands).
OWN_CASE_EVENT_KINDS: Mapping[str, frozenset[str]] = {
    "complaintkit.builtin.lifecycle": frozenset(),
    BATCH_WATCHER: frozenset({"opened"}),
}


def acts_on(plugin_name: str, context: PluginContext) -> frozenset[str] | None:
    """The event kinds the default plugin ``plugin_name`` acts on for ``context``'s Desk,
    None for another plugin: the batch watcher none under a policy without batch rules,
    which most Desks have (a policy whose ``incidents`` cannot be read is the watcher's
    call to log, so it is told)."""
    kinds = OWN_CASE_EVENT_KINDS.get(plugin_name)
    if plugin_name != BATCH_WATCHER:
        return kinds
    try:
        incidents = context.policy.incidents
        counted = incidents is not None and bool(incidents.batches)
    except Exception:  # told: its call logs what the policy raised
        counted = True
    return kinds if counted else frozenset()


#: One call of ``case_event``: a caller of one plugin's implementation (or of wrappers
#: alone) and the event kinds it hears, ``None`` for every kind.
_Call = tuple[pluggy.HookCaller, frozenset[str] | None]


def calls_of(
    pm: pluggy.PluginManager, told: Sequence[pluggy.HookImpl], impls: Sequence[pluggy.HookImpl]
) -> list[_Call]:
    """The calls telling each of ``told`` (of ``impls``) of an event, in pluggy's order: one
    per implementation, so each plugin is handed copies of its own, inside the wrappers of
    ``told`` — complaintkit's own implementations inside its own wrappers only, so a
    plugin's wrapper runs around each plugin's call. A plugin's wrapper with no plugin's
    implementation to wrap is called alone, and hears every event too."""
    own = [i for i in told if i.plugin_name in OWN_CASE_EVENT_KINDS]
    theirs = [i for i in told if i.plugin_name not in OWN_CASE_EVENT_KINDS]

    def alone(
        impl: pluggy.HookImpl | None, wrappers: Sequence[pluggy.HookImpl]
    ) -> pluggy.HookCaller:
        kept = [w for w in wrappers if wraps(w)]
        gone = [i.plugin for i in impls if i is not impl and not any(i is w for w in kept)]
        return pm.subset_hook_caller("case_event", remove_plugins=gone)

    calls = [
        (alone(impl, told if mine is None else own), mine)
        for impl in reversed(told)  # pluggy's call order
        if not wraps(impl)
        for mine in [OWN_CASE_EVENT_KINDS.get(impl.plugin_name)]
    ]
    if theirs and all(wraps(i) for i in theirs):
        calls.append((alone(None, told), None))
    return calls


class KeptCalls:
    """``calls_of``, remembered for each list of implementations: a tick or an intake batch
    tells tens of thousands of changes, and the implementations are others only once a
    plugin is registered or unregistered (then worked out again)."""

    _KEPT = 16

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self._calls: dict[tuple[tuple[pluggy.HookImpl, ...], ...], list[_Call]] = {}

    def __call__(
        self, told: Sequence[pluggy.HookImpl], impls: Sequence[pluggy.HookImpl]
    ) -> list[_Call]:
        key = (tuple(told), tuple(impls))  # (implementations compare by identity)
        calls = self._calls.get(key)
        if calls is None:
            if len(self._calls) >= self._KEPT:
                self._calls.clear()
            calls = self._calls[key] = calls_of(self.pm, told, impls)
        return calls

    def none(
        self,
        impls: Sequence[pluggy.HookImpl],
        events: Sequence[CaseEvent],
        context: PluginContext,
    ) -> bool:
        """Whether telling ``events`` makes no call: each of ``impls`` is complaintkit's own
        and acts on none of their kinds for ``context``'s Desk (``acts_on``; most changes: a
        tick's clock events, or openings under no batch rules, with no plugin installed).
        Asked of each change, as plugins come and go and a Desk's policy may change."""
        for impl in impls:
            kinds = acts_on(impl.plugin_name, context)
            if kinds is None or any(event.kind in kinds for event in events):
                return False
        return True


def wraps(impl: pluggy.HookImpl) -> bool:
    return bool(impl.wrapper or impl.hookwrapper)


def code_of(impl: pluggy.HookImpl) -> CodeType | None:
    """The code of ``impl``'s function, a bound method's too."""
    function = getattr(impl.function, "__func__", impl.function)
    code: CodeType | None = getattr(function, "__code__", None)
    return code


def tell(
    calls: Sequence[_Call],
    events: Sequence[CaseEvent],
    case: Case,
    context: PluginContext,
    slow: SlowHooks,
) -> None:
    """Make each of ``calls`` for each event it hears. A call hearing every kind is a
    plugin's, not complaintkit's own: it is handed copies of its own. One that takes
    ``slow.seconds`` or more is logged, naming its plugin."""
    timer, seconds = slow.timer, slow.seconds
    for event in events:
        for caller, kinds in calls:
            if kinds is not None and event.kind not in kinds:
                continue
            told = (
                (event, case) if kinds is not None else (detached_event(event), detached_case(case))
            )
            started = timer()
            try:
                caller(event=told[0], case=told[1], context=context)
            except BaseException as exc:  # sys.exit, asyncio's CancelledError: its bug too
                if not plugin_failure(exc) or isinstance(exc, DamagedStore):  # the store's
                    raise
                lifecycle.logged(event, lifecycle.culprit(caller.get_hookimpls(), exc))
            if (took := timer() - started) >= seconds:
                slow.took("case_event", caller.get_hookimpls(), took)
