"""The part of a complaint's record that the classification and routing tables read.

:func:`~complaintkit.policy.compiled.record` writes out every fact of a complaint for
whatever reads it (explanations, policy tests). At intake only the tables read it, and a
compiled table knows the field paths its conditions read, so the assessor writes just those
fields — most policies read a few: the texts, the channel, the customer's tier — and the
supplied facts only when a table reads one. A field left out is one no table asks for, and a
field a complaint lacks is None, which conditions read as absent, as they read a missing key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, Final

import attrs

from complaintkit.model.complaint import Complaint, Customer
from complaintkit.policy.supplied import AS_IS, RESERVED, attribute_facts, supplied_facts


def _amount(complaint: Complaint) -> object:
    return None if complaint.amount is None else complaint.amount.amount


def _currency(complaint: Complaint) -> object:
    return None if complaint.amount is None else complaint.amount.currency


def _attributes(complaint: Complaint) -> object:
    return dict(complaint.attributes) if complaint.attributes else None


def _history(complaint: Complaint) -> object:
    return None if complaint.history is None else complaint.history.to_json()


#: Each ``complaint.*`` fact as ``record`` writes it, read off a complaint (None: absent).
COMPLAINT_FACTS: Final[dict[str, Callable[[Complaint], object]]] = {
    **{
        name: attrgetter(name)
        for name in (
            "channel",
            "external_id",
            "received_at",
            "subject",
            "text",
            "product",
            "order_id",
            "language",
        )
    },
    "amount": _amount,
    "attributes": _attributes,
    "history": _history,
    "currency": _currency,
}
_CUSTOMER_FIELDS: Final = tuple(f.name for f in attrs.fields(Customer))


@attrs.frozen
class Projection:
    """Which facts of a complaint's record to write: ``complaint.*`` and ``customer.*``
    fields by name, and whether the supplied facts (the attributes) too."""

    complaint: tuple[tuple[str, Callable[[Complaint], object]], ...]
    customer: tuple[str, ...]
    supplied: bool

    @classmethod
    def reading(cls, paths: Iterable[str]) -> Projection:
        """The projection for conditions reading the field paths ``paths``."""
        fields: dict[str, set[str]] = {}
        for path in paths:
            root, _, rest = path.partition(".")
            fields.setdefault(root, set()).add(rest.partition(".")[0])
        complaint = fields.get("complaint", set())
        customer = fields.get("customer", set())
        return cls(
            tuple((name, get) for name, get in COMPLAINT_FACTS.items() if name in complaint),
            tuple(name for name in _CUSTOMER_FIELDS if name in customer),
            not fields.keys() <= RESERVED,
        )

    def record(self, complaint: Complaint) -> dict[str, Any]:
        """The record with the projected facts (``case`` is the assessor's to write)."""
        attributes = complaint.attributes
        if self.supplied:
            data: dict[str, Any] = attribute_facts(attributes)
        else:
            data = {}
            if attributes and not AS_IS.issuperset(map(type, attributes.values())):
                # an attribute written as money but not money is refused whatever is read
                supplied_facts(attributes)
        customer = complaint.customer
        data["complaint"] = {name: get(complaint) for name, get in self.complaint}
        data["customer"] = {name: getattr(customer, name) for name in self.customer}
        return data
