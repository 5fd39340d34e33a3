"""``GET /events``: every stored case event after a cursor, for publishers to catch up."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput

#: The most events one page returns.
MAX_EVENTS_PAGE = 1000


def events_endpoint(
    desk: Desk, agent: Callable[[Request], str]
) -> Callable[[Request], Awaitable[JSONResponse]]:
    """The handler: an agent's bearer token, ``after`` (the last cursor) and ``limit``."""

    async def events(request: Request) -> JSONResponse:
        agent(request)
        limit = request.query_params.get("limit", "100")
        if not limit.isdigit() or not 1 <= int(limit) <= MAX_EVENTS_PAGE:
            raise InvalidInput("limit", f"must be a whole number from 1 to {MAX_EVENTS_PAGE}")
        page = await run_in_threadpool(
            desk.events_since, request.query_params.get("after") or None, int(limit)
        )
        return JSONResponse(page.to_json())

    return events
