"""A complaint body sent where no endpoint takes it as sent — JSON posted to the form's
address ``/`` — is refused all the same, and kept: as ``POST /complaints`` keeps a body it
refuses, a dead letter under the request id the answer names, its source recording the
path it was sent to (``http:<channel>:<request id> {"path": "/"}``), which ``dead-letters
retry`` reads as the JSON complaint it was meant to be. Under a secret a body is kept only
once its signature is verified, as ``/complaints`` keeps nothing unverified."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import NoReturn, Protocol

from starlette.requests import Request
from starlette.responses import Response

from complaintkit.api.body_peek import peeked
from complaintkit.api.failures import ApiError, NotKept
from complaintkit.api.form_fields import is_multipart
from complaintkit.api.media_type import (
    FORM_TYPES,
    UnsupportedMediaType,
    check_media_type,
    content_type,
)
from complaintkit.api.request_body import BodyCutShort, BodyNotAsDeclared, BodyTooLarge, read_body

#: Where a JSON complaint is posted.
COMPLAINTS = "/complaints"
#: A path's runs of slashes, and the last segments that name complaints.
_SLASHES = re.compile(r"/+")
_NAMES = ("/complaints", "/complaint")


def meant_for_complaints(path: str) -> bool:
    """Whether ``path`` is ``/complaints`` or a near miss of it: with a trailing or doubled
    slash, in capitals, in the singular, under a prefix (``/api/complaints``)."""
    written = _SLASHES.sub("/", path).rstrip("/").lower()
    return written.endswith(_NAMES)


class Keeper(Protocol):
    """What keeps a refused complaint body: the API's endpoints."""

    @property
    def secret(self) -> str | None: ...

    @property
    def max_body(self) -> int: ...

    def authenticate(self, request: Request, body: bytes) -> None: ...

    async def keep(
        self,
        request: Request,
        body: bytes,
        reason: str,
        refusal: Exception,
        sent_to: str | None = None,
    ) -> NoReturn: ...


async def keep_misdirected(
    keeper: Keeper, request: Request, refusal: Exception, why: str
) -> NoReturn:
    """Keep the body of ``request``, refused with ``refusal`` because ``why``, then raise
    ``refusal``; a body not read whole raises its own refusal (413, 400, 408: the connection
    closes), what arrived of it kept, as ``/complaints`` does."""
    path = str(request.scope.get("path", ""))[:200]
    reason = f"sent to {path!r:.80}, which {why}"
    try:
        body = await read_body(request, keeper.max_body)
    except BodyTooLarge as exc:  # a body not read whole cannot be authenticated
        if keeper.secret is None:
            await keeper.keep(
                request, exc.head, f"{reason}; {exc} (its first {exc.limit} kept)", exc
            )
        raise
    except (BodyCutShort, BodyNotAsDeclared) as exc:
        if keeper.secret is None and exc.head:
            await keeper.keep(request, exc.head, f"{reason}; {exc}", exc, path)
        raise
    if not body:
        raise refusal
    if keeper.secret is not None:
        try:
            keeper.authenticate(request, body)
        except ApiError as exc:
            raise NotKept(refusal, f"not kept as a dead letter: {exc.message}") from None
    await keeper.keep(request, body, reason, refusal, path)


def form_keeping_others(
    keeper: Keeper, form: Callable[[Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    """The form's endpoint, a body posted to it under another type than a form's, or that
    is JSON (``body_peek``), refused (415) and kept first."""

    async def endpoint(request: Request) -> Response:
        if request.method == "POST":
            try:
                kind = content_type(request)
                check_media_type(kind, FORM_TYPES)
                if not kind or not is_multipart(kind):  # a form's, or none: JSON inside?
                    request, first = await peeked(request)
                    if first in (b"{", b"["):
                        raise UnsupportedMediaType(
                            f"is {f'{kind!r:.80}' if kind else 'missing'}, but the body is JSON; this "
                            f"endpoint reads a browser's form: post JSON to {COMPLAINTS}"
                        )
            except UnsupportedMediaType as exc:
                why = f"takes only a form: a JSON complaint is posted to {COMPLAINTS}"
                await keep_misdirected(keeper, request, exc, why)
        return await form(request)

    return endpoint
