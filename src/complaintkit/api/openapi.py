"""The OpenAPI 3.1 document served at ``/openapi.json``, built from the app's own routes:
each route and method is described from the table here, and one without a description
stops the app from being created, so the document cannot drift from what is served."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.routing import BaseRoute, Route

from complaintkit.api import step_retries
from complaintkit.api.events_feed import MAX_EVENTS_PAGE
from complaintkit.api.form_complaint import FIELDS as FORM_FIELDS
from complaintkit.api.pages import FORM_MAX_BODY, UPLOAD_MAX_BODY
from complaintkit.model.case import FISHBONE_CATEGORIES, NATURES
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER

_ERROR = {"$ref": "#/components/schemas/Error"}
_TEXT: dict[str, Any] = {"type": "string"}
_TEXTS: dict[str, Any] = {"type": "array", "items": _TEXT}
_HTML = {"content": {"text/html": {"schema": _TEXT}}}

_DESCRIPTIONS = {
    "200": "OK",
    "201": "Created",
    "400": (
        "A body at another length than its Content-Length, or a signature header or "
        "Idempotency-Key sent twice"
    ),
    "401": "Missing or wrong signature or bearer token",
    "404": "No such case or token",
    "410": (
        "The status link expired: its case ended and has not changed for the server's "
        "status link lifetime (180 days by default); nothing of the case is shown"
    ),
    "406": "An Accept header refusing every representation the endpoint has (q=0)",
    "412": (
        "If-Match names no version the case is at: it changed since it was read (the body "
        "gives the version and ETag it is at); nothing was recorded"
    ),
    "409": (
        "Illegal transition, a reply or compensation step to a case that ended, a "
        "compensation step its offer's state refuses (answered already), concurrent change, an "
        "external_id another complaint holds, an Idempotency-Key used for another request, or "
        "a damaged case an agent's request met, or a damaged event next in the feed of a "
        "storage that cannot read past it (each named; retrying will not help)"
    ),
    "408": "The body was not whole within the server's body timeout",
    "413": "Body over the size limit",
    "415": "A Content-Type the endpoint does not read (named in the error)",
    "422": "Invalid JSON or an invalid field (named in `field`)",
    "503": (
        "Storage is unavailable, retry later; or a plugin failed the step (named in the "
        "error and in `plugins`), send it again once the plugin is mended"
    ),
}


def _json(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: {"description": _DESCRIPTIONS[code], **_json(_ERROR)} for code in codes}


def _case_id() -> list[dict[str, Any]]:
    return [{"name": "case_id", "in": "path", "required": True, "schema": _TEXT}]


def _idempotency_key() -> dict[str, Any]:
    return {
        "name": step_retries.HEADER,
        "in": "header",
        "required": False,
        "schema": {**_TEXT, "minLength": 1, "maxLength": step_retries.MAX_KEY_CHARS},
        "description": (
            "Sent again with the same step, case and JSON body, however written (its answer was "
            "lost), the step "
            "is recorded once and the first answer given again, with Idempotent-Replayed: "
            "true; with another request, a 409 naming the key. Kept with the step for 24 "
            "hours, in SQLite and PostgreSQL stores across restarts and servers."
        ),
    }


def _if_match() -> dict[str, Any]:
    return {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "schema": _TEXT,
        "description": (
            'The ETag a read of the case or a step\'s answer gave ("7"): the step is taken only '
            "while the case is at that version, else a 412; * or none takes any version."
        ),
    }


_ETAG = {"ETag": {"description": "The case's version, for If-Match", "schema": _TEXT}}


def _read_case() -> dict[str, Any]:
    return {
        "summary": "The case as stored (without the customer's status token), its version "
        "as its ETag.",
        "security": [{"agent": []}],
        "parameters": _case_id(),
        "responses": {
            "200": {"description": "OK", "headers": _ETAG, **_json({"type": "object"})},
            **_errors("401", "404", "503"),
        },
    }


def _agent_action(summary: str, required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    changed = {
        "type": "object",
        "required": ["case_id", "status", "version"],
        "properties": {"case_id": _TEXT, "status": _TEXT, "version": {"type": "integer"}},
    }
    return {
        "summary": summary,
        "security": [{"agent": []}],
        "parameters": [*_case_id(), _idempotency_key(), _if_match()],
        "requestBody": {
            "required": True,
            # a field the step does not read is refused (422), not dropped
            **_json(
                {
                    "type": "object",
                    "required": required,
                    "properties": properties,
                    "additionalProperties": False,
                }
            ),
        },
        "responses": {
            "200": {"description": "The changed case", "headers": _ETAG, **_json(changed)},
            **_errors("400", "401", "404", "408", "409", "412", "413", "415", "422", "503"),
        },
    }


#: The agents' steps (``complaintkit.api.agent.STEPS`` and the app's own): summary, the
#: body's required fields and its properties.
_STEPS: Mapping[str, tuple[str, list[str], dict[str, Any]]] = {
    "respond": ("Send the customer the first response.", ["message"], {"message": _TEXT}),
    "transition": ("Move the case to another status.", ["to"], {"to": _TEXT, "reason": _TEXT}),
    "resolve": ("Mark the case resolved, saying how.", ["resolution"], {"resolution": _TEXT}),
    "events": (
        "Record an event your SOP names (holding_reply).",
        ["name"],
        {"name": _TEXT, "reason": _TEXT},
    ),
    "note": ("Add an internal note the customer never sees.", ["text"], {"text": _TEXT}),
    "update": ("Send the customer a progress update.", ["message"], {"message": _TEXT}),
    "assign": (
        "Hand the case to an owner (and team).",
        ["owner"],
        {"owner": _TEXT, "team": _TEXT, "reason": _TEXT},
    ),
    "follow-up": (
        "Record the follow-up visit: a satisfaction score from 1 to 5, or refused: true.",
        [],
        {
            "score": {"type": "integer", "minimum": 1, "maximum": 5},
            "refused": {"type": "boolean", "default": False},
            "comment": _TEXT,
        },
    ),
    "root-cause": (
        "Record the root cause.",
        ["fishbone", "nature"],
        {
            "fishbone": {"enum": list(FISHBONE_CATEGORIES)},
            "whys": _TEXTS,
            "nature": {"enum": list(NATURES)},
            "impact": _TEXT,
            "improvements": _TEXTS,
        },
    ),
    "compensation": (
        "Propose the compensation the policy's rules give for these facts.",
        [],
        {"facts": {"type": "object"}},
    ),
    "approve": (
        "Approve a compensation proposal as the role its amount needs (not its proposer).",
        ["id", "role"],
        {"id": {**_TEXT, "description": "The proposal, comp-1"}, "role": _TEXT},
    ),
    "reject": (
        "Reject a compensation proposal as a role that could approve it, saying why.",
        ["id", "role", "reason"],
        {"id": {**_TEXT, "description": "The proposal, comp-1"}, "role": _TEXT, "reason": _TEXT},
    ),
    "offer": (
        "Offer a proposal to the customer, who answers it on their status page.",
        ["id"],
        {"id": {**_TEXT, "description": "The proposal, comp-1"}},
    ),
    "accept": (
        "Record that the customer accepted an offer (told to you by telephone, by e-mail).",
        ["id"],
        {"id": {**_TEXT, "description": "The offer, comp-1"}, "reason": _TEXT},
    ),
    "decline": (
        "Record that the customer declined an offer (told to you by telephone, by e-mail).",
        ["id"],
        {"id": {**_TEXT, "description": "The offer, comp-1"}, "reason": _TEXT},
    ),
    "close": ("Close the case.", [], {"reason": _TEXT}),
}


def step_fields(step: str) -> frozenset[str]:
    """The fields the body of the agents' ``step`` may hold, as this document says."""
    return frozenset(_STEPS[step][2])


#: What ``POST /complaints`` answers: the case the complaint opened (201) or is already in.
_TAKEN = {
    "type": "object",
    "required": ["case_id", "status", "status_url", "created"],
    "properties": {
        "case_id": _TEXT,
        "status": _TEXT,
        "status_url": {**_TEXT, "description": "The customer's status page"},
        "created": {"type": "boolean"},
    },
}


def _take_in(max_body: int) -> dict[str, Any]:
    return {
        "summary": "Take a complaint in (the server sets its channel); the same complaint again returns its case (200), another complaint with its external_id is a 409 on a server with a secret, and a case of its own (201) on one without.",
        "parameters": [
            {
                "name": HEADER,
                "in": "header",
                "required": False,
                "description": 'sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">; required when the server has a secret.',
                "schema": _TEXT,
            },
            {
                "name": TIMESTAMP_HEADER,
                "in": "header",
                "required": False,
                "description": "Unix seconds the request was signed at, within the server's window; required with the signature.",
                "schema": _TEXT,
            },
        ],
        "requestBody": {
            "required": True,
            "description": f"At most {max_body} bytes.",
            **_json({"$ref": "#/components/schemas/Complaint"}),
        },
        "responses": {
            "201": {"description": "Created", **_json(_TAKEN)},
            "200": {"description": "Already known: the existing case", **_json(_TAKEN)},
            **_errors("400", "401", "408", "409", "413", "415", "422", "503"),
        },
    }


def _form() -> dict[str, dict[str, Any]]:
    fields = dict.fromkeys((*FORM_FIELDS, "lang"), _TEXT)
    lang = [{"name": "lang", "in": "query", "schema": {"enum": ["zh", "en"]}}]
    return {
        "GET": {
            "summary": "The customer's complaint form (HTML, in zh or en).",
            "parameters": lang,
            "responses": {"200": {"description": "The form", **_HTML}},
        },
        "POST": {
            "summary": "The form submitted: the complaint is taken in and the browser sent to its status page.",
            "parameters": lang,
            "requestBody": {
                "required": True,
                "description": (
                    f"At most {FORM_MAX_BODY} bytes urlencoded and {UPLOAD_MAX_BODY} multipart "
                    "(files are read past, not kept), whatever the JSON limit."
                ),
                "content": {
                    kind: {"schema": {"type": "object", "required": ["text"], "properties": fields}}
                    for kind in ("application/x-www-form-urlencoded", "multipart/form-data")
                },
            },
            "responses": {
                "303": {"description": "Taken in: see the status page (Location)"},
                "413": {
                    "description": "The form again: the description, or an attached file, is too large",
                    **_HTML,
                },
                "422": {"description": "The form again, each error beside its field", **_HTML},
                **_errors("400", "408", "415"),
                "503": {"description": "The form again, as typed: storage is unavailable", **_HTML},
            },
        },
    }


def _events() -> dict[str, Any]:
    page = {
        "type": "object",
        "required": ["events", "cursor"],
        "properties": {
            "events": {"type": "array", "items": {"type": "object"}},
            "cursor": _TEXT,
            "damaged": {
                "description": "Events on this page that cannot be read (altered outside "
                "complaintkit), each named; the cursor is past them. Only when there are any.",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["case_id", "seq", "problem"],
                    "properties": {"case_id": _TEXT, "seq": {"type": "integer"}, "problem": _TEXT},
                },
            },
        },
    }
    return {
        "summary": "Every stored case event after a cursor, in commit order, for publishers "
        "to catch up; pass the returned cursor back as `after`.",
        "security": [{"agent": []}],
        "parameters": [
            {"name": "after", "in": "query", "schema": _TEXT},
            {
                "name": "limit",
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_EVENTS_PAGE},
            },
        ],
        "responses": {
            "200": {"description": "OK", **_json(page)},
            **_errors("401", "409", "422", "503"),
        },
    }


def _status() -> dict[str, Any]:
    return {
        "summary": "The customer's view of their case: status, updates, promised deadlines, "
        "what was offered to them "
        "(JSON, or the status page for a browser asking for text/html).",
        "parameters": [{"name": "token", "in": "path", "required": True, "schema": _TEXT}],
        "responses": {
            "200": {"description": "OK", **_json({"type": "object"}), **_HTML},
            "308": {
                "description": "A case's token followed by punctuation a link took on "
                "(a full stop, comma or bracket): to the path without it (Location)"
            },
            **_errors("404", "406", "410", "503"),
        },
    }


def _answer() -> dict[str, Any]:
    offer = {"type": "object", "description": "The offer as `compensation` lists it"}
    answered = {
        "type": "object",
        "properties": {"offer": offer, "changed": {"type": "boolean"}},
    }
    refused = {
        "description": (
            "The other answer was recorded already (named in `recorded`), the offer lapsed "
            "with its case, or the case kept changing: send the answer again"
        ),
        **_json(
            {"allOf": [_ERROR, {"properties": {"recorded": {"enum": ["accepted", "declined"]}}}]}
        ),
    }
    form = {
        "type": "object",
        "required": ["answer"],
        "properties": {"answer": {"enum": ["accept", "decline"]}},
    }
    return {
        "summary": "The customer accepts or declines an offer shown on their status page "
        "(recorded as the customer's answer; the same answer again changes nothing). A form "
        "body answers with the status page (303 to it, or the page with why not); JSON "
        "with JSON, also when labelled a form as `curl -d` labels it (a body starting "
        "with `{`).",
        "parameters": [
            {"name": "token", "in": "path", "required": True, "schema": _TEXT},
            {"name": "offer_id", "in": "path", "required": True, "schema": _TEXT},
            _if_match(),
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": form},
                "application/x-www-form-urlencoded": {"schema": form},
            },
        },
        "responses": {
            "200": {"description": "The answer stands", **_json(answered)},
            "303": {"description": "A form's answer recorded: to the status page"},
            "404": {
                "description": "No case has this token, or it shows no such offer",
                **_json(_ERROR),
            },
            "409": refused,
            "412": {
                "description": "If-Match names no version the case is at: nothing was "
                "recorded (the version it is at is not given to the customer)",
                **_json(_ERROR),
            },
            **_errors("400", "408", "410", "413", "415", "422", "503"),
        },
    }


def _operations(max_body: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Every operation the API may serve, keyed by (method, path)."""
    form = _form()
    described = {
        ("GET", "/"): form["GET"],
        ("POST", "/"): form["POST"],
        ("POST", "/complaints"): _take_in(max_body),
        ("GET", "/status/{token}"): _status(),
        ("POST", "/status/{token}/offers/{offer_id}"): _answer(),
        ("GET", "/events"): _events(),
        ("GET", "/cases/{case_id}"): _read_case(),
        ("GET", "/openapi.json"): {
            "summary": "This document.",
            "responses": {"200": {"description": "OK", **_json({"type": "object"})}},
        },
    }
    for step, (summary, required, properties) in _STEPS.items():
        described["POST", f"/cases/{{case_id}}/{step}"] = _agent_action(
            summary, required, properties
        )
    return described


def _paths(routes: Iterable[BaseRoute], max_body: int) -> dict[str, dict[str, Any]]:
    described = _operations(max_body)
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        if not isinstance(route, Route):
            continue
        for method in sorted((route.methods or set()) - {"HEAD"}):  # HEAD comes with GET
            operation = described.get((method, route.path))
            if operation is None:
                raise LookupError(f"{method} {route.path} is served but has no OpenAPI description")
            paths.setdefault(route.path, {})[method.lower()] = operation
    return paths


def document(routes: Iterable[BaseRoute], max_body: int, channel: str) -> dict[str, Any]:
    """The document for an app serving ``routes`` whose complaints all get ``channel``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "complaintkit", "version": "1"},
        "paths": _paths(routes, max_body),
        "components": {
            "securitySchemes": {"agent": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "field", "request_id"],
                    "properties": {
                        "error": _TEXT,
                        "field": {
                            "type": ["string", "null"],
                            "description": "The part of the request at fault: a body "
                            "field (customer.id), a header, body, path, method or headers "
                            "(a head the server could not read); null where none is (the "
                            "store or a plugin failed)",
                        },
                        "request_id": _TEXT,
                        "allowed": {
                            **_TEXTS,
                            "description": "An illegal move's 409: the statuses the case "
                            "may move to from where it is (none: it ended)",
                        },
                        "kept": {
                            "type": "boolean",
                            "description": "false: a refused body was not kept as a dead "
                            "letter (past its sender's allowance on a server without a "
                            "secret); mend it and send it again",
                        },
                    },
                },
                "Complaint": {
                    "type": "object",
                    "required": ["external_id", "customer", "text"],
                    "properties": {
                        "channel": {
                            **_TEXT,
                            "const": channel,
                            "default": channel,
                            "description": "Set by this server; leave it out or send this value.",
                        },
                        "external_id": _TEXT,
                        "received_at": {
                            **_TEXT,
                            "format": "date-time",
                            "description": (
                                "Defaults to now. Without a signature, at most five minutes "
                                "before the server's clock."
                            ),
                        },
                        "customer": {
                            "type": "object",
                            "required": ["id"],
                            "properties": dict.fromkeys(
                                ("id", "name", "contact", "tier", "region"), _TEXT
                            ),
                        },
                        "subject": _TEXT,
                        "text": _TEXT,
                        "product": _TEXT,
                        "order_id": _TEXT,
                        "language": _TEXT,
                        "amount": {
                            "type": "object",
                            "properties": {"amount": _TEXT, "currency": _TEXT},
                        },
                        "attributes": {"type": "object"},
                    },
                },
            },
        },
    }
