"""The customer's answer to an offer, given on their status page: accept or decline.

``POST /status/{token}/offers/{offer_id}`` takes the page's form (``answer=accept`` or
``answer=decline``) and answers with the page again, or a JSON body ``{"answer": ...}`` and
answers with JSON (also when labelled a form, as ``curl -d`` labels it: ``is_json_object``). The status token is the customer's capability: whoever holds it may see
the case, and so answer what it offers. The answer is recorded through the Desk's own
``accept_compensation`` / ``decline_compensation`` with the customer as the actor
(``customer:<customer id>``, ``customer_actor``), so caps, history, the audit chain,
letters and replay see it as they see an answer staff record, and say whose it was.

An answer is given once. The same answer again (a double click, a reload, a retry after a
lost reply) is a success that changes nothing; the other answer afterwards is a 409 naming
the one recorded. An offer that lapsed with its case, one unknown (or never offered: a
proposal is not shown, so it cannot be answered either) and a case that kept changing
under the answer are each a clear refusal, never a 500; nothing the customer sent is lost,
as they can send it again — and one a plugin fails (their sending it again would fail
alike) is kept as a dead letter for staff to record.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Final, NoReturn

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from complaintkit.api import pages
from complaintkit.api.body_fields import reads_only
from complaintkit.api.case_versions import HEADER, expected_versions
from complaintkit.api.customer_events import customer_events
from complaintkit.api.form_fields import is_multipart, read_fields
from complaintkit.api.kept_fields import ANSWER_SOURCE, broken_reason, keep
from complaintkit.api.link_lifetime import expired, expired_message
from complaintkit.api.media_type import content_type
from complaintkit.api.offers import offers
from complaintkit.api.request_body import BodyTooLarge, json_in_utf8, read_body
from complaintkit.api.status_view import customer_view
from complaintkit.api.wording import say
from complaintkit.desk import Desk
from complaintkit.desk.expected_version import expecting
from complaintkit.errors import (
    Conflict,
    InvalidInput,
    PluginError,
    StorageError,
    VersionMismatch,
    store_failed,
)
from complaintkit.model.case import Case
from complaintkit.model.compensation import ACCEPTED, DECLINED, LAPSED
from complaintkit.model.customer_actor import customer_actor
from complaintkit.model.jsonvalues import json_kind, parse_json, printable
from complaintkit.model.language import Lang

log = logging.getLogger(__name__)

#: The reason recorded with it (kept in the history; the customer never sees reasons).
REASON: Final = "answered on the status page"
#: Each answer the page sends, and the state it leaves the offer in.
ANSWERS: Final = {"accept": ACCEPTED, "decline": DECLINED}
#: The largest body read: a form of two fields, or ``{"answer": "decline"}``, is tiny.
MAX_BODY: Final = 4096
_FORM_KEYS: Final = frozenset({"answer", "lang"})
_URLENCODED: Final = "application/x-www-form-urlencoded"


class Refused(Exception):
    """An answer not recorded: ``status`` for the reply, ``say`` the page's words for it,
    ``message`` and ``field`` for JSON, ``recorded`` the answer that stands, if any."""

    def __init__(
        self,
        status: int,
        say: str,
        message: str,
        field: str | None = None,
        recorded: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.say, self.message = status, say, message
        self.field, self.recorded = field, recorded


def _case(desk: Desk, token: str) -> Case:
    case = desk.storage.find_by_token(token)
    if case is None:
        raise Refused(404, "not_found", "no case has this status token", "token")
    return case


def _offer(case: Case, offer_id: str) -> dict[str, Any]:
    for offer in offers(case):
        if offer["id"] == offer_id:
            return offer
    message = f"this case has no offer {offer_id!r:.60}"
    raise Refused(404, "answer_unknown_offer", message, "offer_id")


def _settled(case: Case, offer_id: str, answer: str) -> bool:
    """Whether the offer already holds ``answer`` (``True``), still waits for one
    (``False``), or cannot take it (``Refused``)."""
    status = _offer(case, offer_id)["status"]
    if status == ANSWERS[answer]:
        return True
    if status in (ACCEPTED, DECLINED):
        message = f"this offer was {status} already; an answer cannot be changed"
        raise Refused(409, f"answer_was_{status}", message, "answer", status)
    if status == LAPSED:
        message = "this offer lapsed: its case ended before it was answered"
        raise Refused(409, "answer_lapsed", message, "offer_id")
    return False


def record_answer(
    desk: Desk, token: str, offer_id: str, answer: str, expected: frozenset[int] | None = None
) -> tuple[Case, bool]:
    """The case after the customer's ``answer`` (a key of ``ANSWERS``) to ``offer_id``,
    and whether this call recorded it (``False``: it was recorded already); recorded only
    while the case is at one of the ``expected`` versions (``If-Match``; None: any)."""
    case = _case(desk, token)
    if _settled(case, offer_id, answer):
        return case, False
    step = desk.accept_compensation if answer == "accept" else desk.decline_compensation
    try:
        actor = customer_actor(case.customer_id)
        with expecting(expected):  # checked where the Desk reads the case it changes
            return step(case.id, offer_id, actor=actor, reason=REASON), True
    except VersionMismatch:  # not the version it is at: that counts what staff did inside
        message = "the case changed since the version If-Match names; read it again"
        raise Refused(412, "answer_busy", message, HEADER) from None
    except Conflict:  # the Desk tried again and the case kept changing: ask to resend
        message = "the case kept changing while the answer was recorded; send it again"
        raise Refused(409, "answer_busy", message, "version") from None
    except InvalidInput as exc:  # answered or ended meanwhile, or refused (a cap)
        case = _case(desk, token)
        if _settled(case, offer_id, answer):
            return case, False
        log.warning("case %s: the customer's answer to %s refused: %s", case.id, offer_id, exc)
        _tell_staff(desk, case, offer_id, answer, exc.message)
        message = "this answer cannot be recorded now; please contact us"
        raise Refused(409, "answer_refused", message, "answer") from None
    except PluginError as exc:  # the desk's bug, not the answer's: kept for staff
        if exc.of_store:  # a store failing, where nothing can be kept: try again later
            raise
        log.error("case %s: the customer's answer to %s failed", case.id, offer_id, exc_info=exc)
        fields = {"case_id": case.id, "offer_id": offer_id, "answer": answer}
        reason = f"the answer could not be recorded: {exc}"
        keep(desk, f"{ANSWER_SOURCE}:{case.id}:{offer_id}", fields, reason)
        message = "your answer could not be recorded just now; it was kept for our staff"
        raise Refused(503, "answer_kept", message) from None


def keep_broken(
    desk: Desk, token: str, offer_id: str, values: Mapping[str, str], broken: Sequence[str]
) -> NoReturn:
    """Refuse an answer whose form ``read_fields`` found ``broken`` (its last field may be
    cut short), keeping what it sent as a dead letter of ``answer:<case id>:<offer id>``
    naming the defect, as the complaint form keeps such a complaint; the status token, the
    customer's key to the case, is not kept with it."""
    case = _case(desk, token)
    _offer(case, offer_id)
    reason = broken_reason(broken)
    fields = {"case_id": case.id, "offer_id": offer_id, **values}
    keep(desk, f"{ANSWER_SOURCE}:{case.id}:{offer_id}", fields, reason)
    raise Refused(400, "answer_broken", reason, "body")


def _tell_staff(desk: Desk, case: Case, offer_id: str, answer: str, why: str) -> None:
    """Record the refusal on the case (``Desk.answer_refused``), whose notification rules,
    publishers and hooks tell staff; failing to, the log line above still says it."""
    actor = customer_actor(case.customer_id)
    try:
        desk.answer_refused(case.id, offer_id, answer=answer, why=why, actor=actor)
    except (Conflict, InvalidInput, PluginError, StorageError) as exc:  # a rule's plugin too
        log.error(
            "case %s: the refused answer to %s could not be recorded: %s", case.id, offer_id, exc
        )


def is_json_object(body: bytes) -> bool:
    """Whether an urlencoded ``body`` is JSON sent as ``curl -d '{...}'`` labels it: no
    form's body starts with ``{`` (its first byte begins a field name, which a browser
    percent-encodes), so such a body is read, and answered, as JSON."""
    return body.lstrip(b" \t\r\n").startswith(b"{")


def _json_answer(body: bytes) -> object:
    """The ``answer`` of a JSON body, which holds nothing else: a field the answer does not
    read (``{"answer": "decline", "counter_offer": "50"}``) would be dropped without a word
    while the answer was recorded, as an agent's step refuses one."""
    data = parse_json(body, "body")
    if not isinstance(data, dict):
        raise InvalidInput("body", f"must be a JSON object (got {json_kind(data)})")
    reads_only(data, ("answer",), "an answer")
    return data.get("answer")


def _lang(request: Request, case: Case | None) -> Lang:
    return pages.page_language(request) if case is None else pages.case_language(request, case)


def _error(request: Request, refused: Refused) -> JSONResponse:
    body: dict[str, Any] = {
        "error": printable(refused.message),
        "field": refused.field,
        "request_id": request.state.request_id,
    }
    if refused.recorded is not None:
        body["recorded"] = refused.recorded
    return JSONResponse(body, status_code=refused.status, headers=pages.PRIVATE)


def _unexpired(desk: Desk, token: str, lifetime: timedelta) -> None:
    """Refuse an answer by a link that expired (``link_lifetime``), saying no more."""
    case = desk.storage.find_by_token(token)
    if case is not None and expired(case, desk.clock.now(), lifetime):
        raise Refused(410, "link_expired", expired_message(lifetime), "token")


def answer_endpoint(desk: Desk, lifetime: timedelta) -> Callable[[Request], Awaitable[Response]]:
    """The route's handler (under ``app.guarded``, which sets ``request.state.request_id``
    and turns any other failure into JSON); ``lifetime``: an ended case's link's."""

    async def page(request: Request, token: str, refused: Refused) -> Response:
        """The status page again with why the answer was not recorded, and the request
        id to quote; the not-found page for a token no case has."""
        try:
            case = await run_in_threadpool(desk.storage.find_by_token, token)
            events = (
                []
                if case is None
                else await run_in_threadpool(customer_events, desk.storage, case.id)
            )
        except Exception as exc:
            if not store_failed(exc):
                raise
            return pages.unavailable_page(pages.page_language(request))
        if case is None:
            return pages.not_found_page(pages.page_language(request))
        if expired(case, desk.clock.now(), lifetime):
            return pages.expired_page(pages.page_language(request))
        lang = _lang(request, case)
        reference = say("reference", lang, id=request.state.request_id)
        named = {"field": refused.field or ""} if refused.say == "field_repeated" else {}
        words = html.escape(say(refused.say, lang, **named))
        notice = f"{words} <span class=muted>{html.escape(reference)}</span>"
        base = pages.base_path(request)
        return pages.status_page(
            desk, case, events, lang, base=base, notice=notice, status=refused.status
        )

    async def endpoint(request: Request) -> Response:
        token, offer_id = request.path_params["token"], request.path_params["offer_id"]
        kind = content_type(request) or ""
        urlencoded = kind.split(";")[0].strip().lower() == _URLENCODED
        form = is_multipart(kind) or urlencoded
        try:
            try:
                body = await read_body(request, MAX_BODY)
            except BodyTooLarge as exc:
                if not form or (urlencoded and is_json_object(exc.head)):
                    raise
                raise Refused(413, "answer_too_large", "body over the limit", "body") from None
            form = form and not (urlencoded and is_json_object(body))
            await run_in_threadpool(_unexpired, desk, token, lifetime)
            if form:
                answer: object = await _form_answer(desk, token, offer_id, body, kind)
            else:
                answer = _json_answer(json_in_utf8(request, body))
            if not isinstance(answer, str) or answer not in ANSWERS:
                message = "must be 'accept' or 'decline'"
                raise Refused(422, "answer_missing", message, "answer")
            case, changed = await run_in_threadpool(
                record_answer, desk, token, offer_id, answer, expected_versions(request)
            )
        except Refused as refused:
            return await page(request, token, refused) if form else _error(request, refused)
        except Exception as exc:  # a plugin's store failing too (``store_failed``)
            if not form or not store_failed(exc):
                raise
            return pages.unavailable_page(pages.page_language(request))
        if form:
            lang = _lang(request, case)
            where = f"{pages.base_path(request)}/status/{token}?lang={lang}#offer-{offer_id}"
            return RedirectResponse(where, status_code=303, headers=pages.PRIVATE)
        offer = _offer(case, offer_id)
        answered = {"offer": _offer_json(desk, case, offer), "changed": changed}
        return JSONResponse(answered, headers=pages.PRIVATE)

    return endpoint


async def _form_answer(desk: Desk, token: str, offer_id: str, body: bytes, kind: str) -> object:
    """The answer a form sent; refused when a field was sent twice, or when the body is
    broken (maybe cut short: kept, as the complaint form keeps one)."""
    broken: list[str] = []
    values, repeated = read_fields(body, kind, _FORM_KEYS, broken=broken)
    if repeated:
        message = f"{repeated[0]!r} was sent more than once"
        raise Refused(422, "field_repeated", message, repeated[0])
    if broken:
        await run_in_threadpool(keep_broken, desk, token, offer_id, values, broken)
    return values.get("answer")


def _offer_json(desk: Desk, case: Case, offer: Mapping[str, Any]) -> dict[str, Any]:
    """The offer as the status view's ``compensation`` lists it."""
    view = customer_view(case, [], desk.clock.now(), desk.shown_zones)
    return next(o for o in view["compensation"] if o["id"] == offer["id"])
