"""The OpenAPI 3.1 document served at ``/openapi.json``."""

from __future__ import annotations

from typing import Any

from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER

_ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _responses(ok: str, *codes: str) -> dict[str, Any]:
    descriptions = {
        "200": "OK",
        "201": "Created",
        "401": "Missing or wrong signature or bearer token",
        "404": "No such case or token",
        "409": "Illegal transition, concurrent change, or an external_id another complaint holds",
        "413": "Body over the size limit",
        "422": "Invalid JSON or an invalid field (named in `field`)",
    }
    out: dict[str, Any] = {ok: {"description": descriptions[ok]}}
    for code in codes:
        out[code] = {"description": descriptions[code], **_json(_ERROR)}
    return out


def _agent_action(summary: str, required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "security": [{"agent": []}],
            "parameters": [
                {"name": "case_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "requestBody": {
                "required": True,
                **_json({"type": "object", "required": required, "properties": properties}),
            },
            "responses": _responses("200", "401", "404", "409", "413", "422"),
        }
    }


def document(max_body: int) -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "complaintkit", "version": "1"},
        "paths": {
            "/complaints": {
                "post": {
                    "summary": "Take a complaint in (the server sets its channel); the same complaint again returns its case (200), another complaint with its external_id is a 409.",
                    "parameters": [
                        {
                            "name": HEADER,
                            "in": "header",
                            "required": False,
                            "description": 'sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">; required when the server has a secret.',
                            "schema": text,
                        },
                        {
                            "name": TIMESTAMP_HEADER,
                            "in": "header",
                            "required": False,
                            "description": "Unix seconds the request was signed at, within the server's window; required with the signature.",
                            "schema": text,
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "description": f"At most {max_body} bytes.",
                        **_json({"$ref": "#/components/schemas/Complaint"}),
                    },
                    "responses": _responses("201", "401", "409", "413", "422")
                    | {"200": {"description": "Already known: the existing case"}},
                }
            },
            "/status/{token}": {
                "get": {
                    "summary": "The customer's view of their case: status, updates, promised deadlines.",
                    "parameters": [
                        {"name": "token", "in": "path", "required": True, "schema": text}
                    ],
                    "responses": _responses("200", "404"),
                }
            },
            "/cases/{case_id}/respond": _agent_action(
                "Send the customer a response or progress update.", ["message"], {"message": text}
            ),
            "/cases/{case_id}/transition": _agent_action(
                "Move the case to another status.", ["to"], {"to": text, "reason": text}
            ),
            "/cases/{case_id}/resolve": _agent_action(
                "Mark the case resolved, saying how.", ["resolution"], {"resolution": text}
            ),
            "/cases/{case_id}/events": _agent_action(
                "Record an event your SOP names (holding_reply).",
                ["name"],
                {"name": text, "reason": text},
            ),
        },
        "components": {
            "securitySchemes": {"agent": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": text, "field": text},
                },
                "Complaint": {
                    "type": "object",
                    "required": ["external_id", "customer", "text"],
                    "properties": {
                        "channel": {**text, "default": "http"},
                        "external_id": text,
                        "received_at": {
                            **text,
                            "format": "date-time",
                            "description": "Defaults to now.",
                        },
                        "customer": {
                            "type": "object",
                            "required": ["id"],
                            "properties": dict.fromkeys(
                                ("id", "name", "contact", "tier", "region"), text
                            ),
                        },
                        "subject": text,
                        "text": text,
                        "product": text,
                        "order_id": text,
                        "language": text,
                        "amount": {
                            "type": "object",
                            "properties": {"amount": text, "currency": text},
                        },
                        "attributes": {"type": "object"},
                    },
                },
            },
        },
    }
