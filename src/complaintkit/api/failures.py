"""Failures as the agent API answers them: JSON naming the field, a request id, the status
each kind of failure gets — never a bare 500, never a storage URL or file path."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, MutableMapping
from typing import Any

from starlette.responses import JSONResponse

from complaintkit.api import step_retries
from complaintkit.api.media_type import UnsupportedMediaType
from complaintkit.api.request_body import BodyNotAsDeclared, BodyTooLarge, BodyTooSlow
from complaintkit.brief import brief
from complaintkit.errors import (
    CaseEnded,
    Conflict,
    DamagedRecord,
    FollowUpLocked,
    IllegalTransition,
    InvalidInput,
    KeyConflict,
    NotFound,
    PluginError,
    StepOutOfTurn,
    StepsMissing,
    StorageError,
    store_failed,
)
from complaintkit.model.jsonvalues import printable

log = logging.getLogger("complaintkit.api.app")  # where operators' log settings name it
#: The header every answer carries its request's id in.
REQUEST_ID_HEADER = "X-Request-Id"


def request_id_in(state: MutableMapping[str, Any]) -> str:
    """The id of the request whose ASGI scope ``state`` is: the one given it already — by
    the server, which refused its body before the application read it
    (``unreadable_http``), the dead letter of what arrived must bear the id the answer
    named — else a new one, kept there."""
    found = state.get("request_id")
    if not isinstance(found, str):
        found = state["request_id"] = uuid.uuid4().hex[:16]
    return found


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        field: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.extra = extra


class NotKept(Exception):
    """A refused body not kept as a dead letter (``refusals_kept``): answered as
    ``refusal`` is, its error saying why it was not kept, and ``"kept": false``."""

    def __init__(self, refusal: Exception, why: str) -> None:
        super().__init__(why)
        self.refusal = refusal
        self.why = why


def plugin_failed(exc: PluginError, request_id: str) -> ApiError:
    """An agent's step a plugin failed (its operator raising in a rule, its store): nothing
    was stored and nothing in the body is to mend, so not a 422 but a 503 naming the plugin
    and what it did, as ``PluginError`` says it from Python and the command line; the
    traceback goes to the log under the request id."""
    log.error("request %s: a plugin failed: %s", request_id, exc, exc_info=exc)
    message = f"{exc}; nothing was stored: send it again once the plugin is mended"
    return ApiError(503, message, None, {"plugins": list(exc.plugins)})


#: The most characters an error writes quoting a request's value.
QUOTED_CHARS = 60


def quoted(value: str) -> str:
    """``value`` quoted, cut to ``QUOTED_CHARS`` characters as written (an escape such as
    ``\\x85`` counts as its four) with its length said: an id of kilobytes is not written
    back whole into the answer and the logs that keep it."""
    written, most = repr(value), QUOTED_CHARS + 2  # and the quotes
    if len(written) <= most:
        return written
    low, high = 0, min(len(value), QUOTED_CHARS)  # the longest start quoted within the limit
    while low < high:
        middle = (low + high + 1) // 2
        if len(repr(value[:middle])) <= most:
            low = middle
        else:
            high = middle - 1
    return f"{value[:low]!r}... ({len(value)} characters)"


#: Answers sent before the body was read to its end: what is left of it must not be read
#: as the next request on the connection.
CLOSING = frozenset({400, 408, 413})


def error_answer(
    status: int,
    message: str,
    field: str | None,
    request_id: str,
    extra: Mapping[str, Any] | None = None,
) -> JSONResponse:
    """The error as JSON, of one shape for every status: ``error``, ``field`` (``None``
    where no part of the request is at fault: the store or a plugin failed) and
    ``request_id``. Message and field may quote the request (a key holding a lone
    surrogate names the field), so such characters are written escaped: no UTF-8 answer
    can carry them. ``extra``: more keys, as data (an illegal move's ``allowed``)."""
    body: dict[str, Any] = {**(extra or {}), "error": brief(printable(message))}
    body["field"] = None if field is None else brief(printable(field))
    body["request_id"] = request_id
    headers = {REQUEST_ID_HEADER: request_id}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status in CLOSING:
        headers["Connection"] = "close"
    return JSONResponse(body, status_code=status, headers=headers)


#: Exceptions a request may end in, and the status each one gets (first match wins).
_STATUS: tuple[tuple[type[Exception], int], ...] = (
    (KeyConflict, 409),
    (step_retries.KeyReused, 409),
    (step_retries.KeySentTwice, 400),
    (BodyTooLarge, 413),
    (BodyTooSlow, 408),
    (BodyNotAsDeclared, 400),
    (UnsupportedMediaType, 415),
    (StepOutOfTurn, 409),
    (InvalidInput, 422),
    (NotFound, 404),
    (IllegalTransition, 409),
    (Conflict, 409),
    (StepsMissing, 409),
    (FollowUpLocked, 409),
    (CaseEnded, 409),
    (StorageError, 503),
)


def steps_missing(exc: StepsMissing) -> dict[str, Any]:
    """The steps a gate wants recorded first, as data: what the client records next."""
    return {"missing": [{"gate": gate, "step": step} for gate, step, _ in exc.missing]}


def failure(exc: Exception, request_id: str, case_id: str | None = None) -> JSONResponse:
    """The JSON error for a request that ended in ``exc``: never a bare 500, and never a
    storage URL or file path (storage messages name them, for operators' logs)."""
    if isinstance(exc, NotKept):
        return _not_kept(exc, request_id, case_id)
    return _refusal(exc, request_id, case_id)


def _not_kept(exc: NotKept, request_id: str, case_id: str | None) -> JSONResponse:
    """The answer to ``exc.refusal``, saying its body was not kept."""
    refused = _refusal(exc.refusal, request_id, case_id)
    body = json.loads(bytes(refused.body))
    body |= {"error": f"{body['error']}; {exc.why}", "kept": False}
    headers = {
        k: v for k, v in refused.headers.items() if k not in ("content-length", "content-type")
    }
    return JSONResponse(body, status_code=refused.status_code, headers=headers)


def _refusal(exc: Exception, request_id: str, case_id: str | None) -> JSONResponse:
    if isinstance(exc, ApiError):
        return error_answer(exc.status, exc.message, exc.field, request_id, exc.extra)
    if isinstance(exc, IllegalTransition):  # the status refuses it; the moves allowed, as data
        return error_answer(409, str(exc), "status", request_id, {"allowed": list(exc.allowed)})
    if isinstance(exc, NotFound):
        if case_id is None:
            return error_answer(404, "not found", "path", request_id)
        return error_answer(404, f"no case {quoted(case_id)}", "case_id", request_id)
    # a damaged row an agent's request met is named to them, and not "retry later": it
    # stays damaged until someone repairs it
    damaged = isinstance(exc, DamagedRecord) and case_id is not None
    status = (
        409 if damaged else next((code for kind, code in _STATUS if isinstance(exc, kind)), 422)
    )
    if isinstance(exc, PluginError) and store_failed(exc):  # a plugin's store: a store
        status = 503
    if isinstance(exc, InvalidInput):
        return error_answer(status, exc.message, exc.field, request_id)
    if isinstance(exc, Conflict):  # the Desk tried again; the store is fine, the case busy
        message = (
            f"case {exc.case_id} kept changing while this change was made; nothing was "
            "stored: send it again"
        )
    elif damaged:
        message = f"{exc}; retrying will not help until it is repaired"
    elif store_failed(exc):  # a plugin's store failing is a store failing, to the client
        log.error("request %s: storage failed: %s", request_id, exc)
        message = "storage is unavailable; retry later"
    elif status == 422:  # nothing foreseen: a bug, logged with its traceback, not a 500
        log.error("request %s could not be processed", request_id, exc_info=exc)
        message = f"the request could not be processed: {type(exc).__name__}"
    else:
        message = str(exc)
    # the state that refuses it, as a compensation step's refusal names it (a gate's, with
    # the steps to record first); a busy case, the version that moved on under the change
    field = "status" if isinstance(exc, CaseEnded | FollowUpLocked | StepsMissing) else None
    field = "version" if isinstance(exc, Conflict) else field
    field = "case_id" if damaged else field
    extra = steps_missing(exc) if isinstance(exc, StepsMissing) else None
    return error_answer(status, message, field, request_id, extra)
