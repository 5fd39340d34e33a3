"""What arrived: the immutable complaint and the customer who made it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model.instants import aware, parse_instant
from complaintkit.model.jsonvalues import check_text, plain
from complaintkit.model.money import Money
from complaintkit.model.recorded import Recorded

#: ``aware`` and ``parse_instant`` live in ``model.instants``; they are still read from here.
__all__ = [
    "MAX_ID_CHARS",
    "MAX_SUBJECT_CHARS",
    "MAX_TEXT_CHARS",
    "Complaint",
    "Customer",
    "aware",
    "parse_instant",
]

#: Longest subject and text accepted; a larger payload is refused, not truncated.
T = TypeVar("T")

MAX_SUBJECT_CHARS = 1_000
MAX_TEXT_CHARS = 100_000
MAX_ID_CHARS = 256
#: Years a complaint can have been received in; outside them it is a typo or an attack,
#: and SLA arithmetic near year 1 or 9999 would overflow.
RECEIVED_YEARS = range(1900, 2200)
#: Characters that make a contact a list of addresses.
_LIST_SEPARATORS = frozenset(",;\r\n")


def _text(max_chars: int, *, required: bool = True, optional: bool = False) -> Any:
    """A validator for text fields (``optional``: None is allowed too).

    Called for every field of every complaint read, so it is one flat function.
    """

    def check(instance: object, attribute: attrs.Attribute[str], value: str | None) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise InvalidInput(attribute.name, f"must be a string (got {type(value).__name__})")
        if required and (not value or value.isspace()):  # blank, without copying a strip
            raise InvalidInput(attribute.name, "is required and must not be blank")
        if len(value) > max_chars:
            raise InvalidInput(
                attribute.name, f"is {len(value):,} characters; the limit is {max_chars:,}"
            )
        check_text(value, attribute.name)

    return check


def _optional_text(max_chars: int) -> Any:
    return _text(max_chars, optional=True)


def _one_address(max_chars: int) -> Any:
    """A contact is where one message goes: a list would mail everyone on it."""
    text = _optional_text(max_chars)

    def check(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        text(instance, attribute, value)
        if value is not None and (not _LIST_SEPARATORS.isdisjoint(value) or value.count("@") > 1):
            raise InvalidInput(attribute.name, f"must be exactly one address (got {value!r})")

    return check


def _received(instance: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    aware(value, attribute.name)
    if value.year not in RECEIVED_YEARS:
        raise InvalidInput(
            attribute.name,
            f"{value.isoformat()} is outside the years {RECEIVED_YEARS.start}"
            f" to {RECEIVED_YEARS.stop - 1}",
        )


@attrs.frozen
class Customer:
    """The person complaining. ``tier`` feeds grading and compensation rules."""

    id: str = attrs.field(validator=_text(MAX_ID_CHARS))
    name: str | None = attrs.field(default=None, validator=_optional_text(MAX_SUBJECT_CHARS))
    contact: str | None = attrs.field(default=None, validator=_one_address(MAX_SUBJECT_CHARS))
    tier: str | None = attrs.field(default=None, validator=_optional_text(MAX_ID_CHARS))
    region: str | None = attrs.field(default=None, validator=_optional_text(MAX_ID_CHARS))

    def to_json(self) -> dict[str, Any]:
        # written for every case save and every assessment: no attrs.asdict walk, no getattr
        data = {"id": self.id}
        if self.name is not None:
            data["name"] = self.name
        if self.contact is not None:
            data["contact"] = self.contact
        if self.tier is not None:
            data["tier"] = self.tier
        if self.region is not None:
            data["region"] = self.region
        return data

    @classmethod
    def from_json(cls, data: object, field: str = "customer") -> Customer:
        mapping = _mapping(data, field)
        return _build(cls, mapping, field)


def _nonnegative(
    instance: object, attribute: attrs.Attribute[Money | None], value: Money | None
) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidInput(attribute.name, f"must be Money (got {type(value).__name__})")
    if value.amount < 0:
        raise InvalidInput(attribute.name, f"must not be negative (got {value})")


def _attributes(value: object) -> dict[str, Any]:
    """Free attributes as plain JSON values every backend stores exactly."""
    if not isinstance(value, Mapping):
        raise InvalidInput("attributes", f"must be a mapping (got {type(value).__name__})")
    result: dict[str, Any] = plain(value, "attributes")
    return result


def _recorded_after_receipt(
    instance: Complaint, attribute: attrs.Attribute[Recorded | None], value: Recorded | None
) -> None:
    if value is None:
        return
    value.check_after(instance.received_at, attribute.name)
    if value.instants() and value.instants()[-1].year not in RECEIVED_YEARS:
        raise InvalidInput(
            attribute.name,
            f"{value.instants()[-1].isoformat()} is outside the years {RECEIVED_YEARS.start}"
            f" to {RECEIVED_YEARS.stop - 1}",
        )


@attrs.frozen
class Complaint:
    """One complaint as received on a channel; ``(channel, external_id)`` is its identity."""

    channel: str = attrs.field(validator=_text(MAX_ID_CHARS))
    external_id: str = attrs.field(validator=_text(MAX_ID_CHARS))
    received_at: datetime = attrs.field(validator=_received)
    customer: Customer = attrs.field(validator=attrs.validators.instance_of(Customer))
    text: str = attrs.field(validator=_text(MAX_TEXT_CHARS))
    subject: str = attrs.field(default="", validator=_text(MAX_SUBJECT_CHARS, required=False))
    product: str | None = attrs.field(default=None, validator=_optional_text(MAX_ID_CHARS))
    order_id: str | None = attrs.field(default=None, validator=_optional_text(MAX_ID_CHARS))
    amount: Money | None = attrs.field(default=None, validator=_nonnegative)
    language: str | None = attrs.field(default=None, validator=_optional_text(16))
    attributes: Mapping[str, Any] = attrs.field(factory=dict, converter=_attributes)
    #: What another system already did with it, when it comes in by a history import.
    history: Recorded | None = attrs.field(default=None, validator=_recorded_after_receipt)

    @property
    def key(self) -> tuple[str, str]:
        """The idempotency key: the same key taken in twice is the same complaint."""
        return (self.channel, self.external_id)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "channel": self.channel,
            "external_id": self.external_id,
            "received_at": self.received_at.isoformat(),
            "customer": self.customer.to_json(),
            "subject": self.subject,
            "text": self.text,
        }
        for name in ("product", "order_id", "language"):
            if (value := getattr(self, name)) is not None:
                data[name] = value
        if self.amount is not None:
            data["amount"] = self.amount.to_json()
        if self.attributes:
            data["attributes"] = dict(self.attributes)
        if self.history is not None:
            data["history"] = self.history.to_json()
        return data

    @classmethod
    def from_json(cls, data: object, field: str = "") -> Complaint:
        """Build from JSON-shaped data; errors name the offending field's path."""
        mapping = _mapping(data, field or "complaint")
        prefix = f"{field}." if field else ""
        values = dict(mapping)
        for required in ("channel", "external_id", "received_at", "customer", "text"):
            if values.get(required) in (None, ""):
                raise InvalidInput(prefix + required, "is required")
        values["received_at"] = parse_instant(values["received_at"], prefix + "received_at")
        values["customer"] = Customer.from_json(values["customer"], prefix + "customer")
        if values.get("amount") is not None:
            values["amount"] = Money.from_json(values["amount"], prefix + "amount")
        if values.get("history") is not None:
            values["history"] = Recorded.from_json(values["history"], prefix + "history")
        return _build(cls, values, field)


def _mapping(data: object, field: str) -> Mapping[str, Any]:
    if type(data) is not dict and not isinstance(data, Mapping):  # dict: no ABC check
        raise InvalidInput(field, f"must be an object (got {type(data).__name__})")
    return data


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    """Asked for every complaint read, so worked out once per class."""
    known = _FIELD_NAMES.get(cls)
    if known is None:
        known = _FIELD_NAMES[cls] = frozenset(f.name for f in attrs.fields(cls))
    return known


def _build(cls: type[T], values: Mapping[str, Any], field: str) -> T:
    known = _field_names(cls)
    if not values.keys() <= known:
        unknown = sorted(values.keys() - known)
        raise InvalidInput(
            f"{field}.{unknown[0]}" if field else unknown[0],
            f"is not a known field; known fields: {', '.join(sorted(known))}",
        )
    try:
        return cls(**values)
    except InvalidInput as exc:
        raise InvalidInput(f"{field}.{exc.field}" if field else exc.field, exc.message) from None
    except TypeError as exc:
        raise InvalidInput(field or cls.__name__, str(exc)) from None
