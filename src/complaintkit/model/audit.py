"""Checking a case's hash chain: any edit to a stored event shows up here."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

from complaintkit.model.events import GENESIS, CaseEvent


@attrs.frozen
class ChainBreak:
    """The first event at which a case's stored history stops adding up."""

    case_id: str
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"case {self.case_id}: event {self.seq}: {self.problem}"


def shown_seq(seq: int) -> str:
    """A stored seq as a finding shows it: one edited to thousands of digits by its length,
    so the finding stays one line."""
    text = str(seq)
    return text if len(text) <= 20 else f"a number of {len(text.lstrip('-'))} digits"


def sealed_elsewhere(sealed_for: str, stored_under: str) -> str:
    """What an event sealed for case ``sealed_for`` but stored under ``stored_under`` is:
    its hash holds, so the chain's own words ("does not chain") would send the reader
    looking for an edit that was never made. Every history command says it in these words,
    and how the ids differ where a reader could not tell them apart."""
    said = f"the stored event was sealed for case {sealed_for}: copied or moved here"
    return said + _look_alike(stored_under, sealed_for)


def holds_another(stored_under: str, body_of: str) -> str:
    """Why the case row ``stored_under`` is damaged when its body is case ``body_of``'s: a
    row copied under another id (or its id edited) would be listed, shown and ticked as
    that case a second time."""
    said = f"its row holds the body of case {body_of}: copied or moved here"
    return said + _look_alike(stored_under, body_of)


def _look_alike(stored_under: str, sealed_for: str) -> str:
    """How ``stored_under`` differs from ``sealed_for`` when it could pass for it: in
    letter case alone, or by a character outside ASCII (a Cyrillic twin, a zero-width
    space); nothing for ids that plainly differ."""
    if stored_under.casefold() == sealed_for.casefold():
        return ", under an id that looks like its own: the ids differ in letter case alone"
    for position, found in enumerate(stored_under):
        if not found.isascii():
            instead = sealed_for[position : position + 1]
            name = unicodedata.name(found, "an unnamed character")
            said = f"its character {position + 1} is U+{ord(found):04X} {name}"
            said += f", not {instead!r}" if instead.isascii() and instead else ""
            return f", under an id that looks like its own: {said}"
    return ""


def verify_chain(
    case_id: str, events: Sequence[CaseEvent], stored: Sequence[object] | None = None
) -> ChainBreak | None:
    """Return the first break in ``events`` (ordered by seq), or ``None`` when intact.
    ``stored``, the seq each event's row is stored at (when the reader knows it), names a
    copy where it is: one copied past the last event with a gap is not at the first
    position missing."""
    previous = GENESIS
    seen: dict[str, int] = {}  # each event's hash, to name a row copied in as a copy
    for expected_seq, event in enumerate(events, start=1):
        if type(event.seq) is not int:  # an edited "2", 2.0 or true: no number to be missing
            return ChainBreak(
                case_id, expected_seq, f"its seq is {event.seq!r}, not a whole number"
            )
        if event.seq != expected_seq:
            later = events[expected_seq:]
            problem = out_of_place(event, seen, expected_seq, later)
            at = expected_seq
            if problem.startswith(COPY) and stored is not None and len(stored) == len(events):
                where = stored[expected_seq - 1]
                at = where if type(where) is int else at
            return ChainBreak(case_id, at, problem)
        if event.case_id != case_id:
            return ChainBreak(case_id, event.seq, sealed_elsewhere(event.case_id, case_id))
        if event.prev_hash != previous:
            return ChainBreak(case_id, event.seq, "does not chain from the event before it")
        if event.compute_hash() != event.hash:
            return ChainBreak(case_id, event.seq, "content was altered after it was recorded")
        previous = event.hash
        seen[event.hash] = event.seq
    return None


#: How ``out_of_place`` begins naming a row copied from an earlier event of its case.
COPY = "a copy of event "


def out_of_place(
    event: CaseEvent, seen: dict[str, int], expected: int, later: Sequence[CaseEvent]
) -> str:
    """What stands where the chain expects event ``expected``: a copy of one met already
    (a row inserted from another, its seal whole), another event while the expected one
    is stored further on (rows reordered), or another, the expected one gone."""
    found = shown_seq(event.seq)
    if seen.get(event.hash) == event.seq and event.compute_hash() == event.hash:
        return f"{COPY}{found}, stored again here"
    if any(other.seq == expected for other in later):
        return (
            f"out of order: event {found} is stored where event {expected} belongs, "
            f"and event {expected} further on"
        )
    return f"missing; found event {found} instead"
