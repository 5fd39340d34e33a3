"""What each ``expect`` key and each step action's value must look like.

A value of the wrong shape must be an error at its line when the file is read: compared
as it stands it would crash the run (``deadlines: [first_response]``), compare characters
(``tags: food_safety`` is not ``[food_safety]``), check nothing (``compensation: {totl: 5}``)
or mean the opposite of what it says (``close: false`` closed the case).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from complaintkit.compensation.factor_hints import written_money
from complaintkit.errors import InvalidInput
from complaintkit.model.case import FISHBONE_CATEGORIES, NATURES
from complaintkit.model.complaint import parse_instant
from complaintkit.model.custom_events import NAME as EVENT_NAME
from complaintkit.model.jsonvalues import JsonNumber
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import MINOR_UNITS, points_grouping
from complaintkit.policy.as_written import as_written
from complaintkit.policy.gates import STEPS
from complaintkit.policy.key_hints import meant_key, unknown_key_hint
from complaintkit.policy.meant_values import meant_id
from complaintkit.sla.durations import parse_duration

#: (path below the checked value, message, hint); "" is the value itself.
Found = tuple[str, str, str]

_TEXT: Final = ("category", "severity", "priority", "team", "owner", "status")
_LISTS: Final = ("tags", "tags_include", "escalations", "refused")
_COMPENSATION: Final = ("total", "remedies", "approvals_needed", "rows", "needs")
_REMEDY: Final = ("kind", "amount")
#: What a ``root_cause`` step records; a key beside these was left out of the analysis.
_ROOT_CAUSE: Final = ("fishbone", "whys", "nature", "impact", "improvements")
#: Actions whose value is text (a message, a status, an owner, an event kind).
_TEXT_ACTIONS: Final = (
    "respond",
    "update",
    "note",
    "transition",
    "resolve",
    "reopen",
    "assign",
    "record",
)
#: Expectations that compare nothing when empty (``tags: []`` does: no tags), and what to write.
_EMPTY_CHECKS_NOTHING: Final = {
    "tags_include": "write tags: [] to expect no tags",
    "deadlines": "name a clock: {first_response: 2h}",
    "compensation": "name what to compare: total, remedies, approvals_needed, rows or needs",
}
_TRUE_ACTIONS: Final = ("tick", "propose_compensation")
_TRUE_OR_TEXT: Final = ("close", "follow_up_refused")
_STATUSES: Final = tuple(s.value for s in Status)
_PAID_HINT: Final = "amounts are paid in the currency's minor units: write it rounded as paid"
_GROUPING_HINT: Final = "write it with no separator between its thousands"


def _kind(value: object) -> str:
    """A value's kind in the words of a YAML author."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a list" if isinstance(value, list) else "text"


def _shown(value: object) -> str:
    """A value as YAML would read it back (``false``, not Python's ``False``)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _texts(value: object, what: str) -> Iterator[Found]:
    if not isinstance(value, list):
        hint = f"write [{value}]" if isinstance(value, str) else "write a list: [a, b]"
        yield "", f"{what} must be a list (got {_kind(value)})", hint
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            yield f"[{i}]", f"{what} lists text (got {_shown(item)})", "quote it"


def _id_hint(key: str, value: object) -> str:
    """What to write for an id expected as a number, a list or a mapping: a number quoted,
    one id of a list written alone, else one id."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return f"write one id: {key}: {value[0]}"
    if isinstance(value, (list, Mapping)):
        return f"write one id: {key}: <id>"
    return f'quote it: {key}: "{_shown(value).strip(chr(34))}"'


def _amount(value: object) -> bool:
    """An expected amount, ``15.00 CNY``, in ASCII digits as every amount (``not_ascii``),
    without the ``_`` only ``Decimal`` reads as a digit separator (``22_00`` is no 22.00)."""
    if isinstance(value, bool) or not str(value).isascii() or "_" in str(value):
        return False
    try:
        number = Decimal(str(value).strip().partition(" ")[0])
    except InvalidOperation:
        return False
    return number.is_finite()  # NaN or Infinity equals no decided amount


def _finer_than_paid(value: object, currency: str = "") -> str | None:
    """Why an expected amount can never match, when it has more places than its currency
    pays (``2020.001 CNY``; ``12.345`` when ``currency``, the policy's, is CNY): a decided
    amount is always in the currency's minor units. Facts are not held to this: a price of
    33.335 is an input a formula may take."""
    number, _, written = str(value).strip().partition(" ")
    code = written.strip().upper() or currency
    places = MINOR_UNITS.get(code)
    if places is None:
        return None
    try:
        amount = Decimal(number)
        exact = amount == amount.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # more digits than a quantized amount can hold
        return None
    if exact:
        return None
    paid = code if written.strip() else f"{code}, the policy's currency,"
    return f"{as_written(str(value))} has more places than {paid} pays ({places})"


def _unpayable(value: object, what: str, currency: str = "") -> tuple[str, str] | None:
    """Why an expected amount compares wrong, and a hint: a point before three digits in a
    currency with no minor unit (``1.000 JPY``, which groups thousands where it is written
    so and compared as 1 JPY let a policy paying 1 yen pass), or more places than its
    currency pays (``_finer_than_paid``), which no decided ``what`` can match."""
    text = value.text if isinstance(value, JsonNumber) else str(value)
    number, _, written = text.strip().partition(" ")
    if (ambiguous := points_grouping(number, written.strip().upper() or currency)) is not None:
        return ambiguous, _GROUPING_HINT
    never = _finer_than_paid(value, currency)
    return None if never is None else (f"{never}: no decided {what} can match it", _PAID_HINT)


def unpriced_amounts(expect: Mapping[str, Any], currency: str) -> Iterator[Found]:
    """Amounts ``expect`` compares without a currency that have more places than
    ``currency``, the policy's, pays: known only once the policy is, so checked then."""
    compensation = expect.get("compensation")
    if not isinstance(compensation, Mapping):
        return
    total = compensation.get("total")
    if _amount(total) and (wrong := _unpayable(total, "total", currency)):
        yield ".compensation.total", *wrong
    remedies = compensation.get("remedies")
    for i, item in enumerate(remedies if isinstance(remedies, list) else []):
        amount = item.get("amount") if isinstance(item, Mapping) else str(item).partition(" ")[2]
        if amount not in (None, "") and (wrong := _unpayable(amount, "remedy", currency)):
            yield f".compensation.remedies[{i}]", *wrong


def _compensation(value: object) -> Iterator[Found]:
    if not isinstance(value, Mapping):
        yield "", f"compensation must be a mapping (got {_kind(value)})", ", ".join(_COMPENSATION)
        return
    for key, want in value.items():
        if key not in _COMPENSATION:
            yield f".{key}", f"unknown key {key!r}", unknown_key_hint(key, _COMPENSATION)
        elif key == "total" and not _amount(want):
            yield (
                ".total",
                f"expected an amount like '15.00 CNY' (got {_shown(want)})",
                _money_hint("", want) or "write the amount and its currency, e.g. total: 15.00 CNY",
            )
        elif key == "total" and (wrong := _unpayable(want, "total")):
            yield ".total", *wrong
        elif key == "remedies":
            yield from ((f".remedies{p}", m, h) for p, m, h in _remedies(want))
        elif key != "total":
            yield from ((f".{key}{p}", m, h) for p, m, h in _texts(want, key))


def _money_hint(before: str, written: object) -> str:
    """``write '119 CNY'`` for money written as the SOP writes it (``119元``, ``￥119``)."""
    money = written_money(written)
    if money is None or money[1] in ("", "%"):
        return ""
    return f"write '{before}{money[0]} {money[1]}'"


def _remedies(value: object) -> Iterator[Found]:
    if not isinstance(value, list):
        yield "", f"remedies must be a list (got {_kind(value)})", "write [refund 15.00 CNY]"
        return
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            for key in item:  # a misspelt amount compared the kind alone
                if key not in _REMEDY:
                    yield f"[{i}].{key}", f"unknown key {key!r}", unknown_key_hint(key, _REMEDY)
            amount = item.get("amount")
            if not isinstance(item.get("kind"), str) or not (amount is None or _amount(amount)):
                yield (
                    f"[{i}]",
                    "a remedy is {kind: text, amount: an amount}",
                    "write {kind: refund, amount: 15.00 CNY}, or refund 15.00 CNY",
                )
        elif not isinstance(item, str) or not _amount(item.partition(" ")[2] or 0):
            kind, _, amount = str(item).partition(" ")
            yield (
                f"[{i}]",
                f"expected a remedy like 'refund 15.00 CNY' (got {_shown(item)})",
                _money_hint(f"{kind} " if isinstance(item, str) else "", amount),
            )
        elif wrong := _unpayable(item.partition(" ")[2], "remedy"):
            yield f"[{i}]", *wrong


def expect_value(key: str, value: object) -> Iterator[Found]:
    """Problems with the value of ``expect``'s ``key``."""
    if key in _EMPTY_CHECKS_NOTHING and value in ([], {}):
        yield "", f"{key}: {_shown(value)} checks nothing", _EMPTY_CHECKS_NOTHING[key]
    elif key in _TEXT and not (value is None or isinstance(value, str)):
        yield "", f"{key} is an id, text (got {_shown(value)})", _id_hint(key, value)
    elif key == "status" and isinstance(value, str) and value not in _STATUSES:
        yield "", f"{value!r} is not a case status", _no_status_hint(value, key)
    elif key in _LISTS:
        yield from _texts(value, key)
        if key == "refused" and isinstance(value, list):
            yield from _gate_steps(value)
    elif key == "escalation_level" and (
        isinstance(value, bool) or not isinstance(value, int) or value < 0
    ):
        yield "", f"escalation_level is a whole number from 0 (got {_shown(value)})", ""
    elif key == "deadlines":
        yield from _deadlines(value)
    elif key == "compensation":
        yield from _compensation(value)


def _deadlines(value: object) -> Iterator[Found]:
    if not isinstance(value, Mapping):
        yield "", f"deadlines must be a mapping (got {_kind(value)})", "write {first_response: 2h}"
        return
    for metric, due in value.items():
        if not (due is None or isinstance(due, (str, datetime))):
            yield (
                f".{metric}",
                f"a deadline is a duration or an ISO instant (got {_shown(due)})",
                "write 2h, 3 business days or 2026-11-24T09:00:00+08:00",
            )
        elif problem := _unreadable_deadline(due) if isinstance(due, str) else _naive(due):
            yield f".{metric}", problem, "write 2h, 3 business days or 2026-11-24T09:00:00+08:00"


def _naive(due: object) -> str:
    """Why an instant YAML read unquoted (``2026-11-24 09:00:00``) cannot be compared, or
    ``""``: one without an offset is refused as the same text quoted is."""
    if isinstance(due, datetime) and due.tzinfo is None:
        return _unreadable_deadline(due.isoformat())
    return ""


def is_instant_text(text: str) -> bool:
    """Whether an expected deadline is written as an instant (or ``none``), not a duration."""
    stripped = text.strip()
    return stripped.lower() == "none" or (
        stripped[:1].isdigit() and ("T" in stripped or stripped.count("-") >= 2)
    )


def _unreadable_deadline(text: str) -> str:
    """Why an expected deadline cannot be read, or ``""``: read only when compared, it
    ended the test with an error at the line of its last step."""
    try:
        if text.strip().lower() == "none":
            return ""
        if is_instant_text(text):
            parse_instant(text, "deadline")
        else:
            parse_duration(text)
    except InvalidInput as exc:
        return exc.message
    return ""


def action_value(action: str, value: Any) -> Iterator[Found]:
    """Problems with a step's ``action: value``."""
    if action in _TEXT_ACTIONS and not isinstance(value, str):
        yield "", f"{action} takes text (got {_shown(value)})", "quote it"
    elif action == "transition" and value not in _STATUSES:
        yield "", f"{value!r} is not a case status", _no_status_hint(value)
    elif action in _TRUE_ACTIONS and value is not True:
        yield "", f"{action} takes true (got {_shown(value)})", "leave the step out to skip it"
    elif action in _TRUE_OR_TEXT and not (value is True or isinstance(value, str)):
        yield "", f"{action} takes true or the reason (got {_shown(value)})", "leave the step out"
    elif action == "follow_up" and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5
    ):
        yield (
            "",
            f"follow_up is a satisfaction score, a whole number 1 to 5 (got {_shown(value)})",
            "",
        )
    elif action == "root_cause":
        yield from _root_cause(value)


def _gate_steps(value: list[object]) -> Iterator[Found]:
    """Each ``refused`` item that no gate can require (根因, a typo), with the step meant."""
    for i, item in enumerate(value):
        if isinstance(item, str) and item not in STEPS:
            meant = meant_id(item, STEPS)
            close = meant_key(item, STEPS)
            listed = f"steps: {', '.join(STEPS)}"
            hint = f"write {meant}; {listed}" if meant else listed
            yield (
                f"[{i}]",
                f"{item!r} is no step a gate requires",
                f"did you mean {close!r}? {listed}" if close and not meant else hint,
            )


def _no_status_hint(value: str, key: str = "transition") -> str:
    """The status a typo or the SOP's word meant (已解决: ``resolved``); else, for a step,
    the ``record:`` step, for an event the SOP names (上门, a site visit, is no status the
    case moves to)."""
    statuses = f"statuses: {', '.join(_STATUSES)}"
    if (named := meant_id(value, _STATUSES)) is not None:
        return f"write {key}: {named} (an id; the Chinese word is not read); {statuses}"
    meant = meant_key(value, _STATUSES)
    if meant is not None:
        return f"did you mean {meant!r}? {statuses}"
    if key != "transition":
        return statuses
    event = value if EVENT_NAME.match(value) else "<event>"
    return (
        f"to record an event your SOP names, write record: {event} (lower-case ASCII words "
        f"joined by _, e.g. record: site_visit for 上门); {statuses}"
    )


def text_value(what: str, value: object) -> Iterator[Found]:
    """Problems with a value that must be text (a step's actor, a test's name): YAML reads
    ``null``, ``no`` and ``2024`` as no text, and ``str()`` made them 'None', 'False'."""
    if not isinstance(value, str):
        yield "", f"{what} is text (got {_shown(value)})", "quote it"


def _root_cause(value: object) -> Iterator[Found]:
    if not isinstance(value, Mapping):
        yield "", f"root_cause must be a mapping (got {_kind(value)})", "{fishbone, whys, nature}"
        return
    for key in value:
        if key not in _ROOT_CAUSE:
            yield f".{key}", f"unknown key {key!r}", unknown_key_hint(key, _ROOT_CAUSE)
    if "impact" in value:
        yield from ((".impact", m, h) for _, m, h in text_value("impact", value["impact"]))
    for key, allowed in (("fishbone", FISHBONE_CATEGORIES), ("nature", NATURES)):
        if value.get(key) not in allowed:
            yield (
                f".{key}",
                f"{key} is one of {', '.join(allowed)} (got {_shown(value.get(key))})",
                "",
            )
    whys = value.get("whys")
    if not isinstance(whys, list) or not 1 <= len(whys) <= 5:
        yield ".whys", f"whys lists 1 to 5 answers to 'why?' (got {_shown(whys)})", ""
    for key in ("whys", "improvements"):
        if key in value:
            yield from ((f".{key}{p}", m, h) for p, m, h in _texts(value[key], key))
