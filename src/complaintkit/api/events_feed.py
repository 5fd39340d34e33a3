"""``GET /events``: every stored case event after a cursor, for publishers to catch up."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from complaintkit.api.failures import ApiError
from complaintkit.delivery.published import TokenCut
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord, InvalidInput
from complaintkit.storage.event_feed import FeedPage, events_readable_since

#: The most events one page returns.
MAX_EVENTS_PAGE = 1000
_LIMIT_DIGITS = len(str(MAX_EVENTS_PAGE))

log = logging.getLogger(__name__)


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


def _page(desk: Desk, after: str | None, limit: int) -> FeedPage:
    """Up to ``limit`` events after ``after``, each damaged one (its body altered outside
    complaintkit) named in the page's ``damaged`` and logged, the cursor past it: a feed
    stopped there would stop its publisher for as long as the damage stayed. A backend that
    cannot read past one answers a 409 naming it once it comes next."""
    try:
        page = events_readable_since(desk.storage, after, limit)
    except DamagedRecord as exc:
        raise ApiError(
            409,
            f"the event feed cannot go past {exc}; this storage cannot read past a damaged "
            "event, so retrying will not help until it is repaired",
        ) from None
    for damaged in page.damaged:
        log.error("GET /events: %s; named in the page and passed", damaged.error)
    return page
