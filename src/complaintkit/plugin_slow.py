"""A plugin's hook call that takes long is logged, naming the plugin.

complaintkit calls hooks synchronously, inside the work they are part of: a
``classify_complaint`` waiting on a service holds the intake of its complaint and of every
one behind it, a ``case_event`` posting to a slow server holds the change that told it.
pluggy has no timeouts and Python cannot stop a thread, so complaintkit cannot cut such a
call short; it can say whose it was. Each hook call is timed by two reads of a monotonic
clock (nothing else on the way), and one that took ``seconds`` or more is logged as a
warning naming the plugin, the hook and the time, with what to do about it.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Mapping

import attrs
import pluggy

from complaintkit.errors import ConfigError

#: How long a hook call may take before it is logged, unless ``SLOW_HOOK_VARIABLE`` says.
SLOW_HOOK_SECONDS = 1.0
SLOW_HOOK_VARIABLE = "COMPLAINTKIT_SLOW_HOOK_SECONDS"

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


@attrs.frozen
class SlowHooks:
    """When a hook call counts as slow, and the clock that times it (``timer``, seconds
    from any start, as ``time.monotonic``; tests pass one they move)."""

    seconds: float = attrs.field(default=SLOW_HOOK_SECONDS, validator=_valid_seconds)
    timer: Callable[[], float] = time.monotonic

    def took(self, hook_name: str, impls: Iterable[pluggy.HookImpl], seconds: float) -> None:
        """Log that a call of ``hook_name`` running ``impls`` took ``seconds``, which is
        ``self.seconds`` or more; its caller compares, so a quick call costs no more."""
        names = list(dict.fromkeys(i.plugin_name for i in impls if i.plugin_name != _ISOLATION))
        log.warning(
            "plugin %s took %.3g s in %s, and the work that called it waited (a call of "
            "%g s or more is logged; %s sets it); complaintkit cannot stop a hook: give each "
            "of the plugin's network calls a timeout, or hand slow work to a queue of its own",
            " or ".join(map(repr, names)) or "(none)",
            seconds,
            hook_name,
            self.seconds,
            SLOW_HOOK_VARIABLE,
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
