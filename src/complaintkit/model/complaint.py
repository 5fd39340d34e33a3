"""What arrived: the immutable complaint and the customer who made it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, Final, TypeVar

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model import trusted
from complaintkit.model.chinese_field_words import CHINESE_FIELD_WORDS
from complaintkit.model.instants import aware, iso_text, parse_instant
from complaintkit.model.jsonvalues import check_bulk, check_text, json_kind, named_scalars, plain
from complaintkit.model.money import Money, check_size, finer_than_its_units
from complaintkit.model.recorded import INSTANTS, Recorded
from complaintkit.model.rounded_number import not_rounded
from complaintkit.policy.matchtext import without_ignorable
from complaintkit.policy.typos import close_matches

#: ``aware`` and ``parse_instant`` live in ``model.instants``; they are still read from here.
__all__ = [
    "MAX_ATTRIBUTE_CHARS",
    "MAX_ATTRIBUTE_ITEMS",
    "MAX_ID_CHARS",
    "MAX_SUBJECT_CHARS",
    "MAX_TEXT_CHARS",
    "Complaint",
    "Customer",
    "aware",
    "parse_instant",
    "shows_nothing",
]

#: Longest subject and text accepted; a larger payload is refused, not truncated.
T = TypeVar("T")

MAX_SUBJECT_CHARS = 1_000
MAX_TEXT_CHARS = 100_000
MAX_ID_CHARS = 256
#: Most keys and items (at every level), and characters of keys and text, a complaint's
#: free attributes hold: they are stored, hashed, replayed and shown with it, as its text is.
MAX_ATTRIBUTE_ITEMS = 10_000
MAX_ATTRIBUTE_CHARS = MAX_TEXT_CHARS
#: Years a complaint can have been received in; outside them it is a typo or an attack,
#: and SLA arithmetic near year 1 or 9999 would overflow.
RECEIVED_YEARS = range(1900, 2200)
#: A record's texts and the longest each may be: owner and team name people, the response
#: and outcome are texts like the complaint's.
_RECORDED_TEXTS = (
    ("owner", MAX_ID_CHARS),
    ("team", MAX_ID_CHARS),
    ("response", MAX_TEXT_CHARS),
    ("outcome", MAX_TEXT_CHARS),
)


#: Why a blank value is refused: a required field has none, an optional one was given empty.
REQUIRED = "is required and must not be blank"
OPTIONAL = "is blank: leave it out where there is none"


def checked_text(
    value: object, field: str, max_chars: int, required: bool = True, blank: str = REQUIRED
) -> str:
    """``value`` if it is text within ``max_chars`` that every backend stores (``required``:
    not blank either, else refused saying ``blank``), else ``InvalidInput`` naming
    ``field``."""
    if not isinstance(value, str):
        raise InvalidInput(field, f"must be a string (got {json_kind(value)})")
    # asked of several texts a complaint: most begin with a letter or digit and are ASCII
    # without a NUL, answered here without a further call
    first = value[:1]
    if required and (not first.isalnum() or first in _BLANK_LETTERS) and shows_nothing(value):
        raise InvalidInput(field, blank)
    if len(value) > max_chars:
        raise InvalidInput(field, f"is {len(value):,} characters; the limit is {max_chars:,}")
    if "\x00" not in value and value.isascii():
        return value
    return check_text(value, field)


#: The default-ignorable characters Python counts as letters (the Hangul fillers): a text
#: starting with one may still draw nothing.
_BLANK_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0")


def shows_nothing(text: str) -> bool:
    """Whether ``text`` shows nothing: spaces, invisible format characters (a zero-width
    space, a byte order mark, a soft hyphen) and the other characters no font draws (a
    Hangul filler, a variation selector, the combining grapheme joiner) alone, which say no
    more than blank text. Asked of every required text: most begin with a letter or digit,
    answered at once."""
    first = text[:1]
    if first.isalnum() and first not in _BLANK_LETTERS:
        return False
    drawn = without_ignorable(text)
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in drawn)


def check_channel(value: object) -> str:
    """``value`` if it can name a channel (the first half of every idempotency key)."""
    checked_text(value, "channel", MAX_ID_CHARS)
    return value  # type: ignore[return-value]


def _visible(key: str, field: str) -> None:
    """A key holds no invisible character (a byte order mark, a zero-width space, a
    direction mark), nor white space at its start or end (a ``CHAR`` column's padding):
    with one it looks like another key and is not it, so the same complaint would open a
    second case. Nor is it written otherwise than in Unicode's composed form (``u`` and a
    combining diaeresis for ``ü``), which looks the same."""
    plain = key.isascii()
    if not plain and (hidden := invisible(key)):
        raise InvalidInput(field, f"holds {hidden}; it would look like another key")
    if key[:1].isspace() or key[-1:].isspace():
        raise InvalidInput(field, _padded(key))
    if not plain and not unicodedata.is_normalized("NFC", key):
        raise InvalidInput(field, _decomposed(key))


#: Control characters (C0, DEL, C1): a stray byte in a key, shown as nothing or a box.
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f]")


def _checked_key(value: object, field: str) -> str:
    """``value`` if it can be a key (an id): text within ``MAX_ID_CHARS`` that shows as it
    is (``_visible``, ``_no_control``) and that Excel did not round (``not_rounded``), else
    ``InvalidInput`` naming ``field``. An ASCII id beginning with a letter or digit, as
    nearly every one is, passes all four in one test."""
    if (
        type(value) is str
        and value[:1].isalnum()
        and not value[-1].isspace()
        and len(value) <= MAX_ID_CHARS
        and value.isascii()
        and value.isprintable()  # ASCII's control characters (NUL too) are not
        and "E+" not in value
    ):
        return value
    text = checked_text(value, field, MAX_ID_CHARS)
    _visible(text, field)
    _no_control(text, field)
    not_rounded(text, field)
    return text


def _no_control(key: str, field: str) -> None:
    """A key holds no control character (a stray byte: ``\x01R1``), which most screens
    show as nothing: it would look like another key and open a second case."""
    if (control := _CONTROL.search(key)) is not None:
        raise InvalidInput(
            field,
            f"holds the control character U+{ord(control.group()):04X} at position "
            f"{control.start()}, which most screens show as nothing; it would look like "
            "another key: remove it",
        )


def _decomposed(key: str) -> str:
    """Why ``key``, not in Unicode's composed form (NFC), is refused: the first character
    that composing would change (a combining mark, a Hangul jamo), named with its
    position, and the key it looks like."""
    at = next(i for i in range(len(key)) if not unicodedata.is_normalized("NFC", key[: i + 1]))
    char = key[at]
    return (
        f"is not in Unicode's composed form (NFC): U+{ord(char):04X} "
        f"({unicodedata.name(char, 'a mark')}) at position {at} is written otherwise there; "
        f"it would look like another key, {unicodedata.normalize('NFC', key)!r}: write it so"
    )


def _padded(key: str) -> str:
    """Why ``key``, with white space at its start or end, is refused: the space named with
    its position, and the key it looks like."""
    position = 0 if key[0].isspace() else len(key) - 1
    char = key[position]
    return (
        f"has the white space U+{ord(char):04X} ({unicodedata.name(char, 'a control character')}) "
        f"at position {position}, at its {'start' if position == 0 else 'end'}; it would "
        f"look like another key, {key.strip()!r}: remove it"
    )


def _written_otherwise(name: str, values: Mapping[str, Any]) -> str:
    """What a record missing field ``name`` holds instead under a key that looks like it
    (``\ufefftext``), said after "is required"; ``""`` when none does."""
    # the field's own key, there with no value, looks like nothing else
    key = next(
        (k for k in values if isinstance(k, str) and k != name and _looks_like(k) == name), None
    )
    return "" if key is None else f"; the key {key!r} looks like it but {_hidden(key)}: remove it"


def _lookalike(key: str, known: Collection[str]) -> str:
    """Why the unknown ``key`` is taken for the known field it looks like (a byte order
    mark, a zero-width space or white space about ``text``), naming both; ``""`` when it
    looks like none: the reason would otherwise show the field it is not, unknown."""
    if (shown := _looks_like(key)) not in known:
        return ""
    return f"is not a known field, though it looks like {shown!r}: it {_hidden(key)}; remove it"


def _looks_like(key: str) -> str:
    """``key`` as it shows: without invisible characters and white space about it, composed."""
    shown = "".join(c for c in key if unicodedata.category(c) != "Cf").strip()
    return unicodedata.normalize("NFC", shown)


def _hidden(key: str) -> str:
    """What in ``key`` does not show (``_looks_like`` leaves it out)."""
    if hidden := invisible(key):
        return f"holds {hidden}"
    if key[:1].isspace() or key[-1:].isspace():
        at = 0 if key[:1].isspace() else len(key) - 1
        name = unicodedata.name(key[at], "a control character")
        return f"holds the white space U+{ord(key[at]):04X} ({name}) at position {at}"
    return "is not in Unicode's composed form (NFC)"


def invisible(text: str) -> str:
    """The first invisible format character in ``text`` (a byte order mark, a zero-width
    space), named with its position; ``""`` if there is none."""
    hidden = next((i for i, c in enumerate(text) if unicodedata.category(c) == "Cf"), None)
    if hidden is None:
        return ""
    char = text[hidden]
    return (
        f"the invisible character U+{ord(char):04X} "
        f"({unicodedata.name(char, 'a format character')}) at position {hidden}"
    )


def _one_address(value: str, field: str) -> None:
    """A contact is where one message goes: a list would mail everyone on it."""
    checked_text(value, field, MAX_SUBJECT_CHARS)
    # a separator, each looked for with one memchr (a set or a class walks the text)
    listed = "," in value or ";" in value or "\r" in value or "\n" in value
    if listed or value.count("@") > 1:
        raise InvalidInput(field, f"must be exactly one address (got {value!r})")


def _received(value: datetime, field: str) -> None:
    aware(value, field)
    if value.year not in RECEIVED_YEARS:
        raise InvalidInput(
            field,
            f"{value.isoformat()} is outside the years {RECEIVED_YEARS.start}"
            f" to {RECEIVED_YEARS.stop - 1}",
        )


@attrs.frozen
class Customer:
    """The person complaining. ``tier`` feeds grading and compensation rules."""

    id: str
    name: str | None = None
    contact: str | None = None
    tier: str | None = None
    region: str | None = None

    def __attrs_post_init__(self) -> None:
        # every field checked in field order in one call: a validator each would be a call
        # each, and most optional fields are absent
        _checked_key(self.id, "id")
        if self.name is not None:
            checked_text(self.name, "name", MAX_SUBJECT_CHARS, blank=OPTIONAL)
        if self.contact is not None:
            _one_address(self.contact, "contact")
        if self.tier is not None:
            checked_text(self.tier, "tier", MAX_ID_CHARS, blank=OPTIONAL)
        if self.region is not None:
            checked_text(self.region, "region", MAX_ID_CHARS, blank=OPTIONAL)

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
        if type(data) is dict and "id" in data and data.keys() <= _FIELD_NAMES[Customer][0]:
            # as nearly every customer comes: built as ``Complaint.from_json`` builds its
            # complaint, without ``__init__``'s keyword parsing, and checked the same
            get = data.get
            made = _assemble_customer(
                data["id"], get("name"), get("contact"), get("tier"), get("region")
            )
            try:
                made.__attrs_post_init__()
            except InvalidInput as exc:
                raise InvalidInput(f"{field}.{exc.field}", exc.message) from None
            return made
        return _build(cls, _mapping(data, field), field)

    @classmethod
    def from_stored(cls, data: object) -> Customer:
        """A customer as ``to_json`` stored it, rebuilt without validating it again
        (``complaintkit.model.trusted``)."""
        data = trusted.mapping(data, "customer")
        return _assemble_customer(
            trusted.text(data, "id", "customer."),
            trusted.optional_text(data, "name", "customer."),
            trusted.optional_text(data, "contact", "customer."),
            trusted.optional_text(data, "tier", "customer."),
            trusted.optional_text(data, "region", "customer."),
        )


_assemble_customer = trusted.assembler(Customer)


def _check_amount(value: Money, field: str) -> None:
    """Money a complaint is about: not negative, in whole steps of its currency's minor
    unit (what was paid), and within the bounds JSON intake puts on it
    (``Money.from_json``), so a Complaint built in Python takes no amount intake refuses."""
    if not isinstance(value, Money):
        raise InvalidInput(field, f"must be Money (got {type(value).__name__})")
    check_size(value.amount, f"{field}.amount")
    if value.amount < 0:
        raise InvalidInput(field, f"must not be negative (got {value})")
    if (finer := finer_than_its_units(value)) is not None:
        raise InvalidInput(f"{field}.amount", finer)


def _attributes(value: object) -> dict[str, Any]:
    """Free attributes as plain JSON values every backend stores exactly."""
    named = named_scalars(value, MAX_ATTRIBUTE_ITEMS, MAX_ATTRIBUTE_CHARS)
    if named is not None:  # a few names of text, numbers, true or false: one pass
        return named
    if type(value) is not dict and not isinstance(value, Mapping):
        raise InvalidInput("attributes", f"must be an object (got {json_kind(value)})")
    check_bulk(value, "attributes", MAX_ATTRIBUTE_ITEMS, MAX_ATTRIBUTE_CHARS)
    result: dict[str, Any] = plain(value, "attributes")
    if any(map(shows_nothing, result)):
        raise InvalidInput(
            "attributes", "holds an attribute with no name (a blank key); name it or leave it out"
        )
    for name in result:  # an invisible character: it looks like another name, read by none
        _visible(name, f"attributes.{name}")
    return result


def _recorded_after_receipt(value: Recorded, received_at: datetime, field: str) -> None:
    """The record's texts within the limits of the fields they become (the owner is the
    actor of the recorded moves), and its instants after receipt, in order, in range."""
    for name, limit in _RECORDED_TEXTS:
        if (text := getattr(value, name)) is not None:
            checked_text(text, f"{field}.{name}", limit)
    for metric in value.sla:
        if not metric.strip() or len(metric) > MAX_ID_CHARS:
            raise InvalidInput(
                f"{field}.sla",
                f"{metric[:40]!r} is not a metric name: 1 to {MAX_ID_CHARS} characters, not blank",
            )
    value.check_after(received_at, field)
    for name in INSTANTS:
        if (at := getattr(value, name)) is not None:
            _received(at, f"{field}.{name}")


@attrs.frozen
class Complaint:
    """One complaint as received on a channel; ``(channel, external_id)`` is its identity."""

    channel: str
    external_id: str
    received_at: datetime
    customer: Customer
    text: str
    subject: str = ""
    product: str | None = None
    order_id: str | None = None
    amount: Money | None = None
    language: str | None = None
    attributes: Mapping[str, Any] = attrs.field(factory=dict, converter=_attributes)
    #: What another system already did with it, when it comes in by a history import.
    history: Recorded | None = None

    def __attrs_post_init__(self) -> None:
        # every field checked in field order in one call (see Customer)
        checked_text(self.channel, "channel", MAX_ID_CHARS)
        _checked_key(self.external_id, "external_id")
        _received(self.received_at, "received_at")
        if not isinstance(self.customer, Customer):
            raise InvalidInput(
                "customer", f"must be a Customer (got {type(self.customer).__name__})"
            )
        checked_text(self.text, "text", MAX_TEXT_CHARS)
        checked_text(self.subject, "subject", MAX_SUBJECT_CHARS, required=False)
        if self.product is not None:
            checked_text(self.product, "product", MAX_ID_CHARS, blank=OPTIONAL)
        if self.order_id is not None:
            checked_text(self.order_id, "order_id", MAX_ID_CHARS, blank=OPTIONAL)
        if self.amount is not None:
            _check_amount(self.amount, "amount")
        if self.language is not None:
            checked_text(self.language, "language", 16, blank=OPTIONAL)
        if self.history is not None:
            _recorded_after_receipt(self.history, self.received_at, "history")

    @property
    def key(self) -> tuple[str, str]:
        """The idempotency key: the same key taken in twice is the same complaint."""
        return (self.channel, self.external_id)

    def to_json(self) -> dict[str, Any]:
        # written three times per complaint taken in (its opening event, its case, the
        # record conditions read): no getattr loop, and the receipt's text remembered
        data: dict[str, Any] = {
            "channel": self.channel,
            "external_id": self.external_id,
            "received_at": iso_text(self.received_at),
            "customer": self.customer.to_json(),
            "subject": self.subject,
            "text": self.text,
        }
        if self.product is not None:
            data["product"] = self.product
        if self.order_id is not None:
            data["order_id"] = self.order_id
        if self.language is not None:
            data["language"] = self.language
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
        known = values.keys() <= _FIELD_NAMES[Complaint][0]
        if not known:  # an unknown key: nearly none has
            _misspelt_first(values, prefix)
        for required in ("channel", "external_id", "received_at", "customer", "text"):
            # a value that is there is truthy: the comparisons are left to the rest
            if not (value := values.get(required)) and value in (None, ""):
                raise InvalidInput(
                    prefix + required, "is required" + _written_otherwise(required, values)
                )
        values["received_at"] = parse_instant(values["received_at"], prefix + "received_at")
        values["customer"] = Customer.from_json(values["customer"], prefix + "customer")
        if values.get("amount") is not None:
            values["amount"] = Money.from_json(values["amount"], prefix + "amount")
        if values.get("history") is not None:
            values["history"] = Recorded.from_json(values["history"], prefix + "history")
        if not known:  # refused by ``_build``, naming the key
            return _build(cls, values, field)
        try:
            return _assembled(values)
        except InvalidInput as exc:
            raise InvalidInput(prefix + exc.field, exc.message) from None

    @classmethod
    def from_stored(cls, data: object) -> Complaint:
        """A complaint as ``to_json`` stored it, validated when it was taken in: rebuilt
        without validating it again (``complaintkit.model.trusted``), so a value today's
        limits refuse still loads."""
        data = trusted.mapping(data, "complaint")
        amount, history = data.get("amount"), data.get("history")
        return _assemble_complaint(
            trusted.text(data, "channel"),
            trusted.text(data, "external_id"),
            trusted.instant(data["received_at"], "received_at"),
            Customer.from_stored(data["customer"]),
            trusted.text(data, "text"),
            trusted.text(data, "subject", default=""),
            trusted.optional_text(data, "product"),
            trusted.optional_text(data, "order_id"),
            None if amount is None else _stored_money(trusted.mapping(amount, "amount")),
            trusted.optional_text(data, "language"),
            trusted.mapping(data.get("attributes", {}), "attributes"),
            None if history is None else Recorded.from_json(history),
        )


_assemble_complaint = trusted.assembler(Complaint)


def _assembled(values: Mapping[str, Any]) -> Complaint:
    """``Complaint(**values)``, every key a field and every field it requires given, without
    ``__init__``'s keyword parsing (a complaint is built for every one taken in); its one
    converter (``attributes``) runs as ``__init__`` runs it, on the default too."""
    get = values.get
    made = _assemble_complaint(
        values["channel"],
        values["external_id"],
        values["received_at"],
        values["customer"],
        values["text"],
        get("subject", ""),
        get("product"),
        get("order_id"),
        get("amount"),
        get("language"),
        _attributes(get("attributes", {})),
        get("history"),
    )
    made.__attrs_post_init__()
    return made


def _stored_money(data: Mapping[str, Any]) -> Money:
    """Money as ``to_json`` stored it: the currency and amount Money itself requires, not
    the bounds on an amount taken in (``Money.from_json``)."""
    return Money(trusted.text(data, "amount", "amount."), trusted.text(data, "currency", "amount."))


def _mapping(data: object, field: str) -> Mapping[str, Any]:
    if type(data) is not dict and not isinstance(data, Mapping):  # dict: no ABC check
        raise InvalidInput(field, f"must be an object (got {json_kind(data)})")
    return data


def _field_names(cls: type) -> tuple[frozenset[str], tuple[str, ...]]:
    """The fields of ``cls`` and, in order, those it requires (no default)."""
    fields = attrs.fields(cls)
    required = tuple(f.name for f in fields if f.default is attrs.NOTHING)
    return frozenset(f.name for f in fields), required


#: ``_field_names`` of the classes ``_build`` builds: asked for every complaint read, so
#: worked out once.
_FIELD_NAMES: Final[dict[type, tuple[frozenset[str], tuple[str, ...]]]] = {
    cls: _field_names(cls) for cls in (Customer, Complaint)
}


#: Longer keys are no field's name misspelt (a key of a megabyte is not compared).
_LONGEST_SLIP = 64


def _misspelt_first(values: Mapping[str, Any], prefix: str) -> None:
    """Refuse a key that misspells a field the complaint lacks (``txt`` for ``text``), by
    the key written: "text: is required" sent its author looking for a text that is there."""
    known = _FIELD_NAMES[Complaint][0]
    for key in sorted(str(k) for k in values.keys() - known if len(str(k)) <= _LONGEST_SLIP):
        chinese = CHINESE_FIELD_WORDS.get(key)  # a Chinese sheet's column: 内容 for text
        meant = [chinese] if chinese in known else close_matches(key, sorted(known), n=1)
        if meant and values.get(meant[0]) in (None, ""):  # the invisible character, if any
            why = _lookalike(key, known) or f"is not a known field: did you mean {meant[0]}?"
            raise InvalidInput(prefix + key, why)


def _build(cls: type[T], values: Mapping[str, Any], field: str) -> T:
    known, required = _FIELD_NAMES[cls]
    if not values.keys() <= known:
        unknown = sorted(values.keys() - known)
        listed = f"is not a known field; known fields: {', '.join(sorted(known))}"
        key, why = next(
            ((key, why) for key in unknown if (why := _lookalike(key, known))),
            (unknown[0], listed),
        )
        raise InvalidInput(f"{field}.{key}" if field else key, why)
    try:
        return cls(**values)
    except InvalidInput as exc:
        raise InvalidInput(f"{field}.{exc.field}" if field else exc.field, exc.message) from None
    except TypeError as exc:  # a field missing: named, not Python's "__init__() missing 1 …"
        missing = next((name for name in required if name not in values), None)
        if missing is not None:
            raise InvalidInput(f"{field}.{missing}" if field else missing, "is required") from None
        raise InvalidInput(field or cls.__name__, str(exc)) from None
