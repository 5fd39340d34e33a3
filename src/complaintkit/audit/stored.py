"""Reading stored rows: checked for the audit, trusted for everyday work.

``stored_event`` checks an event row's fields and ``stored_case`` reads a case row as
stored (not as new input: a limit tightened since is not damage); both name each problem in
a ``ValueError`` (the audit lists them as findings). ``read_event`` and ``read_case`` are
what storage backends load rows with: they trust the row's values, validated when it was
written (``Case.from_stored``), and when a row is too broken to build raise
``DamagedRecord`` naming the record and the problem instead of a decoder's traceback.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from complaintkit.audit.sql_text import NOT_TEXT, read_json, sql_parsed
from complaintkit.errors import ComplaintkitError, DamagedRecord
from complaintkit.model.audit import holds_another
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent

_EVENT_FIELDS: tuple[tuple[str, type], ...] = (
    ("case_id", str),
    ("seq", int),
    ("kind", str),
    ("at", str),
    ("actor", str),
    ("prev_hash", str),
    ("hash", str),
)
#: Every key an event is stored with: its hash covers these alone, so another is no history.
_EVENT_KEYS = frozenset(name for name, _ in _EVENT_FIELDS) | {"reason", "data"}


class JsonString(str):
    """A stored body that is a JSON string value (jsonb ``"{…}"``), as a jsonb backend's
    driver hands it over: text, yet no JSON text to parse. Holding an event's JSON, it
    would read as the event while SQL reads no field of it (``body ->> 'kind'`` is null)."""


def json_object(body: object) -> dict[str, Any]:
    """``body`` as a dict: backends keeping text hand over text, jsonb backends parsed JSON.
    Bytes are read as the UTF-8 complaintkit writes; others are named so, not guessed at
    (a JSON decoder reads a leading 0xFF 0xFE as UTF-16)."""
    if isinstance(body, JsonString):
        raise ValueError("not a JSON object (got a JSON string)")
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(NOT_TEXT) from None
    data = body
    if isinstance(body, str | bytes):
        try:
            data = read_json(body)
        except ValueError as exc:
            raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"not a JSON object (got {type(data).__name__})")
    return data


def sealed_object(body: object) -> dict[str, Any]:
    """``json_object`` for the audit, refusing text that SQL reads otherwise than Python
    (``sql_parsed``): what the audit checks must be what queries select on."""
    if isinstance(body, JsonString):
        return json_object(body)  # refused: no JSON text for SQL to read alike
    return json_object(sql_parsed(body) if isinstance(body, str | bytes) else body)


def stored_event(body: str | dict[str, Any]) -> CaseEvent:
    data = sealed_object(body)
    for name, kind in _EVENT_FIELDS:
        if name not in data:
            raise ValueError(f"field {name!r} is missing")
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise ValueError(f"field {name!r} is not a {kind.__name__}")
    if not isinstance(data.get("reason", ""), str) or not isinstance(data.get("data", {}), dict):
        raise ValueError("field 'reason' must be a string and 'data' an object")
    _only_known(data, _EVENT_KEYS, "an event")
    try:
        event = CaseEvent.from_json(data)
    except (ComplaintkitError, ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    if data["at"] != event.at.isoformat():
        # The seal covers the instant; SQL reads the text (``body->>'at'``), which sorts and
        # compares otherwise when re-spelt: ``Z``, ``-00:00``, a space or ``t`` for ``T``.
        raise ValueError(
            f"field 'at' is spelled {data['at']!r}, as complaintkit never writes an instant "
            f"(it wrote {event.at.isoformat()!r}): SQL reads it as other text"
        )
    return event


def stored_case(body: str | dict[str, Any]) -> Case:
    """The case a row holds, for the audit: read as stored (``Case.from_stored``), not taken
    in again. A value today's limits refuse was checked when written; what the audit looks
    for is a row it cannot read, or one that says other than its events."""
    data = sealed_object(body)
    try:
        case = Case.from_stored(data)
    except UNREADABLE as exc:
        raise ValueError(problem_of(exc)) from None
    _only_known(data, case.to_json(shared=True).keys(), "a case")
    return case


def _only_known(data: dict[str, Any], known: Collection[str], record: str) -> None:
    """Refuse a key ``record`` is never stored with: no seal or replay covers it, so an
    edit could add one (a note, a value another tool reads) unseen."""
    unknown = sorted(name for name in data if name not in known)
    if unknown:
        raise ValueError(f"field {unknown[0]!r} is no field of {record}: added to the stored row")


#: What reading a broken row raises; ``ArithmeticError``: a duration too large for a timedelta.
UNREADABLE = (
    ComplaintkitError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    ArithmeticError,
)


def problem_of(exc: Exception) -> str:
    """What ``exc``, raised reading a row, says is wrong with it."""
    return f"field {exc.args[0]!r} is missing" if isinstance(exc, KeyError) else str(exc)


def damaged(record: str, problem: str, case_id: str | None = None) -> DamagedRecord:
    """The error for a stored ``record`` (``case CK-…``, ``case CK-…: stored event 2``)
    too broken to work on, pointing at the audit that lists them all; ``case_id`` is the
    case it is of, when known."""
    error = DamagedRecord(
        f"{record} is damaged: {problem}; `complaintkit audit verify` lists every damaged record"
    )
    error.case_id = case_id
    return error


def read_event(body: str | dict[str, Any], case_id: str, seq: int) -> CaseEvent:
    """The stored event ``seq`` of ``case_id``, or ``DamagedRecord`` saying what is wrong."""
    try:
        event = CaseEvent.from_json(json_object(body))
    except UNREADABLE:
        pass
    else:
        if _typed(event):
            return event
    try:
        return stored_event(body)
    except ValueError as exc:
        raise damaged(f"case {case_id}: stored event {seq}", str(exc)) from None


def events_read(
    rows: Sequence[tuple[Any, Any]], case_id: str, damaged: list[DamagedRecord] | None = None
) -> list[CaseEvent]:
    """The events of ``case_id``'s (seq, body) rows; a damaged body raises
    ``DamagedRecord``, or, given a ``damaged`` list, is added to it and the rest read:
    ``Storage.events_readable``, so ``cases show`` shows the history around it."""
    events: list[CaseEvent] = []
    for seq, body in rows:
        try:
            events.append(read_event(body, case_id, seq))
        except DamagedRecord as exc:
            if damaged is None:
                raise
            damaged.append(exc)
    return events


def _typed(event: CaseEvent) -> bool:
    """Whether the fields every reader shows or reads into are of their types: an edited
    ``"kind": 5`` or ``"data": [1, 2]`` read as an event failed a view with a TypeError.
    A seq of another type is the chain's to name (``verify_chain``)."""
    texts = (event.case_id, event.kind, event.actor, event.reason, event.prev_hash, event.hash)
    return all(type(text) is str for text in texts) and type(event.data) is dict


def read_case(body: str | bytes | dict[str, Any], case_id: str | None = None) -> Case:
    """A stored case (``case_id`` when the caller knows it: the id of its row, which its
    body must bear), or ``DamagedRecord``."""
    try:
        case = Case.from_stored(json_object(body))
    except UNREADABLE as exc:
        problem = problem_of(exc)
    else:
        if case_id is None or case.id == case_id or not isinstance(case.id, str):
            return case  # (a body naming no id is named where its id is needed)
        problem = holds_another(case_id, case.id)
    case_id = case_id or _named_id(body)
    raise damaged(f"case {case_id}" if case_id else "a stored case", problem, case_id)


def _named_id(body: str | bytes | dict[str, Any]) -> str | None:
    """The id a damaged body still names, if it names one."""
    try:
        named = json_object(body).get("id")
    except ValueError:
        return None
    return named if isinstance(named, str) else None


def cases_read(
    rows: Sequence[tuple[Any, Any]], damaged: list[DamagedRecord] | None = None
) -> list[Case]:
    """The case of each (id, body) row; a damaged body raises ``DamagedRecord`` naming its
    case by the id column, or, given a ``damaged`` list, is added to it and the rest read:
    ``Storage.find_readable``, so one edited row does not hide the other cases."""
    cases: list[Case] = []
    for id_, body in rows:
        try:
            cases.append(read_case(body, id_ if isinstance(id_, str) else None))
        except DamagedRecord as exc:
            if damaged is None:
                raise
            damaged.append(exc)
    return cases
