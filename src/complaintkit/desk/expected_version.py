"""A change made only to the case at the version its author read (HTTP ``If-Match``).

Two agents who read a case at one version and each change it would otherwise see the later
change win, the earlier lost without a word. The versions a change expects are set around
it (``expecting``) and checked where the Desk reads the case it changes (``check``): a
case saved meanwhile by someone else makes the save a ``Conflict``, the Desk reads it
again, and the check refuses it then. Once a change is stored, the rest of the same step
(a follow-on change of its own) is no longer held to the version read before it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from complaintkit.errors import VersionMismatch
from complaintkit.model.case import Case

_EXPECTED: ContextVar[Collection[int] | None] = ContextVar("expected_versions", default=None)


@contextmanager
def expecting(versions: Collection[int] | None) -> Iterator[None]:
    """Hold the changes made within to a case at one of ``versions`` (None: any)."""
    token = _EXPECTED.set(versions)
    try:
        yield
    finally:
        _EXPECTED.reset(token)


def check(case: Case) -> None:
    """Refuse a change to ``case``, as read, unless it is at a version expected."""
    versions = _EXPECTED.get()
    if versions is not None and case.version not in versions:
        raise VersionMismatch(case.id, case.version)


def met() -> None:
    """The change expected is stored: what follows in the step builds on it."""
    _EXPECTED.set(None)
