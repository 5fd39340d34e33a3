"""A plugin calling ``sys.exit`` is a plugin bug, not the end of the process.

``SystemExit`` is no ``Exception``, so it passed every seam that contains a plugin's
failure: ``sys.exit(0)`` in a channel ended ``complaintkit intake`` with exit code 0 part
of the way through, and in a notifier it silently ended ``serve``'s delivery thread. Where
complaintkit calls plugin code, ``contained()`` turns it into ``PluginExit``, an ordinary
exception that seam's usual error path handles and names. Any other ``BaseException``
that is no ``Exception`` (asyncio's ``CancelledError`` out of an ``asyncio.run`` inside a
synchronous hook, a library's own) escaped the same way and becomes ``PluginAbort``.
``KeyboardInterrupt`` and ``GeneratorExit`` are left alone, and so is ``SystemExit`` raised
anywhere but inside a plugin call (the embedding application's own, a plugin command's
deliberate exit code). ``KeyboardInterrupt`` is Ctrl-C only on the main thread, where Python
delivers the signal: raised by a plugin on another (``serve``'s delivery thread, a request's),
it is that plugin's failure too; it ended the delivery thread without a word.
"""

from __future__ import annotations

import threading
from types import TracebackType

from complaintkit.plugin_said import said, shown


class PluginExit(Exception):
    """``SystemExit`` raised inside plugin code; ``code`` is what it was called with."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(
            f"sys.exit({shown(code)}) called in plugin code; a plugin fails by raising an "
            "exception, never by ending the process"
        )


class PluginAbort(Exception):
    """Another ``BaseException`` that is no ``Exception``, raised inside plugin code."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(
            f"{said(error)} (a BaseException raised in plugin code; a plugin fails by raising an "
            "Exception)"
        )


def plugin_failure(error: BaseException) -> bool:
    """Whether ``error``, raised in plugin code, is that plugin's failure to contain: all
    but Ctrl-C (a ``KeyboardInterrupt`` on the main thread) and a generator being closed."""
    return not ctrl_c(error) and not isinstance(error, GeneratorExit)


def call_failure(error: Exception | GeneratorExit) -> Exception:
    """What a plain call into plugin code raised, as its failure: a ``GeneratorExit`` too,
    which ``contained`` leaves alone (it closes a generator) but a call that is no
    generator's raised as a plugin's bug; passed on, it ended the command in a traceback."""
    return error if isinstance(error, Exception) else PluginAbort(error)


def ctrl_c(error: BaseException) -> bool:
    """Whether ``error`` is the user's Ctrl-C: a ``KeyboardInterrupt`` on the main thread,
    the only one Python delivers the signal to."""
    main = threading.current_thread() is threading.main_thread()
    return main and isinstance(error, KeyboardInterrupt)


class _Containing:
    """A context manager of no state, so one serves every call (a generator-based one cost
    a complaint's intake four calls more, on every plugin hook it passes)."""

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if isinstance(error, SystemExit):
            raise PluginExit(error.code) from error
        if error is not None and not isinstance(error, Exception) and plugin_failure(error):
            raise PluginAbort(error) from error


_CONTAINING = _Containing()


def contained() -> _Containing:
    """Run plugin code: a ``SystemExit`` it raises becomes a ``PluginExit``, another
    ``BaseException`` (but Ctrl-C and ``GeneratorExit``) a ``PluginAbort``."""
    return _CONTAINING
