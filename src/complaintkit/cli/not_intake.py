"""What ``dead-letters retry`` says of a letter that is no intake to read again: a message
complaintkit failed to deliver (``notify:<via>:<delivery id>``), or a customer's answer to
an offer (``answer:<case>:<offer>``); each hint says what to do instead."""

from __future__ import annotations

import json

from complaintkit.api.kept_fields import ANSWER_SOURCE
from complaintkit.desk import Desk
from complaintkit.storage.base import DeadLetter

#: Sources whose raw input is a message complaintkit failed to deliver, not intake.
DELIVERY_PREFIX = "notify:"


def answer_hint(letter: DeadLetter) -> str:
    """What to do about a customer's answer to an offer kept from ``answer:<case>:<offer>``
    (its form arrived broken, or a plugin failed it: its reason says which): no complaint
    to take in, so none is read again."""
    case_id, _, offer_id = letter.source.removeprefix(f"{ANSWER_SOURCE}:").partition(":")
    return (  # what to do first: a listing's row is cut, and the reason can be long
        "an answer to an offer, not a complaint, recorded nowhere: record it with "
        f"`complaintkit cases accept {case_id} {offer_id}` (or `decline`) or ask the "
        f"customer to answer again, then purge this letter; kept for: {letter.reason}"
    )


def delivery_hint(desk: Desk, letter: DeadLetter) -> str:
    """What to do about a letter from ``notify:<via>:<delivery id>``: requeue that delivery
    while it is dead. A letter kept before letters named their delivery (``notify:<via>``)
    points at every dead one of its notifier; a message that could not even be enqueued
    (no address) has none, whatever else of its notifier is dead: requeueing those would
    resend other people's messages and leave this one unsent."""
    source = letter.source
    if _never_enqueued(letter.raw):
        return (
            f"a message that was never enqueued ({letter.reason}): no delivery "
            "holds it, so there is nothing to requeue; reach the recipient another way (or "
            "record their contact), then purge this letter"
        )
    dead = desk.storage.deliveries("dead")
    via = source.removeprefix(DELIVERY_PREFIX)
    requeue = next(
        (d.outgoing.delivery_id for d in dead if d.outgoing.dead_letter_source == source), None
    )
    if requeue is not None:
        return (
            "a failed delivery, not intake: fix its receiver, then send it again with "
            f"`complaintkit outbox requeue {requeue}`: this letter goes once it is delivered"
        )
    if any(d.outgoing.via == via for d in dead):  # a letter naming no delivery
        return (
            "a failed delivery, not intake: fix its receiver, then send it again with "
            f"`complaintkit outbox requeue --all --via {via}` and purge this letter"
        )
    requeued = _requeued(desk, via.partition(":")[2])
    if requeued is not None:
        return requeued
    return (
        f"a message ({source}) that the outbox holds no dead delivery of (it could not be "
        "enqueued, or was requeued since): nothing to send again; purge this letter once it "
        "is handled"
    )


def _requeued(desk: Desk, delivery_id: str) -> str | None:
    """What became of the delivery ``delivery_id`` a letter names, no longer dead since it
    was requeued: delivered (the letter can go), or waiting to be sent; None when the
    outbox holds no such delivery, or holds it dead."""
    delivery = desk.storage.delivery(delivery_id) if delivery_id else None
    if delivery is None or delivery.state == "dead":
        return None
    if delivery.state == "delivered":
        return (
            f"a failed delivery: delivery {delivery_id} was requeued and has been delivered, "
            "so nothing is left to send; purge this letter"
        )
    return (
        f"a failed delivery: delivery {delivery_id} was requeued and waits to be sent "
        "(`complaintkit deliver`, or a running `serve`, sends it; `complaintkit outbox "
        "--state pending` lists it); this letter goes once it is delivered"
    )


def _never_enqueued(raw: bytes) -> bool:
    """Whether ``raw`` is what ``Notifications`` keeps of a message it could not enqueue
    (``{"case_id", "event"}``), not a delivery's."""
    try:
        data = json.loads(raw)
    except ValueError:
        return False
    return isinstance(data, dict) and set(data) == {"case_id", "event"}
