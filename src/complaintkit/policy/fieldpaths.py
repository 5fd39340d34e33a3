"""The record's field paths, so a misspelt one is an error and not a rule that never fires.

Conditions read ``complaint.*``, ``customer.*`` and ``case.*`` from the record the Desk
builds, and any other top-level name as a supplied fact (:mod:`complaintkit.policy.supplied`).
The record's own fields are known, so ``case.categroy`` or ``complaint.txet`` is reported
with the closest real name; below ``attributes`` anything goes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

import attrs

from complaintkit.model.case import Case
from complaintkit.model.chinese_field_words import CHINESE_FIELD_WORDS
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.policy.as_written import as_written
from complaintkit.policy.ascii_numbers import full_width_equality, in_ascii_digits
from complaintkit.policy.chinese_numerals import numbers_in_words
from complaintkit.policy.key_hints import unknown_key_hint
from complaintkit.policy.numeric_text import number_in_text
from complaintkit.policy.typos import close_matches

#: Field names under each record root; ``attributes`` (and its children) are free-form.
RECORD_FIELDS: Final[dict[str, frozenset[str]]] = {
    "complaint": frozenset({f.name for f in attrs.fields(Complaint)} - {"customer"} | {"currency"}),
    "customer": frozenset(f.name for f in attrs.fields(Customer)),
    # what :func:`~complaintkit.policy.case_record.case_record` writes: ``case.channel`` and
    # ``case.complaints`` (a count) are what SLA conditions read
    "case": frozenset(
        {
            "id",
            "category",
            "severity",
            "priority",
            "tags",
            "escalation_level",
            "status",
            "team",
            "owner",
            "channel",
            "complaints",
            "policy_version",
            "attributes",
            "events",
        }
    ),
}
#: Case fields the record leaves out (times, the resolution, clocks…): no condition reads them.
_UNREAD: Final = frozenset(f.name for f in attrs.fields(Case)) - RECORD_FIELDS["case"]
_OPEN: Final = frozenset({"attributes", "events"})


#: Record fields that are never text, and what they are: a text operator never matches them.
NOT_TEXT: Final[dict[str, str]] = {
    "complaint.amount": "a number (the amount without its currency)",
    "complaint.received_at": "a date and time",
}
#: Record fields in which keywords are never found: numbers, a time, and the list of tag ids.
_NO_TEXT: Final = {
    **NOT_TEXT,
    "case.complaints": "a number (how many complaints the case holds)",
    "case.escalation_level": "a number (the escalation level)",
    "case.tags": "a list of tag ids (ask for one with {field: case.tags, contains: <tag>})",
}
#: Record fields holding text (``case.tags``: a list of it), in which no number is contained.
_TEXT_OR_TAGS: Final = (
    frozenset(f"{root}.{name}" for root, names in RECORD_FIELDS.items() for name in names)
    - {*NOT_TEXT, "case.complaints", "case.escalation_level"}
    - {f"{root}.{name}" for root in RECORD_FIELDS for name in _OPEN}
    - {"complaint.history"}
)
#: Record fields holding a date and time, and the built-in operators comparing with a literal.
INSTANTS: Final = frozenset({"complaint.received_at"})
COMPARING: Final = frozenset({"==", "!=", "<", "<=", ">", ">=", "between", "in", "not in"})
#: Built-in operators that test text (``contains`` tests lists too, but these are no list).
TEXT_OPERATORS: Final = frozenset({"regex", "contains"})
#: Built-in operators asking whether a field is one of the literals given.
EQUALITY: Final = frozenset({"==", "!=", "in", "not in"})


def operator_mismatch(
    path: str, operator: str, argument: object = None, *, yaml: bool = True
) -> tuple[str, str] | None:
    """``(message, hint)`` when ``operator`` tests text and ``path`` is never text, or
    compares with a literal and ``path`` is an instant, or asks whether a record field is
    true or false (YAML 1.1 reads a bare ``NO`` or ``on`` so), or with a number, true, false
    or null typed in full-width digits or letters (text to YAML), so the condition could never match (or, with
    ``!=``, always would). ``yaml`` says the policy is YAML, which may have read text so."""
    if operator in EQUALITY and unopen_record_field(path) and _names_a_boolean(argument):
        return (
            f"{operator!r} compares {path} with true or false, which it never is",
            "YAML reads bare yes, no, on and off (in any case) as true and false: "
            'quote text, e.g. in: [CN, "NO"]'
            if yaml
            else 'compare with text, in double quotes, e.g. ["CN", "NO"]',
        )
    typed = None
    if operator in EQUALITY:
        typed = full_width_equality(operator, path, argument, never_true=unopen_record_field(path))
    not_a_value = (
        _money_on_the_record(path, operator)
        or _tags_or_count(path, operator, argument)
        or typed
        or (_text_for_a_number(path, operator, argument) if operator in EQUALITY else None)
    )
    if not_a_value is not None:
        return not_a_value
    if path in INSTANTS and operator in COMPARING:
        return (
            f"{operator!r} compares with a number or text, but {path} is a date and time, "
            "which none equals or orders with",
            "SLA targets and business calendars handle time; exists: true asks whether it is there",
        )
    if operator == "contains" and path in _TEXT_OR_TAGS and _is_number(argument):
        return (
            f"'contains' looks for the number {argument} in {path}, which holds text, "
            "so this never matches",
            f'YAML reads unquoted digits as a number: quote them, contains: "{argument}"'
            if yaml
            else f'write the digits as text, in double quotes: "{argument}"',
        )
    kind = NOT_TEXT.get(path)
    if kind is None or operator not in TEXT_OPERATORS:
        return None
    hint = (
        "compare it with ==, <, >, between or in"
        if path == "complaint.amount"
        else "SLA and calendar rules handle time; match text fields such as complaint.text"
    )
    return f"{operator!r} tests text, but {path} is {kind}, so this never matches", hint


#: Record fields holding a number, which no text but a number's equals.
_NUMBERS: Final = frozenset({"complaint.amount", "case.complaints", "case.escalation_level"})


def _text_for_a_number(path: str, operator: str, argument: object) -> tuple[str, str] | None:
    """``(message, hint)`` when an equality asks whether a field holding a number is text
    that is no number (``==: 五百``), which it never is."""
    items = argument if isinstance(argument, list) else [argument]
    words = [i for i in items if isinstance(i, str) and number_in_text(i) is None]
    if path not in _NUMBERS or not words:
        return None
    number = numbers_in_words(argument)
    hint = f"write '{operator}': {number}, " + (
        "bare numbers in ASCII digits"
        if isinstance(argument, list)
        else "a bare number in ASCII digits"
    )
    if number is None and isinstance(argument, list):
        hint = in_ascii_digits(operator, argument) or (
            f"write '{operator}': followed by a list of bare numbers"
        )
    elif number is None:
        hint = f"write '{operator}': followed by a bare number"
    return (
        f"{operator!r} compares {path}, {_NO_TEXT[path]}, with {as_written(words[0])}, "
        "text no number equals, so this never matches",
        hint,
    )


def _tags_or_count(path: str, operator: str, argument: object) -> tuple[str, str] | None:
    """``(message, hint)`` when ``operator`` compares the tag list as one value, or tests a
    history count as text."""
    if path == "case.tags" and operator in COMPARING:
        return (
            f"{operator!r} compares case.tags, the list of the case's tags, as one value "
            f"with {as_written(argument)}: it does not ask whether the case has a tag",
            "for one tag write contains: <tag> (inside not: {...} for its absence); for any "
            "of several, any: [{field: case.tags, contains: a}, {field: case.tags, contains: b}]",
        )
    if path.startswith("history.") and operator in TEXT_OPERATORS:
        return (
            f"{operator!r} tests text, but {path} is a number (a count of complaints), "
            "so this never matches",
            "compare it with ==, <, >, between or in",
        )
    return None


def keyword_field_mismatch(path: str) -> tuple[str, str] | None:
    """``(message, hint)`` when keywords sought in ``path`` could never be found: it holds
    no text."""
    kind = _NO_TEXT.get(path)
    if kind is None:
        return None
    return (
        f"keywords are sought in text, but {path} is {kind}, so they are never found there",
        "list fields holding text, such as complaint.subject and complaint.text",
    )


#: The record's text fields by name, for a keyword field written without its root
#: (``text``): the complaint's first, then the customer's, then the case's.
_TEXT_BY_NAME: Final = {
    name: [f"{root}.{name}" for root in RECORD_FIELDS if f"{root}.{name}" in _TEXT_OR_TAGS]
    for name in sorted({path.split(".", 1)[1] for path in _TEXT_OR_TAGS - {"case.tags"}})
}


def bare_text_field(path: str) -> tuple[str, str] | None:
    """``(message, hint)`` when a keyword field without a dot spells, or is a slip from,
    a text field of the record (``text``, ``txet``): it would be read as a supplied fact
    of that name, which holds none of the complaint's words."""
    if "." in path:
        return None
    meant = close_matches(path, _TEXT_BY_NAME, n=1, cutoff=0.85)
    if not meant:
        return None
    return (
        f"{path!r} is no field of the record: a name without a dot is a supplied fact, "
        "so the keywords would be sought in a fact of that name",
        f"did you mean {' or '.join(_TEXT_BY_NAME[meant[0]])}?",
    )


def unknown_field(path: str) -> tuple[str, str] | None:
    """``(message, hint)`` when ``path`` names a record field that does not exist."""
    root, _, rest = path.partition(".")
    fields = RECORD_FIELDS.get(root)
    if fields is None:
        return None  # a supplied fact: the policy names it, the caller provides it
    name = rest.split(".", 1)[0]
    if not name:
        return (f"{path!r} names the whole {root}; name one of its fields", _known(root, fields))
    if name in fields:
        if "." in rest and name not in _OPEN:
            return (f"{root}.{name} has no fields below it (got {path!r})", _known(root, fields))
        return None
    if root == "case" and name in _UNREAD:
        return (
            f"conditions cannot read case.{name}: the record they read does not hold it",
            _known(root, fields),
        )
    close = close_matches(name, sorted(fields), n=1, cutoff=0.6)
    hint = f"did you mean {root}.{close[0]}?" if close else _known(root, fields)
    return (f"unknown field {path!r}", hint)


_SEPARATORS: Final = re.compile(r"[.\uff0e\u3002\s/\-]+")  # full-width and ideographic stops too


def bad_path(raw: object) -> tuple[str, str]:
    """``(message, hint)`` for a ``field`` that is no dotted path: the fields a condition
    reads, led by the one meant (投诉.金额 → complaint.amount, complaint-amount too)."""
    message = f"'field' must be a dotted path such as complaint.amount (got {as_written(raw)})"
    readable = [f"{root}.{name}" for root, names in RECORD_FIELDS.items() for name in names]
    words = _SEPARATORS.split(raw.strip(" .")) if isinstance(raw, str) else []
    meant = ".".join(CHINESE_FIELD_WORDS.get(word, word) for word in words if word)
    supplied = (
        "; or a supplied fact, named in ASCII letters, digits and _ (fraud, flight.distance_km)"
    )
    return message, unknown_key_hint(meant, readable) + supplied


def _known(root: str, fields: frozenset[str]) -> str:
    return f"{root} fields: {', '.join(sorted(fields))}"


def unopen_record_field(path: str) -> bool:
    """Whether ``path`` is a field of the record itself, whose kind of value is known (none
    of them true or false, only ``complaint.received_at`` a date), not one below
    ``attributes`` or a supplied fact, which may hold anything."""
    root, _, rest = path.partition(".")
    return root in RECORD_FIELDS and rest.split(".", 1)[0] not in _OPEN


def _money_on_the_record(path: str, operator: str) -> tuple[str, str] | None:
    """``money:`` on a field of the record, which never holds money written so."""
    if operator != "money" or not unopen_record_field(path):
        return None
    return (
        f"'money' asks whether a supplied fact or attribute is written as money; {path} "
        "never is (complaint.amount is its number, in complaint.currency)",
        f"ask whether it is there with exists: true, e.g. {{field: {path}, exists: true}}",
    )


def _is_number(argument: object) -> bool:
    return isinstance(argument, int | float | Decimal) and not isinstance(argument, bool)


def _names_a_boolean(argument: object) -> bool:
    items = argument if isinstance(argument, list | tuple) else [argument]
    return any(isinstance(item, bool) for item in items)
