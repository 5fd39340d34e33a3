"""Routing case events to people and publishers: what a change must send.

For every event, each matching rule renders its template in the case's language into one
message per recipient, and every notifier named under ``notifications.publish`` gets the
event itself. The Desk writes all of it to the outbox in the transaction that stores the
events (``Outgoing``); the delivery worker sends it. A recipient with no known address is a
dead letter, not a silent skip; so is an acknowledgement to the customer that would promise
a deadline already past (``past_promise``), and the letter of a rule whose condition a
plugin's operator failed on: the change is stored all the same. The customer of a case that was closed, rejected
or withdrawn hears nothing after the move that ended it (a rule's ``after_case_ended: true``
says otherwise, for a recall notice). The customer of a case a message software sent
opened (``model.automatic``) is sent only the responses an agent writes, all its life. An
escalation level's ``notify: {role, template, via}`` action (a ``notification_requested``
event) is one more rule for that event.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from complaintkit.brief import brief
from complaintkit.clock import Clock
from complaintkit.compensation.approvals import Threshold
from complaintkit.delivery.deadline import NotifierCalls
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.published import TokenCut
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.delivery.worker import DeliveryReport, DeliveryWorker
from complaintkit.errors import ConfigError, PluginError, UnknownOption
from complaintkit.model.automatic import automatic_withheld, said_automatic
from complaintkit.model.case import Case
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.events import CaseEvent
from complaintkit.model.lifecycle import TERMINAL, parse_status
from complaintkit.notify.base import Message, Notifier
from complaintkit.notify.letter_versions import LetterVersions
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.past_promise import past_promise
from complaintkit.notify.policy import (
    REQUESTED,
    ROLES,
    NotificationPolicy,
    NotifierSpec,
    NotifyRule,
)
from complaintkit.notify.templates import template_fields
from complaintkit.notify.told_money import tells_customer_nothing
from complaintkit.notify.unbuilt import Unbuilt
from complaintkit.plugins import Plugins
from complaintkit.policy.catalog import Catalog
from complaintkit.sla.shown_zone import ZoneOf
from complaintkit.storage.base import Storage

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext

log = logging.getLogger(__name__)


@attrs.frozen
class Unsendable:
    """A message a rule asks for that cannot be sent; the Desk keeps it as a dead letter."""

    source: str
    raw: str
    reason: str


@attrs.frozen
class Outbound:
    """What one change sends (``Notifications.prepare``), written with it (``write``)."""

    items: list[Outgoing]
    unsendable: list[Unsendable]
    at: datetime


class Notifications:
    """A compiled ``NotificationPolicy`` bound to notifiers, storage and a clock."""

    def __init__(
        self,
        policy: NotificationPolicy,
        plugins: Plugins,
        storage: Storage,
        clock: Clock,
        context: PluginContext | None = None,
        zone_of: ZoneOf | None = None,
        catalog: Catalog | None = None,
        thresholds: Sequence[Threshold] = (),
    ) -> None:
        self.policy = policy
        #: the compensation section's approval thresholds, so a letter never tells of
        #: money still awaiting an approval the policy in force needs
        self.thresholds = thresholds
        #: the policy's labels, for {case.category_label} and its kin
        self.catalog = catalog
        #: where the SLA calendars keep time, so deadlines read as local wall clocks
        self.zone_of = zone_of
        self.storage = storage
        self.clock = clock
        # Built up front so an option the type does not take fails when the Desk starts, not
        # mid-intake; so does a register_notifiers hook that failed, as it fails every
        # command: a notifier that could not be built stands in as ``Unbuilt`` (``_built``)
        plugins.notifiers  # noqa: B018 -- raises that hook's failure
        self.notifiers: dict[str, Notifier] = {
            name: _built(plugins, name, spec, context) for name, spec in policy.notifiers.items()
        }
        for name in policy.publish:
            if not callable(getattr(self.notifiers[name], "publish", None)):
                raise ConfigError(
                    f"notifications.publish names {name!r}, but notifier type "
                    f"{policy.notifiers[name].type!r} cannot publish case events"
                )
        self.retry = RetryPolicy.from_json(policy.delivery)
        # kept across the worker's passes: a call left running past its deadline holds
        # its notifier until it returns
        registered = plugins.notifiers
        self.calls = NotifierCalls(
            slow=plugins.slow_hooks,
            plugins={
                name: registered[spec.type].plugin
                for name, spec in policy.notifiers.items()
                if spec.type in registered
            },
        )
        #: each template's version for the language a complaint shows, worked out once
        self.versions = LetterVersions(policy)
        # most events match no rule: look up a kind's rules instead of testing every rule
        self._rules: dict[str, list[NotifyRule]] = {}
        for rule in policy.rules:
            self._rules.setdefault(rule.on, []).append(rule)

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

    def messages(
        self, case: Case, event: CaseEvent, ended: bool | None = None, withheld: bool = False
    ) -> list[tuple[NotifyRule, Message | str]]:
        """What ``event`` causes: per rule and recipient, a message or why none can be sent.
        ``ended``: whether the case had ended when it happened (default: it has ended now
        and ``event`` is not the move that ended it). ``withheld``: the event is part of an
        opening whose customer is sent nothing (``_withheld``). The customer of a case a
        message software sent opened is sent only what an agent wrote (``responded``)."""
        if ended is None:
            ended = event.kind != "transitioned" and not case.is_open
        out: list[tuple[NotifyRule, Message | str]] = []
        tested = [(rule, _tested(rule, case, event)) for rule in self._rules.get(event.kind, ())]
        rules = [rule for rule, answer in tested if answer is True]
        rules += self.requested(event)
        failed = [(rule, answer) for rule, answer in tested if isinstance(answer, PluginError)]
        if not rules and not failed:
            return out
        silent = withheld or _withheld(event) or _automatic_to_software(case, event)
        # an entry of nothing but money that came to 0.00 is no offer to the customer
        silent = silent or tells_customer_nothing(
            case.compensation, event.kind, event.data.get("id")
        )
        for rule, error in failed:  # a letter lost only if it could have gone to someone
            whom = [role for role in rule.roles(ended) if not (role == "customer" and silent)]
            if whom:
                out.append((rule, _untested(case, event, rule, whom, error)))
        # undeclared, or declared in a language with no template: the script it is written
        # in (an English complaint is not answered 您好)
        complaint = case.complaint
        versions = self.versions.versions(
            [rule.template for rule in rules], complaint.language, complaint.text
        )
        # one letter per address: an owner who leads the team, a manager listed twice, a
        # role or rule written twice would mail the same person the same letter again.
        # Addresses are read only where one letter goes to more than one (reading one
        # costs more than the rest of the letter)
        written: dict[tuple[str, str, bool], list[str]] = {}
        for rule, (language, template) in zip(rules, versions, strict=True):
            # the customer is told only money offered to them, staff the entry named
            fields = {
                audience: template_fields(
                    case,
                    event,
                    status_url=self.policy.status_url,
                    language=language,
                    zone_of=self.zone_of,
                    catalog=self.catalog,
                    thresholds=self.thresholds,
                    to_customer=audience,
                )
                for audience in (False, True)
            }
            for role in rule.roles(ended):
                if role == "customer" and silent:
                    continue  # the opened event says why
                addresses = self.recipients(case, role)
                held = (
                    past_promise(case, event, template, self.zone_of)
                    if role == "customer"
                    else None
                )
                if held is not None:
                    out.append((rule, f"{held} (template {rule.template!r}, via {rule.via})"))
                    continue
                told = fields[role == "customer"]
                rendered = {
                    "subject": template.subject.render(told),
                    "body": template.body.render(told),
                }
                # a mail without a subject is as half-made as one without a body
                empty = [part for part, text in rendered.items() if shows_nothing(text)]
                if addresses and empty:
                    out.append(
                        (
                            rule,
                            f"case {case.id}: the letter to the {role} would have an empty "
                            f"{' and '.join(empty)}, as every field of it is (template "
                            f"{rule.template!r} on {_named(event)}, via {rule.via}); not sent",
                        )
                    )
                    continue
                if not addresses:
                    out.append(
                        (
                            rule,
                            f"no address for the {role} of case {case.id} "
                            f"(template {rule.template!r} on {_named(event)}, via {rule.via})",
                        )
                    )
                for address in addresses:
                    sent = written.setdefault((rule.via, rule.template, role == "customer"), [])
                    if sent and _mailbox(address) in map(_mailbox, sent):
                        continue
                    sent.append(address)
                    message = Message(
                        to=address,
                        subject=rendered["subject"],
                        body=rendered["body"],
                        role=role,
                        case_id=case.id,
                        event=event.kind,
                        language=language,
                        data={
                            "template": rule.template,
                            "status": case.status.value,
                            # deliveries may arrive out of order: receivers order by it
                            "seq": event.seq,
                        },
                    )
                    out.append((rule, message))
        return out

    def outgoing(
        self, case: Case, events: Sequence[CaseEvent], now: datetime
    ) -> tuple[list[Outgoing], list[Unsendable]]:
        """Everything ``events`` must send, for the outbox, and the messages that cannot be."""
        items: list[Outgoing] = []
        unsendable: list[Unsendable] = []
        publish, ruled = self.policy.publish, self._rules
        if not publish and not any(e.kind in ruled or e.kind == REQUESTED for e in events):
            return items, unsendable  # most changes (a tick's clock events) send nothing
        withheld = any(_withheld(event) for event in events)  # the whole opening
        cut = TokenCut(self.storage) if publish else None
        for event, ended in zip(events, _ended_by(case, events), strict=True):
            if event.kind in ruled or event.kind == REQUESTED:  # most events: no message
                for rule, message in self.messages(case, event, ended, withheld):
                    if isinstance(message, str):
                        raw = json.dumps({"case_id": case.id, "event": event.kind})
                        unsendable.append(Unsendable(f"notify:{rule.via}", raw, message))
                    else:
                        items.append(Outgoing.message(rule.via, message, now))
            if cut is not None:
                body = cut.published(event)
                items += [Outgoing.event(name, event, now, body) for name in publish]
        return items, unsendable

    def enqueue(self, changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        """Write what ``changes`` must send to the storage's outbox, and the messages that
        cannot be sent as dead letters; call it inside the transaction storing the changes."""
        self.write([self.prepare(case, changed) for case, changed in changes])

    def prepare(self, case: Case, changed: Sequence[CaseEvent]) -> Outbound:
        """What one change must send, worked out but not written: a rule's condition failing
        on this case (a plugin operator's bug) makes that rule's letter unsendable; a store
        failing under it raises here, before anything is stored."""
        now = self.clock.now()
        # history that happened elsewhere was notified there
        events = [event for event in changed if not event.data.get("imported")]
        outgoing, unsendable = self.outgoing(case, events, now)
        return Outbound(outgoing, unsendable, now)

    def write(self, prepared: Sequence[Outbound]) -> None:
        """Write prepared changes' messages to the outbox and their unsendable ones as dead
        letters, inside the transaction storing the changes."""
        for outbound in prepared:
            for refused in outbound.unsendable:
                self.storage.dead_letter(refused.source, refused.raw, refused.reason, outbound.at)
        self.storage.enqueue([item for outbound in prepared for item in outbound.items])

    def worker(self) -> DeliveryWorker:
        """A delivery worker for this policy's notifiers and retry policy."""
        return DeliveryWorker(
            self.storage, self.notifiers, self.clock, retry=self.retry, calls=self.calls
        )

    def deliver(
        self,
        now: datetime | None = None,
        *,
        stop: threading.Event | None = None,
        sending: threading.Event | None = None,
    ) -> DeliveryReport:
        """Send every delivery due at ``now`` (default: the clock's now), none more once
        ``stop`` is set, ``sending`` set while one is sent; see ``worker``."""
        return self.worker().run_once(now, stop=stop, sending=sending)


def _built(
    plugins: Plugins, name: str, spec: NotifierSpec, context: PluginContext | None
) -> Notifier:
    """The policy's notifier ``name``. An option its type does not take, which ``validate``
    reports too, stops the Desk as any policy error does, naming the notifier (a policy may
    define two of one type). What only building it finds — a value its plugin's factory
    refuses (``ConfigError``: ``validate`` builds no plugin's notifier), or a factory that
    raised or built no notifier (``PluginError``) — costs that notifier's messages, not
    every command: it stands in as ``Unbuilt``, its messages dead letters saying why."""
    try:
        made: Notifier = plugins.notifier(spec.type, spec.options, context)
    except UnknownOption as exc:
        raise UnknownOption(f"notifications.notifiers: notifier {name!r}: {exc}") from exc
    except (ConfigError, PluginError) as exc:
        at = f" ({spec.where})" if spec.where else ""
        # one line, no traceback: it is said at every command's start until mended
        log.error(
            "notifications.notifiers: notifier %r%s: %s; its messages become dead letters",
            name,
            at,
            exc,
        )
        return Unbuilt(name, exc, spec.where)
    return made


def _mailbox(address: str) -> str:
    """Whom ``address`` reaches: its mailbox in one case (``Li <LI@shop.example>`` and
    ``li@shop.example`` are one person), or the text as written when it is no e-mail
    address (a phone number, a chat id)."""
    parsed = one_address(address)
    return parsed.addr_spec.casefold() if parsed is not None else address.strip()


def _named(event: CaseEvent) -> str:
    """``responded (event 3)``: an unsent letter's reason names its event, as a store keeps
    one dead letter of a source, raw and reason, and the second response a customer without
    an address was not sent is a letter of its own."""
    return f"{event.kind} (event {event.seq})"


def _tested(rule: NotifyRule, case: Case, event: CaseEvent) -> bool | PluginError:
    """Whether ``rule`` asks for a letter on ``event``, or the error its condition's plugin
    operator failed with: that costs the rule's letter, not the change (a store failing
    under it fails the change, which could not be stored either)."""
    try:
        return rule.matches(event.kind, event.data, case)
    except PluginError as exc:
        if exc.of_store:
            raise
        log.error("case %s: notification rule %s failed", case.id, rule.where, exc_info=exc)
        return exc


def _untested(
    case: Case, event: CaseEvent, rule: NotifyRule, roles: Sequence[str], error: PluginError
) -> str:
    """Why the letter of a rule whose condition failed was not sent: the rule, where the
    policy writes it, and the plugin's error (cut, if it quotes a megabyte), for the dead
    letter staff act on."""
    return (
        f"case {case.id}: notification rule {rule.where} could not be tested on "
        f"{_named(event)}, so its letter to the {' and '.join(roles)} (template "
        f"{rule.template!r}, via {rule.via}) was not sent: {brief(str(error))}; mend the plugin "
        "(the change itself was stored), and reach them another way"
    )


def _ended_by(case: Case, events: Sequence[CaseEvent]) -> list[bool]:
    """Per event of one change, whether the case had ended when it happened: its status
    after it was closed, rejected or withdrawn, and it was not the move there (the letter
    saying the case is closed is the last one its customer gets)."""
    status, ended = case.status, []
    for event in reversed(events):
        moved = event.kind == "transitioned"
        ended.append(not moved and status in TERMINAL)
        if moved:
            status = parse_status(event.data["from"], "from")
    return ended[::-1]


def _withheld(event: CaseEvent) -> bool:
    """Whether the customer is sent nothing on this ``opened`` event, nor on the others of
    its opening (``Desk.intake``'s ``acknowledgement_withheld``: the server's limit of
    acknowledgements per address, a message software sent): a letter on the classification
    is as much an automatic reply as the acknowledgement."""
    return event.kind == "opened" and bool(event.data.get("acknowledgement_withheld"))


#: The events whose letter to the customer carries what an agent wrote to them by hand.
_WRITTEN_BY_HAND = frozenset({"responded"})


def _automatic_to_software(case: Case, event: CaseEvent) -> bool:
    """Whether a letter to the customer on ``event`` would be an automatic reply to
    software: the case was opened by a message software sent (``model.automatic``), or
    the event records one answering a letter (an out-of-office reply, ``desk.replies``),
    and the letter is not an agent's own words. RFC 3834 forbids it for the acknowledgement
    and for a deadline notice, an escalation's or a status letter alike, all the case's
    life: each is answered by that software, whose answer is answered in turn."""
    if event.kind in _WRITTEN_BY_HAND:
        return False
    added = event.data.get("complaint") if event.kind == "complaint_added" else None
    from_software = isinstance(added, dict) and said_automatic(added.get("attributes"))
    return bool(from_software) or automatic_withheld(case.complaint) is not None
