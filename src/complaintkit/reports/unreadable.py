"""Report rows whose instant no report can place, edited so outside complaintkit.

A report-facts column edited by raw SQL may hold what is no instant Python can hold: text or
a blob in SQLite's REAL columns; ``infinity``, ``-infinity``, a BC date or a year past 9999
in PostgreSQL's ``timestamptz``. Reading one into a ``datetime`` ended the whole report in a
traceback. The sources now keep such a row out, in SQL, of every figure that needs its
instant, and name it (``ReportSource.unreadable``) for the report to warn of; every other
figure still counts it. A duration column holding no finite number of seconds (text, NaN,
an infinity) is kept out of the response and resolution times alike, a satisfaction score
outside 1 to 5 out of satisfaction, an escalation level that is no whole number from 0
out of the escalation levels, and a blob in a text column SQLite reads is no value.
"""

from __future__ import annotations

from typing import Final, LiteralString

import attrs

from complaintkit.reports.scope import DIMENSIONS

#: The text columns a report reads that SQLite lets hold a blob.
_TEXTS = (
    *(f"case_facts.{name}" for name in DIMENSIONS),
    *("case_facts.fishbone", "case_facts.nature", "case_facts.root_why"),
    *("case_remedies.remedy", "case_remedies.currency", "case_remedies.status"),
)
#: What a report leaves a case out of when a column holds no instant.
_LEFT_OUT = {
    "case_facts.received_at": "left out of time ranges, daily counts and business times",
    "case_facts.opened_at": "left out of incidents",
    "case_facts.due_at": "counted neither late nor due soon",
    "case_sla.due_at": "its clock not counted overdue",
    "case_remedies.amount": "its remedy counted with no money given",
    "case_facts.first_response_secs": "left out of response and resolution times",
    "case_facts.resolution_secs": "left out of response and resolution times",
    "case_facts.satisfaction": "left out of satisfaction",
    "case_facts.escalation_level": "counted as never escalated",
    **dict.fromkeys(_TEXTS, "counted as naming none"),
    "cases.body": "left out of open work and of what is read from case bodies (owner, team, "
    "tags, attributes, imported)",
}
#: What a column holds when it can be read: an instant, but for these.
_HOLDS = {
    "case_remedies.amount": "an amount",
    "cases.body": "a case",
    "case_facts.first_response_secs": "a duration",
    "case_facts.resolution_secs": "a duration",
    "case_facts.satisfaction": "a score from 1 to 5",
    "case_facts.escalation_level": "an escalation level",
    **dict.fromkeys(_TEXTS, "text"),
}
#: The largest finite duration in seconds a double holds, written as SQL reads it.
_LONGEST: Final = "1.7976931348623157e308"


def measured(column: LiteralString) -> LiteralString:
    """SQL (SQLite and PostgreSQL alike): whether duration ``column`` holds a finite number
    of seconds. A range, so the column's index answers it; NULL, text and blobs (SQLite),
    NaN and the infinities (which sort past every number on both) fail it."""
    return f"{column} BETWEEN -{_LONGEST} AND {_LONGEST}"


def scored(column: LiteralString) -> LiteralString:
    """SQL (SQLite and PostgreSQL alike): whether satisfaction ``column`` holds a score a
    follow-up gives, a whole number from 1 to 5 (not NULL, text, 2.5 or 9)."""
    return f"{column} IN (1, 2, 3, 4, 5)"


def leveled(column: LiteralString) -> LiteralString:
    """SQL (SQLite and PostgreSQL alike): whether escalation ``column`` holds a level, a
    whole number from 0 (not text or a blob, which SQLite compares unequal to any number,
    nor 1.5 or -3)."""
    return f"({column} >= 0 AND {column} = CAST({column} AS INTEGER))"


def unmeasured(column: LiteralString) -> LiteralString:
    """SQL: whether duration ``column`` holds what is no finite number of seconds (NULL,
    no duration yet, aside); two ranges an index on the column finds."""
    return f"({column} < -{_LONGEST} OR {column} > {_LONGEST})"


@attrs.frozen
class Unreadable:
    """One report row's column holding no instant (or a remedy's, no amount:
    ``source.given_amount``): its case, ``table.column``, and the value as stored (quoted,
    cut short)."""

    case_id: str
    column: str
    value: str

    def __str__(self) -> str:
        return (
            f"case {self.case_id}: {self.column} holds {self.value}, "
            f"not {_HOLDS.get(self.column, 'an instant')}; "
            f"{_LEFT_OUT.get(self.column, 'left out')}"
        )
