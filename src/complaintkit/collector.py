"""Python's cyclic garbage collector, paused while much long-lived data is built at once.

A tick batch, or a batch taken in by ``intake_many``, holds hundreds of cases at once, and
loading a policy builds every row of its tables. Those objects survive the collector's
young generations and set off full collections that walk the application's whole heap — a
tenth of a tick's time on a million-case store, a sixth of a batched intake's, half the
loading of a policy with a 15,000-row table — though such work makes little or no garbage
that reference counting does not free (what cycles it makes are collected once it ends).

The pause is process-wide: the collector is disabled when the first pause begins and
enabled again when the last one ends, unless the application had disabled it before. Other
threads' cyclic garbage waits for the end of the pause (a fraction of a second for a batch).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


class _Pauses:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = 0
        self._resume = False

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._lock:
            if self._held == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._held += 1
        try:
            yield
        finally:
            with self._lock:
                self._held -= 1
                if self._held == 0 and self._resume:
                    gc.enable()


_PAUSES = _Pauses()


def collector_paused() -> AbstractContextManager[None]:
    """Pause the cyclic garbage collector for the ``with`` block (nested and threads alike)."""
    return _PAUSES.hold()
