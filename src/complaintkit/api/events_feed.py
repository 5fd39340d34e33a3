"""``GET /events``: every stored case event after a cursor, for publishers to catch up."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from complaintkit.api.failures import ApiError
from complaintkit.delivery.published import TokenCut
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord, InvalidInput
from complaintkit.storage.base import EventPage

#: The most events one page returns.
MAX_EVENTS_PAGE = 1000
_LIMIT_DIGITS = len(str(MAX_EVENTS_PAGE))


def events_endpoint(
    desk: Desk, agent: Callable[[Request], str]
) -> Callable[[Request], Awaitable[JSONResponse]]:
    """The handler: an agent's bearer token, ``after`` (the last cursor) and ``limit``, each
    at most once."""

    async def events(request: Request) -> JSONResponse:
        agent(request)
        for name in ("after", "limit"):  # which of two a server reads is its own choice
            if len(request.query_params.getlist(name)) > 1:
                raise InvalidInput(name, "is given more than once; give it once")
        limit = request.query_params.get("limit", "100")
        # a few ASCII digits: "²" is a digit to ``isdigit`` and no number to ``int``, and
        # ``int`` refuses thousands of digits
        digits = limit.isascii() and limit.isdigit() and len(limit) <= _LIMIT_DIGITS
        if not digits or not 1 <= int(limit) <= MAX_EVENTS_PAGE:
            raise InvalidInput("limit", f"must be a whole number from 1 to {MAX_EVENTS_PAGE}")
        try:
            page = await run_in_threadpool(
                _page, desk, request.query_params.get("after") or None, int(limit)
            )
        except InvalidInput as exc:  # named as the client sent it: the cursor is ``after``
            raise InvalidInput(
                "after" if exc.field == "cursor" else exc.field, exc.message
            ) from None
        cut = TokenCut(desk.storage)  # a token a customer pasted is never published
        return JSONResponse(await run_in_threadpool(page.to_json, cut.published))

    return events


def _page(desk: Desk, after: str | None, limit: int) -> EventPage:
    """Up to ``limit`` events after ``after``; with a damaged one among them (its body
    altered outside complaintkit), those before it. A damaged event next is a 500 naming it:
    the feed cannot go past it, nor skip it, and it stays until an operator repairs it, so
    "storage is unavailable; retry later" would have the publisher retry forever."""
    try:
        return desk.events_since(after, limit)
    except DamagedRecord:
        pass
    read: list[EventPage] = []
    for _ in range(limit):  # one at a time, up to the damaged one: only on a damaged store
        try:
            page = desk.events_since(read[-1].cursor if read else after, 1)
        except DamagedRecord as exc:
            if read:
                break
            raise ApiError(
                500,
                f"the event feed cannot go past {exc}; retrying will not help until it is repaired",
            ) from None
        if not page.events:
            break
        read.append(page)
    if not read:  # the damage was gone by the time it was looked for: a page as any
        return desk.events_since(after, limit)
    return EventPage([event for page in read for event in page.events], read[-1].cursor)
