"""The store's record of which policy version planned the stored deadlines.

The tick finds due work by each case's stored next deadline, which the version that last
planned the case computed. A new version may bring a level, warning or target forward of
it, so the first tick under a new version re-plans every open case once, in id order, and
this record says how far it got: a re-plan cut short resumes after the last case it saved.
It also keeps the versions it has superseded, so that during a rolling deploy a Desk still
on an older version does not re-plan back, the two versions swinging every deadline in turn.
"""

from __future__ import annotations

import json

import attrs


@attrs.frozen
class PlanMark:
    """``version`` planned the stored deadlines; while a re-plan to ``target`` runs,
    ``after`` is the last case id it saved (``None``: none yet). ``superseded``: the
    versions recorded before another version was, in the order they were superseded
    (versions are free text: only the store's record says which came later)."""

    version: str
    target: str | None = None
    after: str | None = None
    superseded: tuple[str, ...] = ()

    def outdates(self, version: str) -> bool:
        """Whether a later version superseded ``version`` here: a Desk still running it
        leaves the later plan alone."""
        return version in self.superseded

    def replanning(self, target: str, after: str | None) -> PlanMark:
        """The record of a re-plan to ``target`` that has saved up to ``after``: each
        version recorded so far but ``target`` is superseded, the latest last."""
        earlier = [*self.superseded, self.version, *([self.target] if self.target else [])]
        superseded = [v for n, v in enumerate(earlier) if v != target and v not in earlier[n + 1 :]]
        return PlanMark(self.version, target, after, tuple(superseded))

    def planned(self, target: str) -> PlanMark:
        """The record once a re-plan to ``target`` has saved its last case."""
        return PlanMark(target, superseded=self.replanning(target, None).superseded)

    def resumes(self, target: str) -> str | None:
        """The case id a re-plan to ``target`` goes on after: none when this record's
        re-plan was to another version, whose cases are not planned by ``target``."""
        return self.after if self.target == target else None


def stored_mark(
    version: str, target: str | None, after: str | None, superseded: str | None
) -> PlanMark:
    """A SQL store's row, its ``superseded`` versions kept as a JSON list."""
    return PlanMark(version, target, after, tuple(json.loads(superseded or "[]")))
