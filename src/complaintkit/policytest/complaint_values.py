"""A test's complaint as intake gets it, and the values of it no complaint can hold.

A test's complaint is its ``complaint:`` over the file's, with its ``facts:`` as the
complaint's attributes. A value no complaint holds (``amount: 12.5`` bare, ``customer:
5``, ``loss: {amount: abc, currency: CNY}``) is found by ``Complaint.from_json``, which
names it as intake sees it (``attributes.loss.amount``); it is named here where the
tests file writes it, before any test runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from complaintkit.errors import InvalidInput, Location, Problem
from complaintkit.model.complaint import Complaint
from complaintkit.policy.supplied import supplied_facts
from complaintkit.policytest.spec import TestFile

CUSTOMER: Final = "C-TEST"
_INDEX: Final = re.compile(r"\[\d+\].*")


def as_complaint(data: Mapping[str, Any], external_id: str) -> Complaint:
    """``data`` with what a test need not write filled in: the channel, an external id and
    the customer's id, also beside a customer the test describes (``{tier: gold}``)."""
    customer = data.get("customer", {})
    if isinstance(customer, Mapping):
        customer = {"id": CUSTOMER, **customer}
    return Complaint.from_json(
        {"channel": "web", "external_id": external_id, **data, "customer": customer}
    )


def with_facts(complaint: Mapping[str, Any], facts: Mapping[str, Any]) -> dict[str, Any]:
    """The test's facts known from intake on, as the complaint's attributes: classification,
    routing, escalation and compensation all read them by the same names."""
    if not facts:
        return dict(complaint)
    attributes = {**dict(complaint.get("attributes") or {}), **facts}
    return {**complaint, "attributes": attributes}


def complaint_problems(test_file: TestFile) -> list[Problem]:
    """An error at each value of a test's complaint or facts that intake would refuse."""
    problems = []
    for i, test in enumerate(test_file.tests):
        try:
            complaint = as_complaint(with_facts(test.complaint, test.facts), "test")
            supplied_facts(complaint.attributes)  # money among them, as intake reads it
        except InvalidInput as exc:
            for each in getattr(exc, "problems", (exc,)):
                where = _written_at(test_file.locations, f"tests[{i}]", each.field)
                if where is not None:  # one left out (no text) fails its test when run
                    problems.append(Problem(where, each.message, code="policy-test"))
    return problems


def _written_at(locations: Mapping[str, Location], test: str, field: str) -> Location | None:
    """Where the tests file writes ``field`` of a complaint: in the test's facts, the
    file's, the test's complaint or the file's, the first that holds it; None when the
    file does not write it."""
    top, _, rest = field.partition(".")
    tried = [(f"{test}.complaint", field), ("complaint", field)]
    if top == "attributes" and rest:
        tried = [(f"{test}.facts", rest), ("facts", rest), *tried]
    for under, path in tried:
        first = _INDEX.sub("", path.split(".")[0])  # items of items[0]
        if f"{under}.{first}" not in locations:
            continue
        here = f"{under}.{path}"
        while here not in locations:  # what the file leaves out is at what holds it
            here = here.rsplit(".", 1)[0]
        return attrs.evolve(locations[here], path=here)
    return None
