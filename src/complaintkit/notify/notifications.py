"""Routing case events to people: the step the Desk runs after each stored change.

For every event, each matching rule renders its template in the case's language and
queues one message per recipient on the outbox; delivery happens on the outbox thread.
A recipient with no known address is a dead letter, not a silent skip. An escalation
level's ``notify: {role, template, via}`` action (a ``notification_requested`` event) is
one more rule for that event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from complaintkit.clock import Clock
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.language import detect_language
from complaintkit.notify.base import Message, Notifier
from complaintkit.notify.outbox import Delivery, Outbox
from complaintkit.notify.policy import REQUESTED, ROLES, NotificationPolicy, NotifyRule
from complaintkit.notify.templates import template_fields
from complaintkit.plugins import Plugins
from complaintkit.storage.base import Storage

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext


class Notifications:
    """A compiled ``NotificationPolicy`` bound to notifiers, storage and a clock."""

    def __init__(
        self,
        policy: NotificationPolicy,
        plugins: Plugins,
        storage: Storage,
        clock: Clock,
        context: PluginContext | None = None,
    ) -> None:
        self.policy = policy
        self.outbox = Outbox(storage, clock)
        # Built up front so a bad notifier option fails when the Desk starts, not mid-intake.
        self.notifiers: dict[str, Notifier] = {
            name: plugins.notifier(spec.type, spec.options, context)
            for name, spec in policy.notifiers.items()
        }

    def recipients(self, case: Case, role: str) -> list[str]:
        if role == "customer":
            contact = case.complaint.customer.contact
            return [contact] if contact else []
        if role == "owner":
            address = self.policy.owners.get(case.owner or "")
            return [address] if address else []
        if role == "team_lead":
            address = self.policy.team_leads.get(case.team or "")
            return [address] if address else []
        return list(self.policy.managers)

    def requested(self, event: CaseEvent) -> list[NotifyRule]:
        """The rule an escalation's ``notify`` action asks for (``notification_requested``):
        its role and template, through its ``via`` or the policy's first notifier."""
        data = event.data
        if event.kind != REQUESTED or data.get("template") not in self.policy.templates:
            return []
        via = data.get("via") or next(iter(self.policy.notifiers), None)
        if via not in self.notifiers or data.get("role") not in ROLES:
            return []
        return [NotifyRule(REQUESTED, (data["role"],), via, data["template"])]

    def messages(self, case: Case, event: CaseEvent) -> list[tuple[NotifyRule, Message | str]]:
        """What ``event`` causes: per rule and recipient, a message or why none can be sent."""
        out: list[tuple[NotifyRule, Message | str]] = []
        rules = [r for r in self.policy.rules if r.matches(event.kind, event.data, case)]
        rules += self.requested(event)
        if not rules:
            return out
        language, template = "", None
        # undeclared: the script it is written in (an English complaint is not answered 您好)
        wanted = case.complaint.language or detect_language(case.complaint.text)
        for rule in rules:
            language, template = self.policy.template(rule.template, wanted)
            fields = template_fields(
                case, event, status_url=self.policy.status_url, language=language
            )
            for role in rule.notify:
                addresses = self.recipients(case, role)
                if not addresses:
                    out.append((rule, f"no address for the {role} of case {case.id}"))
                for address in addresses:
                    message = Message(
                        to=address,
                        subject=template.subject.render(fields),
                        body=template.body.render(fields),
                        role=role,
                        case_id=case.id,
                        event=event.kind,
                        language=language,
                        data={"template": rule.template, "status": case.status.value},
                    )
                    out.append((rule, message))
        return out

    def announce(self, case: Case, events: Sequence[CaseEvent]) -> None:
        """Queue every message the events cause; returns without waiting for delivery."""
        for event in events:
            for rule, message in self.messages(case, event):
                if isinstance(message, str):
                    raw: dict[str, Any] = {"case_id": case.id, "event": event.kind}
                    self.outbox.storage.dead_letter(
                        f"notify:{rule.via}", json.dumps(raw), message, self.outbox.clock.now()
                    )
                else:
                    self.outbox.submit(Delivery(rule.via, self.notifiers[rule.via], message))

    def flush(self) -> None:
        """Wait until every queued message is delivered or dead-lettered."""
        self.outbox.flush()
