"""An escalation level counting from a status no case leaves: ``{since: rejected, after: 7
days}``. Escalation acts on open cases only, and a rejected or withdrawn case never moves
again (``model.lifecycle.TRANSITIONS``), so the level could never fire. A closed case can
be reopened, and a level since ``closed`` then counts from its closing: that one is sound.
"""

from __future__ import annotations

from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.model.lifecycle import TERMINAL, TRANSITIONS

#: The statuses a case ends in and never leaves; each is the text a policy writes for it.
_DEAD_ENDS: Final = frozenset(status for status in TERMINAL if not TRANSITIONS[status])


def never_fires(since: str, location: Location) -> Problem | None:
    """A warning when ``since`` names a status a case ends in and never leaves."""
    if since not in _DEAD_ENDS:
        return None
    return Problem(
        location,
        f"a level since {since} never fires: escalation acts on open cases only, and a "
        f"{since} case never moves again",
        f'to act when a case is {since}, write a notification rule {{"on": transitioned, '
        f"to: {since}}}; to review such cases later, list them: complaintkit cases list "
        f"--status {since}",
        "warning",
        "since-never-fires",
    )
