"""The actor ``system`` is complaintkit's own: what the policy does by itself (SLA clocks,
escalations, classification) is recorded as ``system``, and a replay makes those events
afresh from the candidate policy instead of playing them back (``replay.rehearsal``). A step
a caller recorded as ``system`` — an auto-responder's first answer, a script's resolution —
would be left out of every replay, which would then show the case unanswered and its clocks
running, so a caller names the person or the automation that takes it."""

from __future__ import annotations

from collections.abc import Iterable

from complaintkit.errors import InvalidInput
from complaintkit.model.drafts import SYSTEM, Draft

#: What a caller may record as ``system``: a batch incident flagged on the case, which a
#: replay makes afresh too (the batch watcher flags it so).
SYSTEM_MADE = frozenset({"incident_detected"})


def named_by_caller(drafts: Iterable[Draft]) -> None:
    """Refuse a caller's step recorded as ``system`` (``InvalidInput`` naming ``actor``)."""
    for draft in drafts:
        if draft.actor == SYSTEM and draft.kind not in SYSTEM_MADE:
            raise InvalidInput(
                "actor",
                f"'{SYSTEM}' names what complaintkit does by itself (SLA clocks, escalations), "
                "which a replay makes afresh rather than plays back, so this step would be "
                "left out of every replay: name the person, or the automation "
                "('autoresponder'), that takes it",
            )
