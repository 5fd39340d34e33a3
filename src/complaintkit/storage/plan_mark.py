"""The store's record of which policy version planned the stored deadlines.

The tick finds due work by each case's stored next deadline, which the version that last
planned the case computed. A new version may bring a level, warning or target forward of
it, so the first tick under a new version re-plans every open case once, in id order, and
this record says how far it got: a re-plan cut short resumes after the last case it saved.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class PlanMark:
    """``version`` planned the stored deadlines; while a re-plan to ``target`` runs,
    ``after`` is the last case id it saved (``None``: none yet)."""

    version: str
    target: str | None = None
    after: str | None = None

    def resumes(self, target: str) -> str | None:
        """The case id a re-plan to ``target`` goes on after: none when this record's
        re-plan was to another version, whose cases are not planned by ``target``."""
        return self.after if self.target == target else None
