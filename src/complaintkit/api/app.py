"""The Starlette application behind ``complaintkit serve``.

Every error is JSON ``{"error": ..., "field": ...}`` with a 4xx code that says what went
wrong: 401 a missing or wrong signature or bearer token, 404 an unknown case or token,
409 an illegal transition, 413 a body over the limit, 422 invalid JSON or an invalid
field (named), 503 a storage that cannot be reached. No error names a storage URL or a
file path. Rejected complaints are also kept as dead letters. The Desk is synchronous,
so its calls run in Starlette's thread pool.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from complaintkit.api import agent as agent_steps
from complaintkit.api import pages
from complaintkit.api.openapi import document
from complaintkit.api.status_view import customer_view
from complaintkit.desk import Desk
from complaintkit.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    StepsMissing,
    StorageError,
)
from complaintkit.model.complaint import Complaint
from complaintkit.model.language import language_of
from complaintkit.notify.signing import HEADER, verify

DEFAULT_MAX_BODY = 64 * 1024


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def _error(status: int, message: str, field: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if field is not None:
        body["field"] = field
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"body is {declared} bytes; the limit is {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"body exceeds the limit of {limit} bytes")
    return bytes(body)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(422, f"body is not valid JSON: {exc}", "body") from None
    if not isinstance(data, dict):
        raise ApiError(422, f"body must be a JSON object (got {type(data).__name__})", "body")
    return data


async def _read_object(request: Request, limit: int) -> dict[str, Any]:
    return _json_object(await _read_body(request, limit))


def _text_field(data: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ApiError(422, f"{name} is required and must be a non-blank string", name)
    return value


Handler = Callable[[Request], Awaitable[Response]]


def guarded(handler: Handler) -> Handler:
    """``handler`` with the library's errors as JSON error responses."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return _error(exc.status, exc.message, exc.field)
        except InvalidInput as exc:
            return _error(422, exc.message, exc.field)
        except NotFound:
            # the storage's own message names its URL or file; the API names the case
            case_id = request.path_params.get("case_id")
            return _error(404, "not found" if case_id is None else f"no case {case_id!r}")
        except (IllegalTransition, Conflict, StepsMissing) as exc:
            return _error(409, str(exc))
        except StorageError:  # its message names the storage URL or file: not for clients
            return _error(503, "storage is unavailable; try again later")

    return endpoint


def create_app(
    desk: Desk,
    *,
    secret: str | None = None,
    agent_tokens: Mapping[str, str] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> Starlette:
    """The API over ``desk``.

    ``secret``: when set, POST /complaints must carry ``X-Complaintkit-Signature:
    sha256=<HMAC-SHA256 of the body>``. ``agent_tokens``: bearer token → agent name; the
    name is the actor recorded on every agent action. No tokens, no agent endpoints.
    """
    tokens = dict(agent_tokens or {})

    def agent(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        name = tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if name is None:
            raise ApiError(401, "agent endpoints need 'Authorization: Bearer <agent token>'")
        return name

    async def post_complaint(request: Request) -> JSONResponse:
        body = await _read_body(request, max_body)
        if secret is not None and not verify(secret, body, request.headers.get(HEADER)):
            raise ApiError(401, f"{HEADER} is missing or does not match the body", HEADER)
        try:
            data = _json_object(body)
            data.setdefault("channel", "http")
            data.setdefault("received_at", desk.clock.now().astimezone(desk.zone).isoformat())
            complaint = Complaint.from_json(data)
        except (ApiError, InvalidInput) as exc:
            reason = exc.message if isinstance(exc, ApiError) else str(exc)
            await run_in_threadpool(
                desk.storage.dead_letter, "http:/complaints", body, reason, desk.clock.now()
            )
            raise
        known = await run_in_threadpool(desk.storage.find_by_key, *complaint.key)
        case = known if known is not None else await run_in_threadpool(desk.intake, complaint)
        return JSONResponse(
            {
                "case_id": case.id,
                "status": case.status.value,
                "status_url": f"/status/{case.status_token}",
                "created": known is None,
            },
            status_code=200 if known else 201,
        )

    async def get_status(request: Request) -> Response:
        token = request.path_params["token"]
        case = await run_in_threadpool(desk.storage.find_by_token, token)
        page = pages.wants_html(request)
        if case is None:
            if page:
                return pages.not_found_page(pages.page_language(request))
            raise ApiError(404, "no case has this status token")
        events = await run_in_threadpool(desk.storage.events, case.id)
        if page:
            asked = request.query_params.get("lang")
            lang = language_of(asked or case.complaint.language, case.complaint.text)
            return pages.status_page(desk, case, events, lang)
        return JSONResponse(customer_view(case, events))

    async def act(request: Request, run: Callable[[str, dict[str, Any], str], Any]) -> JSONResponse:
        actor = agent(request)
        data = _json_object(await _read_body(request, max_body))
        case = await run_in_threadpool(run, request.path_params["case_id"], data, actor)
        return JSONResponse(
            {"case_id": case.id, "status": case.status.value, "version": case.version}
        )

    async def respond(request: Request) -> JSONResponse:
        return await act(
            request, lambda cid, d, a: desk.respond(cid, _text_field(d, "message"), actor=a)
        )

    async def transition(request: Request) -> JSONResponse:
        return await act(
            request,
            lambda cid, d, a: desk.transition(
                cid, _text_field(d, "to"), actor=a, reason=_text_field(d, "reason", required=False)
            ),
        )

    async def resolve(request: Request) -> JSONResponse:
        return await act(
            request, lambda cid, d, a: desk.resolve(cid, _text_field(d, "resolution"), actor=a)
        )

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(document(max_body))

    return Starlette(
        routes=[
            Route(
                "/",
                guarded(pages.form_endpoint(desk, lambda r: _read_body(r, max_body))),
                methods=["GET", "POST"],
            ),
            Route("/complaints", guarded(post_complaint), methods=["POST"]),
            Route("/status/{token}", guarded(get_status), methods=["GET"]),
            Route("/cases/{case_id}/respond", guarded(respond), methods=["POST"]),
            Route("/cases/{case_id}/transition", guarded(transition), methods=["POST"]),
            Route("/cases/{case_id}/resolve", guarded(resolve), methods=["POST"]),
            *agent_steps.routes(desk, agent, lambda r: _read_object(r, max_body), guarded),
            Route("/openapi.json", openapi, methods=["GET"]),
        ]
    )
