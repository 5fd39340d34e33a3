"""The Starlette application behind ``complaintkit serve``.

Every error is JSON ``{"error": ..., "field": ..., "request_id": ...}`` with a 4xx code
that says what went wrong: 401 a missing, stale or wrong signature or bearer token, 404 an
unknown case or token, 409 an illegal transition, a reply or compensation step to a case
that ended (or to an offer answered already), a change to
a case that kept changing under it (send it again) or, signed, an idempotency key another
complaint holds (unsigned, such a complaint is a case of its own: ``unsigned_keys``), 400 a body at another length than its ``Content-Length``, a request sending both
``Content-Length`` and ``Transfer-Encoding``, or a signature header sent twice, 408 a body
not whole within ``body_timeout`` seconds, 413 a body over the limit, 415 a body under a ``Content-Type`` that is no JSON, 422 invalid JSON or an invalid
field (named); 400, 408 and 413 close the connection, whose unread bytes would be taken for the next request. No
request body, however malformed, gets a 500: a complaint that cannot be taken in is kept
as a dead letter (source ``http:<channel>:<request id>``) with its raw body and reason —
without a secret, up to each sender's allowance (``refusals_kept``), past which the
refusal says it was not kept.
The Desk is synchronous, so its calls run in Starlette's thread pool.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any, NoReturn

import attrs
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from complaintkit.api import ack_limit, pages, step_retries, unsigned_keys
from complaintkit.api import agent as agent_steps
from complaintkit.api.access_log import hide_status_tokens
from complaintkit.api.answered_already import AnsweredAlready
from complaintkit.api.app_settings import acknowledgement_limit, check_settings
from complaintkit.api.body_deadline import DEFAULT_SECONDS, BodyDeadline, checked_seconds
from complaintkit.api.body_fields import reads_only, text
from complaintkit.api.case_versions import etag, expected_versions, held_to
from complaintkit.api.customer_events import customer_events
from complaintkit.api.events_feed import events_endpoint
from complaintkit.api.failures import (
    CLOSING,
    REQUEST_ID_HEADER,
    ApiError,
    NotKept,
    error_answer,
    failure,
    plugin_failed,
    request_id_in,
    steps_missing,
)
from complaintkit.api.group_commit import GroupCommit
from complaintkit.api.http_version import OnlyHttp1
from complaintkit.api.link_lifetime import (
    DEFAULT_LIFETIME,
    checked_lifetime,
    expired,
    expired_message,
)
from complaintkit.api.misdirected import form_keeping_others
from complaintkit.api.no_route import no_route
from complaintkit.api.offer_answers import answer_endpoint
from complaintkit.api.one_length import OneLength
from complaintkit.api.openapi import document, step_fields
from complaintkit.api.refusals_kept import DEFAULT_COUNT as REFUSALS_KEPT
from complaintkit.api.refusals_kept import DEFAULT_PERIOD as REFUSALS_KEPT_PERIOD
from complaintkit.api.refusals_kept import RefusalsKept
from complaintkit.api.request_body import (
    BodyCutShort,
    BodyNotAsDeclared,
    BodyTooLarge,
    foreign_charset,
    json_in_utf8,
    read_body,
)
from complaintkit.api.request_target import OriginForm
from complaintkit.api.status_link import status_location, token_before_tail
from complaintkit.api.status_view import customer_view
from complaintkit.channels.http_body import DEFAULT_CHANNEL, complaint_from_body
from complaintkit.channels.read_with import with_options
from complaintkit.desk import Desk, Taken
from complaintkit.errors import (
    IllegalTransition,
    InvalidInput,
    KeyConflict,
    PluginError,
    StepsMissing,
    StorageError,
    store_failed,
)
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.model.jsonvalues import json_kind, parse_json, printable
from complaintkit.notify.signing import (
    DEFAULT_WINDOW,
    HEADER,
    TIMESTAMP_HEADER,
    request_problem,
)
from complaintkit.plugin_said import said

DEFAULT_MAX_BODY = 64 * 1024

log = logging.getLogger(__name__)


def _key_held_unsigned() -> ApiError:
    """A key held by another complaint, as an unsigned sender would be told it — reached
    only if even the key of its own (``unsigned_keys.own_key``, a digest of what it says)
    is held: their customer id is whatever they say, so naming the fields that differ
    (kept for staff, in the dead letter) would let them guess another customer's order
    number or contact field by field, and telling the holder's customer from another would
    confirm a guessed id."""
    return ApiError(
        409,
        "external_id is held by a complaint with different content; kept for review instead of "
        "being counted as already known",
        "external_id",
    )


def _retried_whole(outcome: Taken | InvalidInput, complaint: Complaint) -> bool:
    """Whether an unsigned ``complaint`` stands as ``outcome`` has it: a case it opened, a
    refusal of its own (not its key held), or a retry repeating its case's complaint whole;
    else it is taken in under a key of its own (``unsigned_keys``)."""
    if isinstance(outcome, KeyConflict):
        return False
    return (
        isinstance(outcome, InvalidInput)
        or outcome.created
        or (unsigned_keys.repeats_whole(outcome.case, complaint))
    )


def _json_object(body: bytes) -> dict[str, Any]:
    data = parse_json(body, "body")
    if not isinstance(data, dict):
        raise ApiError(422, f"body must be a JSON object (got {json_kind(data)})", "body")
    return data


Handler = Callable[[Request], Awaitable[Response]]
Action = Callable[[str, dict[str, Any], str], Case]


def guarded(handler: Handler) -> Handler:
    """``handler`` with a request id on every answer and every failure turned into JSON."""

    async def endpoint(request: Request) -> Response:
        request_id = request_id_in(request.scope.setdefault("state", {}))
        try:
            response = await handler(request)
        except Exception as exc:  # every failure gets its status; see _failure
            return failure(exc, request_id, request.path_params.get("case_id"))
        response.headers[REQUEST_ID_HEADER] = request_id
        if response.status_code in CLOSING:  # a page's 413 too, not only the JSON errors'
            response.headers["Connection"] = "close"
        return response

    return endpoint


@attrs.frozen
class _Endpoints:
    """The handlers, sharing the Desk and the server's settings."""

    desk: Desk
    secret: str | None
    tokens: list[tuple[bytes, str]]  # (SHA-256 of the token's UTF-8, agent name)
    max_body: int
    channel: str
    signature_window: int
    group: GroupCommit
    limit: ack_limit.AcknowledgementLimit
    retries: step_retries.StepRetries
    refusals: RefusalsKept
    link_lifetime: timedelta

    def agent(self, request: Request) -> str:
        """The name of the agent whose token the request carries. Compared as bytes: the
        header as sent (Starlette reads it as Latin-1) against the token's UTF-8, so a
        token beyond ASCII works; only ASCII spaces are trimmed, as ``str.strip`` would
        also cut the bytes A0 and 85 that end some UTF-8 characters. Two headers are no
        credential: which one names the actor would depend on who reads them. Digests are
        compared, not the tokens: ``compare_digest`` answers at once when the lengths
        differ, and how fast a wrong token is refused would tell the right one's length."""
        sent = request.headers.getlist("authorization")
        raw = sent[0].encode("latin-1") if len(sent) == 1 else b""
        scheme, _, token = raw.partition(b" ")
        given = hashlib.sha256(token.strip()).digest()
        name = None
        for known, agent_name in self.tokens:  # every token compared, each in constant time
            if hmac.compare_digest(known, given) and scheme.lower() == b"bearer":
                name = agent_name
        if name is None:
            raise ApiError(
                401, "agent endpoints need 'Authorization: Bearer <agent token>'", "Authorization"
            )
        return name

    def authenticate(self, request: Request, body: bytes) -> None:
        """Refuse a request not signed within the window. Each signature header is sent
        once: of two copies, the one verified would be the server's pick, and a proxy
        checking the other would pass what this server never verified."""
        if self.secret is None:
            return
        for name in (TIMESTAMP_HEADER, HEADER):
            count = len(request.headers.getlist(name))
            if count > 1:
                raise ApiError(400, f"{name} is sent {count} times; send it once", name)
        problem = request_problem(
            self.secret,
            body,
            request.headers.get(HEADER),
            request.headers.get(TIMESTAMP_HEADER),
            self.desk.clock.now(),
            self.signature_window,
        )
        if problem is not None:  # unauthenticated bodies are not kept: no free storage
            raise ApiError(401, f"{problem[0]} {problem[1]}", problem[0])

    def take_in(self, body: bytes) -> Taken:
        """The case ``body`` opens or retries; ``InvalidInput`` (``KeyConflict`` for a key
        another complaint holds) otherwise."""
        now = self.desk.clock.now().astimezone(self.desk.zone)
        complaint = complaint_from_body(body, self.channel, now, signed=self.secret is not None)
        contact = complaint.customer.contact
        withheld, counted = None, None  # unsigned, as open as the form: the same limit
        if self.secret is None and contact is not None:
            address = ack_limit.mailbox(contact)
            withheld = self.limit.withheld(address, now)
            counted = None if withheld else address
        opened = False
        unsigned = self.secret is None
        kept = unsigned_keys.kept_under(self.desk.storage, complaint) if unsigned else complaint
        try:
            outcome = self.group.intake(kept, withheld)  # requests share a commit
            if unsigned and kept is complaint and not _retried_whole(outcome, complaint):
                # another request took its key since it was looked up
                outcome = self.group.intake(unsigned_keys.own_key(complaint), withheld)
            if isinstance(outcome, InvalidInput):
                raise outcome
            opened = outcome.created
            return outcome
        finally:  # a retry or a refusal sent nothing: the allowance is not used up
            if counted is not None and not opened:
                self.limit.give_back(counted, now)

    async def keep(
        self,
        request: Request,
        body: bytes,
        reason: str,
        refusal: Exception,
        sent_to: str | None = None,
    ) -> NoReturn:
        """Keep a refused complaint body as a dead letter its request id locates, then
        raise ``refusal``; unsigned, past the sender's allowance (``refusals_kept``), it is
        raised saying the body was not kept."""
        if self.secret is None:
            host = None if request.client is None else request.client.host
            why = self.refusals.unkept(host, self.desk.clock.now())
            if why is not None:
                raise NotKept(refusal, why)
        source = f"http:{self.channel}:{request.state.request_id}"
        charset = foreign_charset(request, body)
        # a body is kept under a secret only once its signature is verified: it may date
        # its complaint, and a retry must know that (a letter saying nothing is unsigned)
        signed = True if self.secret is not None else None
        recorded: dict[str, object] = {"charset": charset, "signed": signed}
        recorded["path"] = sent_to  # posted elsewhere (``misdirected``): where
        if any(v is not None for v in recorded.values()):
            source = with_options(source, {k: v for k, v in recorded.items() if v is not None})
        now = self.desk.clock.now()
        await run_in_threadpool(self.desk.storage.dead_letter, source, body, printable(reason), now)
        raise refusal

    async def post_complaint(self, request: Request) -> JSONResponse:
        try:
            body = await read_body(request, self.max_body)
        except BodyTooLarge as exc:  # a body not read whole cannot be authenticated
            if self.secret is None:
                await self.keep(request, exc.head, f"{exc} (its first {exc.limit} kept)", exc)
            raise
        except (BodyCutShort, BodyNotAsDeclared) as exc:  # what came is kept
            if self.secret is None and exc.head:
                await self.keep(request, exc.head, str(exc), exc)
            raise
        self.authenticate(request, body)
        try:
            json_in_utf8(request, body)
            outcome = await run_in_threadpool(self.take_in, body)
        except StorageError:
            raise
        except Exception as exc:  # whatever refused it, the body is kept with the reason
            reason = str(exc) if isinstance(exc, InvalidInput) else said(exc)
            unsigned_held = isinstance(exc, KeyConflict) and self.secret is None
            await self.keep(request, body, reason, _key_held_unsigned() if unsigned_held else exc)
        case = outcome.case
        return JSONResponse(
            {
                "case_id": case.id,
                "status": case.status.value,
                "status_url": f"{pages.base_path(request)}/status/{case.status_token}",
                "created": outcome.created,
            },
            status_code=201 if outcome.created else 200,
        )

    def case_and_events(self, token: str) -> tuple[Case, list[CaseEvent]] | None:
        """The case ``token`` shows, with its readable events; ``None`` if no case has it."""
        case = self.desk.storage.find_by_token(token)
        return None if case is None else (case, customer_events(self.desk.storage, case.id))

    def linked_token(self, sent: str) -> str | None:
        """The token of a case ``sent`` holds before punctuation a link took on
        (``status_link``), if any."""
        token = token_before_tail(sent)
        return None if token is None or not self.desk.storage.find_by_token(token) else token

    def no_case_shown(self, request: Request, page: bool, link_expired: bool) -> Response:
        """The answer for a token no case has, or whose link expired (``link_lifetime``):
        nothing of any case."""
        if page:
            lang = pages.page_language(request)
            return pages.expired_page(lang) if link_expired else pages.not_found_page(lang)
        if not link_expired:
            raise ApiError(404, "no case has this status token", "token")
        message = expired_message(self.link_lifetime)
        gone = error_answer(410, message, "token", request.state.request_id)
        gone.headers.update(pages.PRIVATE)
        return gone

    async def get_status(self, request: Request) -> Response:
        shown = pages.representation(request)
        if shown is None:
            raise ApiError(406, "this endpoint sends text/html or application/json", "accept")
        page = shown == "text/html"
        token = request.path_params["token"]
        try:
            found = await run_in_threadpool(self.case_and_events, token)
            linked = None if found else await run_in_threadpool(self.linked_token, token)
            if linked is not None:
                location = status_location(request, pages.base_path(request), linked)
                return RedirectResponse(location, status_code=308, headers=pages.PRIVATE)
        except Exception as exc:  # a browser gets a page it can read, the store failing
            if not page or not store_failed(exc):
                raise
            log.error("request %s: storage failed: %s", request.state.request_id, exc)
            return pages.unavailable_page(pages.page_language(request))
        if found is None or expired(found[0], self.desk.clock.now(), self.link_lifetime):
            return self.no_case_shown(request, page, found is not None)
        case, events = found
        if page:
            lang = pages.case_language(request, case)
            return pages.status_page(self.desk, case, events, lang, base=pages.base_path(request))
        zone_of = self.desk.shown_zones
        return JSONResponse(
            customer_view(case, events, self.desk.clock.now(), zone_of), headers=pages.PRIVATE
        )

    async def act(self, request: Request, run: Action) -> JSONResponse:
        """Run an agent's step, once per ``Idempotency-Key`` (kept in the store, with the
        step): a retry gets the first answer, after a restart too."""
        actor = self.agent(request)
        key = step_retries.key_of(request)
        body = json_in_utf8(request, await read_body(request, self.max_body))
        data = _json_object(body)
        # the scope's path, not request.url: a query of bytes over 127, which an ASGI
        # server may pass on, is no UTF-8 to read
        step = request.scope["path"].rsplit("/", 1)[-1]
        reads_only(data, step_fields(step), step)
        case_id = request.path_params["case_id"]

        expected = expected_versions(request)

        def changed() -> dict[str, Any]:
            try:
                with held_to(expected):
                    case = run(case_id, data, actor)
            except PluginError as exc:  # a store's answered as any failing store's: it
                if exc.of_store:  # may quote the store's files
                    raise
                raise plugin_failed(exc, request.state.request_id) from exc
            return {"case_id": case.id, "status": case.status.value, "version": case.version}

        if key is None:
            answer = await run_in_threadpool(changed)
            return JSONResponse(answer, headers={"ETag": etag(answer["version"])})
        asked = step_retries.fingerprint(request.scope["path"], data)
        answer, again = await self.retries.answer((actor, key), asked, changed)
        headers = {"ETag": etag(answer["version"])} | (
            {"Idempotent-Replayed": "true"} if again else {}
        )
        return JSONResponse(answer, headers=headers)

    async def get_case(self, request: Request) -> JSONResponse:
        """The case as stored, its version as its ETag; the customer's status token, the
        key to their page, left out."""
        self.agent(request)
        case = await run_in_threadpool(self.desk.get, request.path_params["case_id"])
        body = {k: v for k, v in case.to_json().items() if k != "status_token"}
        return JSONResponse(body, headers={"ETag": etag(case.version)})

    async def respond(self, request: Request) -> JSONResponse:
        desk = self.desk
        return await self.act(
            request, lambda cid, d, a: desk.respond(cid, text(d, "message"), actor=a)
        )

    async def transition(self, request: Request) -> JSONResponse:
        desk = self.desk

        def move(case_id: str, data: dict[str, Any], actor: str) -> Case:
            """The move ``to`` names; refused, the refusal names ``to`` as a bad field's
            does, an illegal one with the moves allowed."""
            to, reason = text(data, "to"), text(data, "reason", required=False)
            try:
                return desk.transition(case_id, to, actor=actor, reason=reason)
            except IllegalTransition as exc:
                if exc.target != to:
                    raise
                raise ApiError(409, str(exc), "to", {"allowed": list(exc.allowed)}) from None
            except StepsMissing as exc:
                if exc.target != to:
                    raise
                raise ApiError(409, str(exc), "to", steps_missing(exc)) from None

        return await self.act(request, move)

    async def resolve(self, request: Request) -> JSONResponse:
        desk = self.desk
        return await self.act(
            request, lambda cid, d, a: desk.resolve(cid, text(d, "resolution"), actor=a)
        )


def create_app(
    desk: Desk,
    *,
    secret: str | None = None,
    agent_tokens: Mapping[str, str] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    channel: str = DEFAULT_CHANNEL,
    signature_window: int = DEFAULT_WINDOW,
    form: bool | None = None,
    form_acknowledgements: int = ack_limit.DEFAULT_COUNT,
    form_acknowledgement_period: timedelta = ack_limit.DEFAULT_PERIOD,
    body_timeout: float = DEFAULT_SECONDS,
    refusals_kept: int = REFUSALS_KEPT,
    refusals_kept_period: timedelta = REFUSALS_KEPT_PERIOD,
    status_link_lifetime: timedelta = DEFAULT_LIFETIME,
) -> Starlette:
    """The API over ``desk``.

    ``secret``: when set, POST /complaints must carry ``X-Complaintkit-Timestamp: <Unix
    seconds>`` within ``signature_window`` seconds of the server's clock and
    ``X-Complaintkit-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">``.
    ``channel``: the channel of every complaint taken in here — half of its idempotency
    key, so the server sets it, never the request. ``agent_tokens``: bearer token → agent
    name; the name is the actor recorded on every agent action, and a token shorter than
    16 bytes (an empty one, from an unset variable), or one with a blank at either end or a
    control character, which no header carries, is a ``ConfigError``. No tokens, no
    agent endpoints. Whatever server runs it, uvicorn's access log shows status paths
    without their tokens (``access_log``). ``form``: whether ``/`` serves the public
    complaint form, which no one signs: whoever can reach it can have the desk acknowledge
    to any address they type. By default it is served unless ``secret`` is set, so that a
    server asking for signed complaints has no unsigned way in; ``form=True`` serves it
    beside a secret. ``form_acknowledgements``: how many complaints from the form (and,
    without a ``secret``, from POST /complaints) giving one address are acknowledged in any ``form_acknowledgement_period``; those past it are kept
    as cases all the same, but their customer is sent nothing on opening.
    ``body_timeout``: seconds from a request's headers to its body's last byte; a body not
    whole by then is refused with 408 (what came of a complaint kept as a dead letter).
    ``refusals_kept``: without a ``secret``, how many refused bodies from one sender
    address are kept as dead letters in any ``refusals_kept_period`` (all senders
    together, ten times that); past it a refusal is answered saying it was not kept.
    ``status_link_lifetime``: how long a status link shows a case that ended, after its
    last change; then the page and the offer answers say it expired (410, ``link_lifetime``).
    """
    check_settings(max_body, channel, signature_window, secret, agent_tokens or {})
    checked_seconds(body_timeout)
    checked_lifetime(status_link_lifetime)
    hide_status_tokens(logging.getLogger("uvicorn.access"))  # its filters outlive its config
    tokens = [
        (hashlib.sha256(token.encode("utf-8")).digest(), name)
        for token, name in (agent_tokens or {}).items()
    ]
    limit = acknowledgement_limit(form_acknowledgements, form_acknowledgement_period)
    api = _Endpoints(
        desk,
        secret,
        tokens,
        max_body,
        channel,
        signature_window,
        GroupCommit(desk),
        limit,
        step_retries.StepRetries(desk.clock, desk.storage, desk.announcing_after),
        RefusalsKept(refusals_kept, refusals_kept_period),
        status_link_lifetime,
    )
    described: dict[str, Any] = {}

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(described)

    serves_form = secret is None if form is None else form
    # the form's refusals kept whole count against the sender's allowance, as POST /complaints'
    form_endpoint = form_keeping_others(api, pages.form_endpoint(desk, limit, api.refusals))
    form_routes = [Route("/", guarded(form_endpoint), methods=["GET", "POST"])]
    app = Starlette(
        routes=[
            *(form_routes if serves_form else []),
            Route("/complaints", guarded(api.post_complaint), methods=["POST"]),
            Route("/status/{token}", guarded(api.get_status), methods=["GET"]),
            Route(
                "/status/{token}/offers/{offer_id}",
                guarded(answer_endpoint(desk, status_link_lifetime)),
                methods=["POST"],
            ),
            Route("/cases/{case_id}", guarded(api.get_case), methods=["GET"]),
            Route("/cases/{case_id}/respond", guarded(api.respond), methods=["POST"]),
            Route("/cases/{case_id}/transition", guarded(api.transition), methods=["POST"]),
            Route("/cases/{case_id}/resolve", guarded(api.resolve), methods=["POST"]),
            *agent_steps.routes(desk, api.act, guarded),
            Route("/events", guarded(events_endpoint(desk, api.agent)), methods=["GET"]),
            Route("/openapi.json", guarded(openapi), methods=["GET"]),
        ],
        exception_handlers={HTTPException: no_route(api)},
        middleware=[
            Middleware(AnsweredAlready),
            Middleware(OnlyHttp1),
            Middleware(OneLength),
            Middleware(OriginForm),
            Middleware(BodyDeadline, seconds=body_timeout),
        ],
    )
    # a redirect for a trailing slash is a 3xx a sender may count as delivered, though
    # nothing was read or kept: the path is an error that says how to write it
    app.router.redirect_slashes = False
    described.update(document(app.routes, max_body, channel))  # every route, or it fails now
    return app
