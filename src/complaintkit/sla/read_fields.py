"""The fields a target reads from a case: ``from:``, where its clock starts, and the field
its calendar is chosen by. Both are looked up in the record conditions read, and one that
names no field of it is never found: the clock would count from receipt, or on the default
calendar, with nothing said. So they are checked as a condition's fields are."""

from __future__ import annotations

from complaintkit.policy.fieldpaths import INSTANTS, unknown_field, unopen_record_field

#: (code, message, hint) of a problem with a field a target reads.
FieldProblem = tuple[str, str, str]


def start_field_problem(path: str) -> FieldProblem | None:
    """What is wrong with ``from: path``: no such field, or a field of the record that never
    holds a date (its amount, the case's priority); a complaint attribute and a supplied
    fact may hold one."""
    unknown = chosen_by_problem(path)
    if unknown is not None:
        return unknown
    if unopen_record_field(path) and path not in INSTANTS:
        return (
            "sla",
            f"{path} never holds a date, so the clock would always count from receipt",
            "name the field holding the start date, e.g. complaint.attributes.date_sent_to_company",
        )
    return None


def chosen_by_problem(path: str) -> FieldProblem | None:
    """What is wrong with a field a target reads: a record field that does not exist."""
    unknown = unknown_field(path)
    return None if unknown is None else ("unknown-field", *unknown)
