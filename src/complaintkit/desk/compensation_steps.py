"""The compensation steps of the Desk: propose, approve or reject, offer, accept or decline.

The rules live in ``desk.compensation``; these methods make each step a change to the case
through the Desk's one path for changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from complaintkit.clock import Clock
from complaintkit.desk import compensation
from complaintkit.desk.fold import said
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.same_person import same_person
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.storage.base import Storage

if TYPE_CHECKING:
    from complaintkit.compensation.decision import Decision


#: The event recording an answer the Desk refused (``answer_refused``).
REFUSED_ANSWER = "compensation_answer_refused"


class CompensationSteps:
    """The compensation workflow's steps, mixed into ``Desk``."""

    policy: AssessingPolicy
    storage: Storage
    clock: Clock

    if TYPE_CHECKING:

        def _change(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case: ...

    def decide_compensation(
        self, case_id: str, facts: Mapping[str, object] | None = None, *, partial: bool = False
    ) -> Decision:
        """What the case would earn now, with its explanation; changes nothing. A formula
        input nobody supplied raises ``MissingInput``; with ``partial`` its remedy is kept
        without an amount and named in ``Decision.needs``, as ``explain`` shows it."""
        case = self.storage.get(case_id)
        now = self.clock.now()
        return compensation.decide(self.policy, self.storage, case, facts, now, partial=partial)

    def propose_compensation(
        self,
        case_id: str,
        facts: Mapping[str, object] | None = None,
        *,
        actor: str,
        reason: str = "",
    ) -> Case:
        """Record the policy's decision as proposal ``comp-N`` (``case.compensation[-1]``)."""
        if facts is not None and not isinstance(facts, Mapping):  # read by name, deep inside
            raise InvalidInput("facts", f"must map names to values (got {type(facts).__name__})")

        def drafts(case: Case) -> list[Draft]:
            decision = compensation.decide(self.policy, self.storage, case, facts, self.clock.now())
            return [compensation.proposal(case, decision, facts, Draft, actor, reason)]

        return self._change(case_id, drafts)

    def approve_compensation(
        self, case_id: str, compensation_id: str, *, role: str, actor: str
    ) -> Case:
        """Approve a proposal as ``role``, which must be a role its amount needs, and as
        someone other than whoever proposed it: an approval is another person's check."""

        def drafts(case: Case) -> list[Draft]:
            draft = compensation.approval(
                self.policy, case, compensation_id, role, Draft, actor, approve=True
            )
            proposer = compensation.proposed_by(self.storage.events(case.id), compensation_id)
            if proposer is not None and same_person(actor, proposer):
                raise InvalidInput(
                    "actor",
                    f"{actor} proposed {compensation_id} and cannot approve it: an approval "
                    f"is another person's check (someone else acting as {role})"
                    + ("" if actor == proposer else f"; it was proposed as {proposer!r}"),
                )
            granted = compensation.approved_as(case, compensation_id, actor)
            if granted is not None:
                raise InvalidInput(
                    "actor",
                    f"{actor} approved {compensation_id} as {granted} already; each role's "
                    f"approval is another person's check (someone else acting as {role})",
                )
            return [draft]

        return self._change(case_id, drafts)

    def reject_compensation(
        self, case_id: str, compensation_id: str, *, role: str, actor: str, reason: str
    ) -> Case:
        said(reason, "reason", "say why the compensation is rejected")

        def drafts(case: Case) -> list[Draft]:
            draft = compensation.approval(
                self.policy, case, compensation_id, role, Draft, actor, approve=False
            )
            return [attrs.evolve(draft, data={**draft.data, "reason": reason}, reason=reason)]

        return self._change(case_id, drafts)

    def offer_compensation(self, case_id: str, compensation_id: str, *, actor: str) -> Case:
        """Offer a proposal to the customer: needs its approvals and room under every cap."""

        def drafts(case: Case) -> list[Draft]:
            now, policy, storage = self.clock.now(), self.policy, self.storage
            return [compensation.offer(policy, storage, case, compensation_id, now, Draft, actor)]

        return self._within_caps(case_id, drafts)

    def accept_compensation(
        self, case_id: str, compensation_id: str, *, actor: str, reason: str = ""
    ) -> Case:
        """The customer accepts the offer if it still fits every cap (``accepted_fits``)."""

        def drafts(case: Case) -> list[Draft]:
            compensation.accepted_fits(self.policy, self.storage, case, compensation_id, self.clock)
            return [compensation.answer(case, compensation_id, Draft, actor, reason, accept=True)]

        return self._within_caps(case_id, drafts)

    def answer_refused(
        self, case_id: str, compensation_id: str, *, answer: str, why: str, actor: str
    ) -> Case:
        """Record that ``actor``'s ``answer`` to ``compensation_id`` was refused, and why (an
        acceptance a cap no longer has room for): a ``compensation_answer_refused`` event,
        which changes no compensation but reaches notification rules (``on:
        compensation_answer_refused``), publishers and ``case_event`` hooks, so staff learn
        of an offer the customer cannot answer instead of the case sitting silently. The
        same refusal again with nothing between (a customer pressing "accept" again) is
        recorded once — asked within the change, so that of two workers recording it at
        once the one whose save finds the case moved reads the other's refusal when it makes
        the change anew."""
        said(why, "why", "say why the answer was refused")
        data = {"id": compensation_id, "answer": answer, "by": actor, "why": why}

        def drafts(case: Case) -> list[Draft]:
            history = self.storage.events(case_id)
            if history and history[-1].kind == REFUSED_ANSWER and history[-1].data == data:
                raise _PressedAgain  # nothing since: told once
            return [Draft(REFUSED_ANSWER, data, why, actor)]

        try:
            return self._change(case_id, drafts)
        except _PressedAgain:
            return self.storage.get(case_id)

    def _within_caps(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case:
        """A change that reads what the customer was given and adds to it, made in one
        transaction holding the customer (``Storage.hold_customer``): two workers offering
        at once cannot both fit under one cap."""

        def held(case: Case) -> list[Draft]:
            self.storage.hold_customer(case.customer_id)
            return make(case)

        with self.storage.transaction():
            return self._change(case_id, held)

    def decline_compensation(
        self, case_id: str, compensation_id: str, *, actor: str, reason: str = ""
    ) -> Case:
        """The customer declines the offer; its money stops counting against caps."""
        answer = compensation.answer
        return self._change(
            case_id,
            lambda case: [answer(case, compensation_id, Draft, actor, reason, accept=False)],
        )


class _PressedAgain(Exception):
    """The refusal being recorded is the case's last event already."""
