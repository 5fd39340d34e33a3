"""What the organisation records on a case besides its workflow: the root-cause analysis,
events it names itself, facts it establishes, and the incidents the case belongs to. Each is
a change through the Desk's one path for changes; a caller's value of the wrong shape is
refused naming its field before the case is read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case, RootCause
from complaintkit.model.custom_events import custom_draft
from complaintkit.model.drafts import SYSTEM, Draft
from complaintkit.model.jsonvalues import plain_mapping
from complaintkit.policy.supplied import stored_facts


def _analysis(root_cause: object) -> dict[str, Any]:
    """``root_cause`` as the case records it; a caller's dict or None is refused naming the
    field, not an ``AttributeError`` from inside the change."""
    if not isinstance(root_cause, RootCause):
        raise InvalidInput("root_cause", f"must be a RootCause (got {type(root_cause).__name__})")
    return root_cause.to_json()


class Records:
    """Recording on a case, mixed into ``Desk``."""

    if TYPE_CHECKING:

        def _change(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case: ...

    def record_root_cause(self, case_id: str, root_cause: RootCause, *, actor: str) -> Case:
        """Record the analysis: fishbone branch, 5-Why chain, systemic or incidental."""
        analysis = _analysis(root_cause)
        return self._change(case_id, lambda case: [Draft("root_cause", analysis, actor=actor)])

    def record_event(
        self,
        case_id: str,
        name: str,
        *,
        actor: str,
        reason: str = "",
        data: Mapping[str, Any] | None = None,
    ) -> Case:
        """Record an event the organisation names itself (``holding_reply``): conditions
        read how often it happened as ``case.events.<name>``, and SLA targets may extend a
        running clock on it (``extend: [{upon: holding_reply, ...}]``)."""
        draft = custom_draft(name, actor, reason, data)
        return self._change(case_id, lambda case: [draft])

    def set_facts(
        self, case_id: str, facts: Mapping[str, Any], *, actor: str, reason: str = ""
    ) -> Case:
        """Establish facts about the case (``fault: merchant``, a proven ``loss``); every
        condition and formula then reads them like complaint attributes."""
        kept = {"facts": stored_facts(facts)}  # refuses reserved names and malformed money now
        return self._change(case_id, lambda case: [Draft("facts_set", kept, reason, actor)])

    def flag_incident(
        self, case_id: str, incident: Mapping[str, Any], *, actor: str = SYSTEM, reason: str = ""
    ) -> Case:
        """Record on a case that it belongs to an incident (e.g. a batch of complaints about
        one product: the recall trigger); notifiers see an ``incident_detected`` event."""
        data = plain_mapping(incident, "incident")
        return self._change(
            case_id,
            lambda case: [Draft("incident_detected", data, reason or "incident detected", actor)],
        )
