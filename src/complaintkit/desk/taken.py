"""What each complaint of an ``intake_many`` batch comes to: its case, or why it was refused.

A refused complaint never stops the others, so each step of a batch turns a failure into
the ``InvalidInput`` that stands in the complaint's place in the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from complaintkit.desk.resent import changed_fields
from complaintkit.errors import InvalidInput, KeyConflict, KeyReused
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.plugin_said import said


@attrs.frozen
class Taken:
    """One complaint of an ``intake_many`` batch: its case and whether this batch opened it,
    or recorded it on the case as a reply to one of its letters (``reply``)."""

    case: Case
    created: bool
    reply: bool = False


def same_customer(case: Case, complaint: Complaint) -> Case:
    """``case`` if it holds ``complaint``'s key for its customer: the case's own, or the
    sender of a reply recorded on it, whose address need not be the case's customer id (a
    case opened from the form); a key held by another customer is a conflict."""
    held = next((c for c in case.complaints if c.key == complaint.key), case.complaint)
    if held.customer.id != complaint.customer.id:
        raise KeyConflict(*complaint.key)
    return case


def retried(taken: Taken, complaint: Complaint) -> Taken:
    """``taken`` if ``complaint`` opened it or repeats the complaint that did (or that it
    took in later, a reply): the same customer, and every field both give the same
    (``desk.resent``). A complaint changing a field under the key is ``KeyReused`` naming
    the fields, so a retry never passes a new complaint or a correction off as one already
    known."""
    if taken.created:
        return taken
    # the case's complaint under this key: a reply recorded on it is not the first
    stored = next((c for c in taken.case.complaints if c.key == complaint.key), None)
    if stored is None:  # noted on the case, held by none (a member of staff's out-of-office)
        return taken
    changed = changed_fields(stored, complaint)
    if changed:
        raise KeyReused(*complaint.key, changed)
    if complaint.history not in (None, stored.history):
        raise KeyReused(
            *complaint.key,
            other="another recorded history than",
            hint=": an import updates no case",
        )
    return taken


def unexpected(exc: Exception) -> InvalidInput:
    return InvalidInput("complaint", f"could not be taken in: {said(exc)}")


def parsed(item: Complaint | Mapping[str, Any]) -> Complaint | InvalidInput:
    """One complaint of a batch, or why it is refused (a bad one never stops the others)."""
    try:
        return item if isinstance(item, Complaint) else Complaint.from_json(item)
    except InvalidInput as exc:
        return exc
    except Exception as exc:  # e.g. a mapping whose values raise when read
        return unexpected(exc)


def outcome(
    stored: tuple[Case, bool] | InvalidInput, new: Case, repeat: bool
) -> Taken | InvalidInput:
    """What one complaint of a batch came to, once stored; a key another customer's
    complaint took between look-up and commit is a conflict here too, and one another
    writer stored with other content is ``KeyReused``."""
    if isinstance(stored, InvalidInput):
        return stored
    case, created = stored
    if case.customer_id != new.customer_id:
        return KeyConflict(*new.complaint.key)
    try:  # a key stored by another writer between look-up and commit, with other content
        return retried(Taken(case, created and not repeat), new.complaint)
    except KeyReused as exc:
        return exc
