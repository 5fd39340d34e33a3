"""A plugin's hook call that takes long is logged, naming the plugin.

complaintkit calls hooks synchronously, inside the work they are part of: a
``classify_complaint`` waiting on a service holds the intake of its complaint and of every
one behind it, a ``case_event`` posting to a slow server holds the change that told it.
pluggy has no timeouts and Python cannot stop a thread, so complaintkit cannot cut such a
call short; it can say whose it was. Each hook call is timed by two reads of a monotonic
clock (nothing else on the way), and one that took ``seconds`` or more is logged as a
warning naming the plugin, the hook and the time, with what to do about it.

A plugin called per record and slow on each would log a line per record, burying the rest
of the log: its first slow call of a hook is logged, then the slow calls of the next
``every`` seconds (60) are only counted, the count said with the first slow call after
them.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import pluggy

from complaintkit.errors import ConfigError

#: How long a hook call may take before it is logged, unless ``SLOW_HOOK_VARIABLE`` says.
SLOW_HOOK_SECONDS = 1.0
SLOW_HOOK_VARIABLE = "COMPLAINTKIT_SLOW_HOOK_SECONDS"

#: After a plugin's slow call of a hook is logged, its slow calls of it in this many
#: seconds more are counted, not logged one by one.
SLOW_HOOK_SUMMARY_SECONDS = 60.0

#: complaintkit's own wrapper around each ``case_event`` call; it only catches what the
#: call raises, so it is never the one that took long.
_ISOLATION = "complaintkit.builtin.lifecycle"

log = logging.getLogger(__name__)


def _valid_seconds(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ConfigError(
            f"a slow hook call is one of {value!r} seconds or more: give a finite number "
            "of seconds from 0 (0 logs every call)"
        )


def _valid_every(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ConfigError(
            f"slow hook calls are counted for every={value!r} seconds after one is logged: "
            "give a finite number of seconds from 0 (0 logs every slow call)"
        )


@attrs.define
class _Counted:
    """The slow calls of one plugin's hook since its last warning, at ``logged``."""

    logged: float
    count: int = 0
    longest: float = 0.0


@attrs.frozen
class SlowHooks:
    """When a hook call counts as slow, the clock that times it (``timer``, seconds from
    any start, as ``time.monotonic``; tests pass one they move), and for how long after a
    plugin's slow call of a hook is logged its next ones are only counted (``every``)."""

    seconds: float = attrs.field(default=SLOW_HOOK_SECONDS, validator=_valid_seconds)
    timer: Callable[[], float] = time.monotonic
    every: float = attrs.field(default=SLOW_HOOK_SUMMARY_SECONDS, validator=_valid_every)
    _counted: dict[tuple[tuple[str, ...], str], _Counted] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    _lock: threading.Lock = attrs.field(init=False, factory=threading.Lock, eq=False, repr=False)

    def took(self, hook_name: str, impls: Iterable[pluggy.HookImpl], seconds: float) -> None:
        """Log that a call of ``hook_name`` running ``impls`` took ``seconds``, which is
        ``self.seconds`` or more; its caller compares, so a quick call costs no more."""
        names = [i.plugin_name for i in impls if i.plugin_name != _ISOLATION]
        self.took_by(names, hook_name, seconds)

    def took_by(
        self,
        plugins: Sequence[str],
        what: str,
        seconds: float,
        *,
        advice: str = "complaintkit cannot stop a hook: give each of the plugin's network "
        "calls a timeout, or hand slow work to a queue of its own",
    ) -> None:
        """Log that ``plugins``' call of ``what`` (a hook, a channel's read) took
        ``seconds``, unless one was logged less than ``every`` seconds ago: then count it."""
        names = tuple(dict.fromkeys(plugins))
        now = self.timer()
        with self._lock:
            counted = self._counted.get((names, what))
            if counted is not None and now - counted.logged < self.every:
                counted.count += 1
                counted.longest = max(counted.longest, seconds)
                return
            self._counted[names, what] = _Counted(now)
        since = (
            f" (and {counted.count} more slow call(s) of it since the last warning, the "
            f"longest {counted.longest:.3g} s)"
            if counted is not None and counted.count
            else ""
        )
        log.warning(
            "plugin %s took %.3g s in %s, and the work that called it waited (a call of "
            "%g s or more is logged; %s sets it)%s; %s",
            " or ".join(map(repr, names)) or "(none)",
            seconds,
            what,
            self.seconds,
            SLOW_HOOK_VARIABLE,
            since,
            advice,
        )


def slow_hooks_from(environ: Mapping[str, str] = os.environ) -> SlowHooks:
    """``SlowHooks`` with the seconds ``COMPLAINTKIT_SLOW_HOOK_SECONDS`` gives, else the
    default; a value that is no such number is a ``ConfigError`` saying what to write."""
    text = environ.get(SLOW_HOOK_VARIABLE, "").strip()
    if not text:
        return SlowHooks()
    try:
        return SlowHooks(float(text))
    except ValueError:  # float's, or the seconds' own ConfigError
        raise ConfigError(
            f"{SLOW_HOOK_VARIABLE}={text!r} is not a number of seconds: write a finite "
            f"number from 0, e.g. {SLOW_HOOK_VARIABLE}=2.5 (0 logs every hook call), or "
            f"unset it for {SLOW_HOOK_SECONDS:g}"
        ) from None
