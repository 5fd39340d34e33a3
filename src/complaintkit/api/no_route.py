"""The answer to a request no route takes: an unknown path (404) or a method the path does
not take (405, with ``Allow``), in the API's JSON with a request id like every other
error, not the router's plain text. A complaint sent to a near miss of ``/complaints``
(``misdirected.meant_for_complaints``), or with another method, is kept as a dead letter
first: a client that mistyped the path would otherwise lose it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import quote, quote_from_bytes

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from complaintkit.api import pages
from complaintkit.api.failures import ApiError, error_answer, failure, request_id_in
from complaintkit.api.misdirected import COMPLAINTS, Keeper, keep_misdirected, meant_for_complaints


def no_route(keeper: Keeper) -> Callable[[Request, Exception], Awaitable[Response]]:
    """The router's exception handler, keeping complaints through ``keeper``."""

    async def answer(request: Request, raised: Exception) -> Response:
        """A browser's ``GET`` of a page's path with a trailing slash (a status link that
        gained one) is sent on to the path without it: no sender counts that as
        delivered."""
        exc = raised if isinstance(raised, HTTPException) else HTTPException(404)
        headers = exc.headers or {}
        path = str(request.scope.get("path", ""))  # not request.url: a query of bytes over
        unslashed = path.rstrip("/")  # 127, which some servers pass on, is no UTF-8 to read
        slashed = unslashed != path and any(
            isinstance(route, Route) and route.path_regex.match(unslashed)
            for route in request.app.router.routes
        )
        if slashed and request.method in ("GET", "HEAD") and pages.wants_html(request):
            query = quote_from_bytes(request.scope.get("query_string", b""), safe="&=%+;")
            location = quote(unslashed) + (f"?{query}" if query else "")  # the path as sent
            return RedirectResponse(location, status_code=308, headers=pages.PRIVATE)
        complaint = meant_for_complaints(path)
        messages = {
            404: f"no such endpoint; write {unslashed} without the trailing slash"
            if slashed
            else f"no such endpoint; a complaint is posted to {COMPLAINTS}: send it there"
            if complaint
            else "no such endpoint; GET /openapi.json lists them",
            405: f"this endpoint takes only {headers.get('Allow')}{_cased(request.method, headers)}",
        }
        field = "method" if exc.status_code == 405 else "path"
        request_id = request_id_in(request.scope.setdefault("state", {}))
        message = messages.get(exc.status_code, exc.detail)
        if complaint:
            refusal = ApiError(exc.status_code, message, field)
            why = (
                f"is not {COMPLAINTS}"
                if exc.status_code == 404
                else f"{COMPLAINTS} takes only POST"
            )
            try:
                await keep_misdirected(keeper, request, refusal, why)
            except Exception as refused:  # the refusal, kept or not (or the body's own)
                response: Response = failure(refused, request_id)
            response.headers.update(headers)
            return response
        response = error_answer(exc.status_code, message, field, request_id)
        response.headers.update(headers)
        return response

    return answer


def _cased(method: str, headers: Mapping[str, str]) -> str:
    """Why a method the endpoint takes in capitals (``post``) was refused: methods are
    case-sensitive (RFC 9110, 9.1), and a client library passes on what it was given."""
    allowed = [name.strip() for name in headers.get("Allow", "").split(",")]
    if method != method.upper() and method.upper() in allowed:
        return f"; a method is written in capitals: {method.upper()}, not {method[:16]!r}"
    return ""
