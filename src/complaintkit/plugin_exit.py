"""A plugin calling ``sys.exit`` is a plugin bug, not the end of the process.

``SystemExit`` is no ``Exception``, so it passed every seam that contains a plugin's
failure: ``sys.exit(0)`` in a channel ended ``complaintkit intake`` with exit code 0 part
of the way through, and in a notifier it silently ended ``serve``'s delivery thread. Where
complaintkit calls plugin code, ``contained()`` turns it into ``PluginExit``, an ordinary
exception that seam's usual error path handles and names. ``KeyboardInterrupt`` is left
alone, and so is ``SystemExit`` raised anywhere but inside a plugin call (the embedding
application's own, a plugin command's deliberate exit code).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class PluginExit(Exception):
    """``SystemExit`` raised inside plugin code; ``code`` is what it was called with."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(
            f"sys.exit({code!r}) called in plugin code; a plugin fails by raising an "
            "exception, never by ending the process"
        )


@contextmanager
def contained() -> Iterator[None]:
    """Run plugin code: a ``SystemExit`` it raises becomes a ``PluginExit``."""
    try:
        yield
    except SystemExit as exc:
        raise PluginExit(exc.code) from exc
