"""What a policy decides about a complaint at intake, and the seam the Desk calls.

:class:`AssessingPolicy` is everything the Desk asks of a policy: ``assess`` at intake and
the compiled optional sections, each ``None`` when the policy has none. ``EmptyPolicy`` is
the smallest policy that works — every complaint gets the defaults and the desk's default
owner — so the Desk runs before any policy file is written. The policy language compiles
files into objects with the same interface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import attrs

from complaintkit.model.complaint import Complaint

if TYPE_CHECKING:
    from complaintkit.compensation.policy import CompensationPolicy
    from complaintkit.notify.policy import NotificationPolicy
    from complaintkit.policy.catalog import Catalog
    from complaintkit.policy.gates import Gates
    from complaintkit.reports.policy import IncidentPolicy
    from complaintkit.sla.policy import SlaPolicy


class History(Protocol):
    """Customer-history facts conditions may ask for; the Desk answers from storage."""

    def complaints_in_last_days(self, days: int) -> int: ...

    def open_cases(self) -> int: ...


@attrs.frozen
class Assessment:
    """Category, grading and routing for one complaint, with the reasons behind them."""

    category: str | None = None
    severity: str | None = None
    priority: str | None = None
    tags: tuple[str, ...] = ()
    team: str | None = None
    owner: str | None = None
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "severity": self.severity,
            "priority": self.priority,
            "tags": list(self.tags),
            "team": self.team,
            "owner": self.owner,
            "reasons": list(self.reasons),
        }


class AssessingPolicy(Protocol):
    """What the Desk needs from a policy: assessment at intake, and its optional sections."""

    @property
    def version(self) -> str: ...

    @property
    def catalog(self) -> Catalog | None:
        """Categories, severities, priorities and teams with their labels; None: ids only."""

    @property
    def sla(self) -> SlaPolicy | None:
        """SLA targets, calendars and escalation ladders; None: no clocks run."""

    @property
    def compensation(self) -> CompensationPolicy | None:
        """The compensation matrix; None: deciding remedies is an error."""

    @property
    def notifications(self) -> NotificationPolicy | None:
        """Templates, notifiers and routing rules; None: nobody is notified."""

    @property
    def incidents(self) -> IncidentPolicy | None:
        """Batch and spike thresholds; None: no batch is watched for."""

    @property
    def gates(self) -> Gates | None:
        """Closing steps the Desk enforces on transitions; None: no gate."""

    def assess(self, complaint: Complaint, history: History) -> Assessment: ...


@attrs.frozen
class EmptyPolicy:
    """No rules: every complaint is 'uncategorised', normal, and goes to ``default_owner``."""

    default_owner: str = "complaints-desk"
    version: str = "empty"
    catalog: Catalog | None = None
    sla: SlaPolicy | None = None
    compensation: CompensationPolicy | None = None
    notifications: NotificationPolicy | None = None
    incidents: IncidentPolicy | None = None
    gates: Gates | None = None

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        return Assessment(
            category="uncategorised",
            severity="normal",
            priority="normal",
            owner=self.default_owner,
            reasons=("no policy loaded: defaults apply",),
        )
