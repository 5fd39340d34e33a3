"""The arguments of the ``Storage`` methods, checked in one place for every backend.

Each backend read a misused argument its own way: SQLite took a negative limit as no limit
where PostgreSQL refused it, and PostgreSQL read the text id ``"1"`` as the number 1 and
purged that letter where SQLite failed. ``Storage`` wraps these methods of every backend,
built-in or plugin, with the check of their arguments, so a misuse is refused alike, as an
``InvalidInput`` (a ``ValueError``) naming the argument and the value, before anything is
read or written. Values of the right type a store cannot hold answer as if absent: an id
past 64 bits or an unknown state names nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any, cast

from complaintkit.errors import InvalidInput
from complaintkit.model.instants import aware
from complaintkit.storage.plugin_calls import ours, written_in

#: The most rows a look-up can ask for: what a 64-bit SQL integer holds.
MOST_ROWS = 2**63 - 1


def _refused(name: str, wanted: str, value: object) -> InvalidInput:
    return InvalidInput(name, f"must be {wanted} (got {value!r:.80})")


def page_size(value: Any, least: int = 0, name: str = "limit") -> None:
    """Refuse a number of rows no backend reads alike (SQLite reads a negative one as no
    limit, and cannot bind one past 64 bits)."""
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= MOST_ROWS:
        raise _refused(name, f"a whole number from {least} to {MOST_ROWS}", value)


def _text(value: object, name: str, optional: bool = False) -> None:
    if not isinstance(value, str) and not (optional and value is None):
        raise _refused(name, "text or None" if optional else "text", value)


def _instant(value: object, name: str) -> None:
    aware(cast("datetime", value), name)  # it checks what the caller passed


def _many(value: object, name: str, wanted: str, each: Callable[[object], bool]) -> None:
    """A collection of values, each passing ``each``; one text is no collection of texts."""
    if (
        isinstance(value, str | bytes)
        or not isinstance(value, Collection)
        or not all(each(item) for item in value)
    ):
        raise _refused(name, f"a collection of {wanted}", value)


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _key(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(map(_is_text, value))


def _sequence(value: object, name: str) -> None:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise _refused(name, "a sequence", value)


def _get(case_id: object) -> None:
    _text(case_id, "case_id")


def _find_by_key(channel: object, external_id: object) -> None:
    _text(channel, "channel")
    _text(external_id, "external_id")


def _find_by_keys(keys: object) -> None:
    _many(keys, "keys", "(channel, external id) pairs of text", _key)


def _find_by_token(token: object) -> None:
    _text(token, "token")


def _openings(customer_ids: object, since: object) -> None:
    _many(customer_ids, "customer_ids", "texts", _is_text)
    _instant(since, "since")


def _claim_due(before: object, limit: object) -> None:
    _instant(before, "before")
    page_size(limit)


def _claim_step_key(agent: object, key: object, since: object) -> None:
    _text(agent, "agent")
    _text(key, "key")
    _instant(since, "since")


def _keep_step_answer(agent: object, key: object, answer: object) -> None:
    _text(agent, "agent")
    _text(key, "key")
    _instant(getattr(answer, "at", None), "at")


def _compensation_total(
    customer_id: object, since: object, currency: object, kinds: object = None
) -> None:
    _text(customer_id, "customer_id")
    _instant(since, "since")
    _text(currency, "currency")
    if kinds is not None:
        _many(kinds, "kinds", "texts", _is_text)


def _hold_customer(customer_id: object) -> None:
    _text(customer_id, "customer_id")


def _enqueue(items: object) -> None:
    _sequence(items, "items")


def _record_attempts(attempts: object) -> None:
    _sequence(attempts, "attempts")


def _due_deliveries(now: object, limit: object) -> None:
    _instant(now, "now")
    page_size(limit)


def _requeue_dead(delivery_ids: object, via: object, at: object) -> None:
    if delivery_ids is not None:
        _many(delivery_ids, "delivery_ids", "texts", _is_text)
    _text(via, "via", optional=True)
    _instant(at, "at")


def _deliveries(state: object = None, case_id: object = None) -> None:
    _text(state, "state", optional=True)
    _text(case_id, "case_id", optional=True)


def _events_since(cursor: object, limit: object) -> None:
    _text(cursor, "cursor", optional=True)
    page_size(limit)


def _dead_letter(source: object, raw: object, reason: object, at: object) -> None:
    _text(source, "source")
    if not isinstance(raw, str | bytes):
        raise _refused("raw", "bytes or text", raw)
    _text(reason, "reason")
    _instant(at, "at")


def _dead_letters_from(source_prefix: object) -> None:
    _text(source_prefix, "source_prefix")


def _refused_on_retry(letter: object, reason: object, at: object) -> None:
    _text(reason, "reason")
    _instant(at, "at")


def _purge_dead_letters(ids: object) -> None:
    _many(ids, "ids", "whole numbers", _whole_number)


#: Each checked method's check, taking the method's arguments (without ``self``).
CHECKS: dict[str, Callable[..., None]] = {
    "get": _get,
    "events": _get,
    "find_by_key": _find_by_key,
    "find_by_keys": _find_by_keys,
    "find_by_token": _find_by_token,
    "openings": _openings,
    "claim_due": _claim_due,
    "claim_step_key": _claim_step_key,
    "keep_step_answer": _keep_step_answer,
    "compensation_total": _compensation_total,
    "hold_customer": _hold_customer,
    "enqueue": _enqueue,
    "due_deliveries": _due_deliveries,
    "record_attempts": _record_attempts,
    "requeue_dead": _requeue_dead,
    "deliveries": _deliveries,
    "events_since": _events_since,
    "dead_letter": _dead_letter,
    "dead_letters_from": _dead_letters_from,
    "refused_on_retry": _refused_on_retry,
    "purge_dead_letters": _purge_dead_letters,
}

#: The wrappers ``check_arguments`` made, so a subclass's inherited ones are not wrapped again.
_CHECKED: set[Callable[..., Any]] = set()


def _checked(method: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    @functools.wraps(method)
    def checked(self: object, *args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return method(self, *args, **kwargs)

    _CHECKED.add(checked)
    return checked


def check_arguments(cls: type) -> None:
    """Wrap each of ``cls``'s checked methods with its check: an override reaches the
    backend's code only through it. Its own, and those it inherits from a class that is not
    complaintkit's (a plugin's mixin that is no ``Storage``); complaintkit's own are checked
    where they are written, so a mixin holds no copy of a default that would hide another
    mixin's implementation."""
    for name, check in CHECKS.items():
        owner = written_in(cls, name)
        if owner is None or (owner is not cls and ours(owner)):
            continue
        method = getattr(cls, name)
        abstract = getattr(method, "__isabstractmethod__", False)
        if callable(method) and not abstract and method not in _CHECKED:
            setattr(cls, name, _checked(method, check))


def checked_as(old: Callable[..., Any], new: Callable[..., Any]) -> None:
    """``new`` wraps ``old``: when ``old`` checks its arguments, so does ``new``."""
    if old in _CHECKED:
        _CHECKED.add(new)
