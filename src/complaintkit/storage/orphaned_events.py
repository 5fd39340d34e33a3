"""Events stored under a case id that has no case row (the row deleted by hand, or lost),
and case rows whose events are all gone.

No lookup, filter or report finds such a history: ``cases list`` would list the other
cases as if the store held nothing else; a row without events lists as a case whose
history no one can show. A backend that can name them cheaply (one query over its
events' key) implements ``FindsOrphanedEvents``; ``audit verify`` names them on every
backend."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

#: The ids of the cases whose events are stored without their case row (sorted by the
#: caller, in code point order on every backend).
ORPHANED_CASE_IDS = """
    SELECT DISTINCT e.case_id FROM events e
    WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)
"""


#: The ids of the case rows with no event stored under them (sorted by the caller).
EVENTLESS_CASE_IDS = """
    SELECT c.id FROM cases c
    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id)
"""


@runtime_checkable
class FindsOrphanedEvents(Protocol):
    """A storage that can name the cases whose events outlived their case row, and the
    case rows that outlived their events."""

    def orphaned_case_ids(self) -> list[str]:
        """The ids, in code point order, of the cases whose events are stored but whose row is not."""

    def eventless_case_ids(self) -> list[str]:
        """The ids, in code point order, of the case rows with no events stored."""
