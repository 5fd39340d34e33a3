"""A customer's e-mail reply to a letter complaintkit sent lands on that letter's case.

Each letter the SMTP notifier (or a plugin's mail notifier, saying so with
``message_id``) sends has the Message-ID ``<delivery-id@sender-domain>``,
its delivery id a random UUID the outbox keeps with the case. An e-mail whose
``In-Reply-To`` or ``References`` (``channels.mail_thread``) names one sent to the customer,
from the mailbox it was sent to (``desk.reply_sender``), is recorded on the case as a
``complaint_added`` event, whatever its status: no second case, no second set of SLA
clocks, and the owner sees the answer on the case. A case waiting on the customer has what
it waited for: it goes back to ``investigating`` (its paused clocks run again), the
customer's move — unless software sent it (an out-of-office reply, ``model.automatic``),
or it holds nothing but our quoted letter, which is recorded but answers nothing: the case
keeps waiting. A reply naming no letter of
ours, or sent from another address (a forwarded letter answered by someone else), opens a
case as any complaint does: nothing is lost, and nobody appends to another's case by
guessing a case id, which the reference never is.
A reply to a letter whose case the store no longer holds, or whose case cannot take it,
is refused (``InvalidInput``): intake keeps it as a dead letter saying why. So is a
letter's answer from a member of staff (an address ``notifications.contacts`` or an
``smtp`` notifier's sender names), who is no customer complaining: opening a case would
acknowledge them as one; the dead letter says which case to add it to as a note — but
their out-of-office responder's answer is noted on that case by them, with nothing to add.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from complaintkit.clock import Clock
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.published import cut_token
from complaintkit.desk.arrival import check_arrived_by
from complaintkit.desk.quoted_only import only_quoted
from complaintkit.desk.reply_sender import same_mailbox
from complaintkit.errors import Conflict, InvalidInput, NotFound
from complaintkit.model.automatic import automatic_withheld
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.customer_actor import customer_actor
from complaintkit.model.drafts import Draft
from complaintkit.model.lifecycle import Status
from complaintkit.model.replying import REPLYING_TO
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.storage.base import Storage

if TYPE_CHECKING:
    from complaintkit.notify.notifications import Notifications

#: The event a reply is recorded as: the case takes in one more complaint.
ADDED = "complaint_added"
#: The event a member of staff's out-of-office is recorded as: an internal note.
NOTED = "noted"
#: What a refusal names: where the complaint says which letter it answers.
FIELD = f"attributes.{REPLYING_TO}"
#: The notifier type whose letters have the Message-ID a reply names (with no notifier built).
MAILED = "smtp"


class Replies:
    """Recording replies to letters, mixed into ``Desk``."""

    storage: Storage
    clock: Clock
    policy: AssessingPolicy
    notifications: Notifications | None

    if TYPE_CHECKING:

        def _change(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case: ...

        def _move(self, case: Case, target: Status, actor: str, reason: str) -> Draft: ...

    def _reply(self, complaint: Complaint) -> tuple[Case, bool] | None:
        """The case ``complaint`` is a reply to one of whose letters, and whether this call
        recorded it there (not when another intake of the same message did, after this
        one looked its key up); None when it answers no letter (a new complaint)."""
        answered = self._answered(complaint)
        if answered is None:
            return None
        case, delivery_id, staff = answered
        check_arrived_by(complaint, self.clock.now())
        if staff is not None:
            return self._staff_away(complaint, case, staff)
        actor = customer_actor(case.customer_id)  # the customer acted: replay plays it back
        said = f"reply to letter {delivery_id} received on {complaint.channel}"
        # an out-of-office, or our letter sent back with nothing written: no answer
        automatic = automatic_withheld(complaint) is not None or only_quoted(complaint.text)
        written = _without_token(complaint.to_json(), case.status_token)
        draft = Draft(ADDED, {"complaint": written, "replying_to": delivery_id}, said, actor)

        def drafts(stored: Case) -> list[Draft]:
            if any(c.key == complaint.key for c in stored.complaints):
                raise _Recorded(stored)
            if stored.status is Status.WAITING_ON_CUSTOMER and not automatic:
                return [
                    draft,
                    self._move(stored, Status.INVESTIGATING, actor, f"the customer's {said}"),
                ]
            return [draft]

        try:
            return self._change(case.id, drafts), True
        except _Recorded as recorded:
            return recorded.case, False
        except Conflict:  # kept changing under it: a dead letter, taken in again by retry
            raise InvalidInput(
                FIELD, f"case {case.id} kept changing while this reply was recorded"
            ) from None

    def _answered(self, complaint: Complaint) -> tuple[Case, str, str | None] | None:
        """The case of the first letter ``complaint`` names that the ``smtp`` notifier sent
        to the customer at the address it comes from, with the letter's delivery id; or,
        for a member of staff's automatic reply to a letter (their out-of-office), that
        letter's case and id and their address."""
        self._refuse_our_own(complaint)
        ids = complaint.attributes.get(REPLYING_TO)
        if complaint.history is not None or not isinstance(ids, list):
            return None
        sender, answered_by_staff = complaint.customer.id, None
        for message_id in ids:
            left = message_id.rpartition("@")[0] if isinstance(message_id, str) else ""
            sent = self.storage.delivery(left) if left else None
            if sent is None:
                continue
            if not self._letter_to(sent.outgoing, sender):
                if answered_by_staff is None and self._mailed(sent.outgoing):
                    answered_by_staff = (sent.outgoing.case_id, left)
                continue
            return self._case_of(sent.outgoing.case_id, left), left, None
        if answered_by_staff is not None and self._staff(sender):
            case_id, letter = answered_by_staff
            if automatic_withheld(complaint) is not None:  # away: nothing to add by hand
                return self._case_of(case_id, letter), letter, sender
            raise InvalidInput(
                FIELD,
                f"is a reply from staff ({sender!r:.80}) to letter {letter} of case "
                f"{case_id}, not a complaint: add what it says to the case as a note "
                f"(complaintkit cases note {case_id})",
            )
        return None

    def _refuse_our_own(self, complaint: Complaint) -> None:
        """Refuse a letter this desk mailed come back to the intake — a mailbox forwarding
        to it, the intake address given as the customer's, a copy sent there: its
        Message-ID (``<delivery-id@sender-domain>``) is a delivery the outbox holds."""
        message_id = complaint.attributes.get("message_id")
        if complaint.history is not None or not isinstance(message_id, str):
            return
        left = message_id.rpartition("@")[0]
        sent = self.storage.delivery(left) if _DELIVERY_ID.fullmatch(left) else None
        if sent is not None and self._mailed(sent.outgoing):
            raise InvalidInput(
                "Message-ID",
                f"is a letter this desk sent (delivery {left} of case {sent.outgoing.case_id}) "
                "come back to the intake, no complaint: a mailbox forwarding to the intake, "
                "or a copy sent there",
            )

    def _case_of(self, case_id: str, letter: str) -> Case:
        try:
            return self.storage.get(case_id)
        except NotFound:
            raise InvalidInput(
                FIELD, f"answers letter {letter} of case {case_id}, which the store no longer holds"
            ) from None

    def _staff_away(self, complaint: Complaint, case: Case, sender: str) -> tuple[Case, bool]:
        """Note a member of staff's automatic reply (out of office) on the case of the
        letter it answers, by them, once however often it comes: whoever manages the desk
        learns the owner is away, and nobody has a dead letter to purge."""
        # not naming the letter: the same words to each notice (a rule telling the owner
        # of every note mails them this one too) are one note, not one per notice — a loop
        said = f"automatic reply from {sender}: {complaint.text}"
        text = _without_token(said, case.status_token)
        actor = self._staff_id(sender)

        def drafts(stored: Case) -> list[Draft]:
            noted = self.storage.events(stored.id)
            if any(e.kind == NOTED and e.data.get("text") == text for e in noted):
                raise _Recorded(stored)
            return [Draft(NOTED, {"text": text}, actor=actor)]

        try:
            return self._change(case.id, drafts), True
        except _Recorded as recorded:
            return recorded.case, False
        except Conflict:
            raise InvalidInput(
                FIELD, f"case {case.id} kept changing while this automatic reply was noted"
            ) from None

    def _staff_id(self, sender: str) -> str:
        """The owner or team id the policy gives ``sender``'s mailbox, else the address."""
        notifications = self.policy.notifications
        named = (
            {} if notifications is None else {**notifications.team_leads, **notifications.owners}
        )
        return next((who for who, at in named.items() if same_mailbox(at, sender)), sender)

    def _mailed(self, sent: Outgoing) -> bool:
        """Whether ``sent`` is a letter a notifier of the policy mailed."""
        return sent.kind == "message" and self._mails(sent.via)

    def _mails(self, via: str) -> bool:
        """Whether the notifier ``via`` mails letters a mail client answers: one that says
        under which Message-ID it sends a delivery (``message_id(delivery_id)``, as the
        ``smtp`` notifier and a plugin's mail notifier do), not a pager or a webhook. A
        Desk that tells no one has no notifiers built: there, an ``smtp`` one."""
        built = None if self.notifications is None else self.notifications.notifiers.get(via)
        if built is not None:
            return callable(getattr(built, "message_id", None))
        notifications = self.policy.notifications
        spec = None if notifications is None else notifications.notifiers.get(via)
        return spec is not None and spec.type == MAILED

    def _staff(self, sender: str) -> bool:
        """Whether ``sender`` is a mailbox the policy names for staff: an owner's, a team
        lead's, a manager's, or the sender of an ``smtp`` notifier."""
        notifications = self.policy.notifications
        if notifications is None:
            return False
        senders = [
            spec.options.get("sender")
            for via, spec in notifications.notifiers.items()
            if self._mails(via)
        ]
        staff = [
            *notifications.owners.values(),
            *notifications.team_leads.values(),
            *notifications.managers,
            *senders,
        ]
        return any(isinstance(one, str) and same_mailbox(one, sender) for one in staff)

    def _letter_to(self, sent: Outgoing, sender: str) -> bool:
        """Whether ``sent`` is a letter mailed to the customer at ``sender``: one a webhook
        posted names its delivery id to its receiver, and the owner's notice is no letter
        to the customer."""
        to, role = sent.payload.get("to"), sent.payload.get("role")
        return (
            self._mailed(sent)
            and role == "customer"
            and isinstance(to, str)
            and same_mailbox(to, sender)
        )


#: A delivery id (``delivery.outgoing``: a UUID), the left part of our letters' Message-IDs.
_DELIVERY_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class _Recorded(Exception):
    """The case holds the reply already: another intake recorded it meanwhile."""

    def __init__(self, case: Case) -> None:
        super().__init__(case.id)
        self.case = case


def _without_token(value: Any, token: str) -> Any:
    """``value`` (a reply's JSON) with the case's status token cut out where the customer's
    mail program quoted our letter's status link: the token opens the status page, and the
    history is published (events feed, webhooks, brokers) and read far more widely."""
    if isinstance(value, str):
        return cut_token(value, token)  # wrapped over two lines too
    if isinstance(value, list):
        return [_without_token(item, token) for item in value]
    if isinstance(value, dict):
        return {key: _without_token(item, token) for key, item in value.items()}
    return value
