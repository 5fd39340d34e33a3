"""The customer's pages: a complaint form and a status page, in HTML, zh or en.

``complaintkit serve`` answers a browser with these and an API client with JSON (content
negotiation on ``Accept``). They are built for a phone first (viewport, 16 px text, one
column), for screen readers (``lang``, labels, errors tied to their field with
``aria-describedby``), and for trust: times in the policy's zone in plain words, both
promised times, a note when the complaint arrived after hours and when we open, what we
offered them and where each offer stands (with buttons to answer one waiting for an
answer: ``offer_answers``), the policy's labels, never an internal id or a UTC timestamp.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from complaintkit.api.accept import chosen
from complaintkit.api.ack_limit import AcknowledgementLimit, mailbox
from complaintkit.api.form_complaint import (
    FIELDS,
    FORM_KEYS,
    MAX_TEXT,
    complaint_from_form,
    entered,
    form_errors,
    submission_of,
)
from complaintkit.api.form_fields import (
    MAX_FIELDS,
    TOO_MANY_FIELDS,
    is_multipart,
    kept_as_sent,
    read_fields,
    read_form,
)
from complaintkit.api.heading import heading_of
from complaintkit.api.kept_fields import broken_reason, form_source, keep
from complaintkit.api.media_type import FORM_TYPES, check_media_type, content_type
from complaintkit.api.offers import offers, offers_html
from complaintkit.api.page_style import STYLE
from complaintkit.api.refusals_kept import RefusalsKept
from complaintkit.api.request_body import BodyTooLarge, read_body
from complaintkit.api.status_view import replies
from complaintkit.api.wording import from_accept_language, next_step, plain_time, say, status_words
from complaintkit.channels.intake import READ
from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput, KeyConflict, StorageError
from complaintkit.graphemes import tamed
from complaintkit.model.case import Case
from complaintkit.model.compensation import OFFERED
from complaintkit.model.complaint import MAX_ID_CHARS, MAX_SUBJECT_CHARS
from complaintkit.model.events import CaseEvent
from complaintkit.model.jsonvalues import printable
from complaintkit.model.language import Lang, language_of
from complaintkit.model.lifecycle import SOLVED, TERMINAL, Status
from complaintkit.notify.templates import clock_due, opens_at
from complaintkit.notify.visible_text import visible
from complaintkit.plugin_said import said
from complaintkit.sla.shown_zone import shown_zone

log = logging.getLogger(__name__)

#: The bytes of a form whose every field is at its longest, each character percent-encoded
#: (twelve bytes for a four-byte UTF-8 one), with a kilobyte for names and hidden fields:
#: a form the customer may send is never too big to read.
FORM_MAX_BODY: Final = 12 * (MAX_TEXT + 2 * MAX_SUBJECT_CHARS + MAX_ID_CHARS) + 1024
#: The largest multipart form read: its fields and the file a customer may attach (a
#: phone's photo), which is read past and not kept.
UPLOAD_MAX_BODY: Final = 16 * 1024 * 1024
#: what ends a language tag's first subtag (``en`` of ``en-GB``, ``zh`` of ``zh_CN``, ``zh。``)
_NOT_LETTER: Final = re.compile(r"[^A-Za-z]")
#: What written text keeps of the controls ``visible`` shows: its lines and tabs.
_KEPT_IN_TEXT: Final = "\r\n\t"


def asked_language(request: Request) -> Lang | None:
    """The first ``?lang`` naming zh or en (``EN``, ``en-GB`` and ``zh_CN`` do), if any: a
    link that gained a second ``lang`` keeps the page it showed, and one that gained the
    full stop after it in a letter (``zh。``, ``en).``) its language."""
    for asked in request.query_params.getlist("lang"):
        primary = _NOT_LETTER.split(asked.strip(), maxsplit=1)[0].lower()
        if primary in ("zh", "en"):
            return primary  # type: ignore[return-value]
    return None


def page_language(request: Request) -> Lang:
    """``?lang=zh|en`` when given (``asked_language``), else the browser's
    ``Accept-Language``."""
    asked = asked_language(request)
    if asked is not None:
        return asked
    return from_accept_language(request.headers.get("accept-language"))


def case_language(request: Request, case: Case) -> Lang:
    """A case's page: ``?lang=zh|en`` when given, else the complaint's language (declared,
    or read from its script), else — for a text showing none, an order number or emoji —
    the browser's ``Accept-Language``."""
    asked = asked_language(request)
    if asked is not None:
        return asked
    complaint = case.complaint
    return language_of(complaint.language, complaint.text, page_language(request))


def representation(request: Request) -> str | None:
    """What an endpoint with a page and JSON sends: the one ``Accept`` prefers (by quality,
    then by which the header names first; JSON when it names neither), else the one it does
    not refuse (``q=0``); None when it refuses both."""
    return chosen(request.headers.get("accept"), ("application/json", "text/html"))


def wants_html(request: Request) -> bool:
    """A browser asking for a page (``representation``)."""
    return representation(request) == "text/html"


#: For answers that carry a status token, the status page's only protection, or the form's
#: one-off submission id (a cached form would give every customer the same): no cache may
#: keep the page and no link followed from it may pass its URL on.
PRIVATE: Final = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


#: On every page: no script, plug-in, frame, image or font from anywhere (the pages have
#: none; their one style sheet is inline), forms sent to this site only, and no sniffing
#: a type other than the one declared. Customers' words are escaped; this keeps a slip in
#: escaping from running anything.
GUARDED: Final = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}


def _page(
    lang: Lang, title: str, body: str, status: int = 200, *, private: bool = False
) -> HTMLResponse:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return HTMLResponse(
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>",
        status_code=status,
        headers={**GUARDED, **PRIVATE} if private else GUARDED,
    )


# --- the form ----------------------------------------------------------------------------


def _field(name: str, lang: Lang, values: Mapping[str, str], errors: Mapping[str, str]) -> str:
    label = say("order" if name == "order_id" else name, lang)
    value = html.escape(values.get(name, "")[:FORM_MAX_BODY])  # as much as a form's body holds
    error = errors.get(name)
    described = f' aria-describedby="{name}-error" aria-invalid="true"' if error else ""
    required = " required" if name == "text" else ""
    if name == "text":
        control = f'<textarea id="{name}" name="{name}"{required}{described} dir="auto">{value}</textarea>'
    else:  # a contact is a phone number or an e-mail address: a phone keypad has no @
        hints = ' autocomplete="email" autocapitalize="none" spellcheck="false"'
        extra = hints if name == "contact" else ""
        control = f'<input id="{name}" name="{name}" type="text" value="{value}"{extra}{described} dir="auto">'
    message = f'<p class="error" id="{name}-error">{html.escape(error)}</p>' if error else ""
    return f'<label for="{name}">{html.escape(label)}</label>{control}{message}'


def base_path(request: Request) -> str:
    """Where these pages are mounted (``""`` when served at the root of ``serve``)."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def form_page(
    lang: Lang,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    base: str = "",
    status: int = 422,
) -> HTMLResponse:
    """The form, with ``values`` and each of ``errors`` beside its field (then ``status``)."""
    values, errors = values or {}, errors or {}
    summary = f'<p role="alert" class="error">{say("fix_below", lang)}</p>' if errors else ""
    fields = "".join(_field(name, lang, values, errors) for name in FIELDS)
    body = (
        f"<h1>{say('title_form', lang)}</h1>{summary}"
        f'<form method="post" action="{html.escape(base)}/?lang={lang}" novalidate>'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<input type="hidden" name="submission" value="{submission_of(values)}">{fields}'
        f'<button type="submit">{say("submit", lang)}</button></form>'
    )
    title, code = say("title_form", lang), status if errors else 200
    return _page(lang, title, body, code, private=True)  # its submission id is this showing's


def repeat_errors(repeated: Sequence[str], lang: Lang) -> dict[str, str]:
    """Each field sent more than once, named beside itself (a hidden one beside the text):
    keeping one of its values would drop what the customer may have meant."""
    return field_errors(repeated, "field_repeated", lang)


def field_errors(names: Sequence[str], wording: str, lang: Lang) -> dict[str, str]:
    """``wording`` said of each of ``names``, beside it (a hidden field beside the text)."""
    errors: dict[str, str] = {}
    for name in names:
        shown = name if name in FIELDS else "text"
        said = say(wording, lang, field=name)
        errors[shown] = f"{errors[shown]} {said}" if shown in errors else said
    return errors


async def submit(
    desk: Desk, request: Request, body: bytes, limit: AcknowledgementLimit, kept: RefusalsKept
) -> Response:
    unread: list[str] = []
    broken: list[str] = []
    kind = request.headers.get("content-type", "")
    values, repeated = read_fields(body, kind, FORM_KEYS, unread, broken=broken)
    lang, base = page_language(request), base_path(request)
    if why := kept_as_sent(broken):  # not read as sent (past the limit, in no charset)
        return await _kept_as_sent(request, (desk, kept), body, why, (lang, values, base))
    errors = (
        repeat_errors(repeated, lang)
        or field_errors(unread, "field_unreadable", lang)
        or form_errors(values, lang)
    )
    if errors:
        return form_page(lang, values, errors, base)
    complaint = complaint_from_form(desk, values, submission_of(values), lang)
    if broken:  # maybe cut short: kept for review, as the mail channel keeps such a message
        reason = broken_reason(broken)
        return await _kept(request, desk, complaint, reason, (lang, values, base))
    return await _take_in(request, desk, complaint, limit, (lang, values, base))


async def _take_in(
    request: Request,
    desk: Desk,
    complaint: dict[str, Any],
    limit: AcknowledgementLimit,
    form: tuple[Lang, Mapping[str, str], str],
) -> Response:
    """The status page of the case the form opened (or had opened), or the form again
    saying why not."""
    lang, values, base = form
    contact = complaint["customer"]["contact"]
    address = None if contact is None else mailbox(contact)
    now = desk.clock.now()
    withheld = None if address is None else limit.withheld(address, now)
    opened = False
    try:  # the Desk waits on its store: in the thread pool, never on the event loop
        taken = await run_in_threadpool(_intake_once, desk, complaint, withheld)
        opened = taken.created
    except InvalidInput as exc:
        field = exc.field.split(".")[-1]
        if field in FIELDS:  # the customer's own entry: they see why, and can mend it
            return form_page(lang, values, {field: _refusal(values, field, lang)}, base)
        reason = str(exc)
    except StorageError as exc:
        return _unavailable(request, exc, lang, values, base)
    except Exception as exc:  # a plugin or policy that raised: no fault of the customer's
        reason = f"could not be taken in: {said(exc)}"
    else:
        location = f"{base}/status/{taken.case.status_token}?lang={lang}"
        return RedirectResponse(location, status_code=303, headers=PRIVATE)
    finally:  # a form sent again or refused sent nothing: the allowance is not used up
        if address is not None and withheld is None and not opened:
            limit.give_back(address, now)
    return await _kept(request, desk, complaint, reason, (lang, values, base))


async def _kept(
    request: Request,
    desk: Desk,
    complaint: dict[str, Any],
    reason: str,
    form: tuple[Lang, Mapping[str, str], str],
) -> HTMLResponse:
    """The form again, saying the complaint is kept for review under its reference."""
    lang, values, base = form
    try:
        await run_in_threadpool(_keep, desk, complaint, reason)
    except StorageError as exc:  # refused, and the store failed as it was to be kept
        return _unavailable(request, exc, lang, values, base)
    kept = say("kept_for_review", lang, reference=complaint["external_id"])  # its letter's
    return form_page(lang, values, {"text": kept}, base)


async def _kept_as_sent(
    request: Request,
    keeping: tuple[Desk, RefusalsKept],
    body: bytes,
    reason: str,
    form: tuple[Lang, Mapping[str, str], str],
) -> HTMLResponse:
    """The form again (413 for more fields than are read, else 422) for a body not read as
    sent, kept whole as the dead letter its request id locates, as the API keeps a body it
    refuses: fields past the limit, the description among them maybe, were never read, and
    those in a charset naming none only guessed at. Past the sender's allowance
    (``refusals_kept``: anyone may post the form) nothing is kept, and the form asks for
    it again later."""
    lang, values, base = form
    desk, kept = keeping
    status = 413 if reason == TOO_MANY_FIELDS else 422
    host = None if request.client is None else request.client.host
    if kept.unkept(host, desk.clock.now()) is not None:
        return form_page(lang, values, {"text": say("send_again_later", lang)}, base, status=status)
    reference = request.state.request_id
    source = form_source(reference, request.headers.get("content-type", ""), lang)
    try:
        await run_in_threadpool(
            desk.storage.dead_letter, source, body, printable(reason), desk.clock.now()
        )
    except StorageError as exc:
        return _unavailable(request, exc, lang, values, base)
    if reason != TOO_MANY_FIELDS:
        saying = say("kept_for_review", lang, reference=reference)
        return form_page(lang, values, {"text": saying}, base, status=status)
    refused = say("too_many_fields", lang, limit=f"{MAX_FIELDS:,}", reference=reference)
    return form_page(lang, values, {"text": refused}, base, status=413)


#: The most characters the model keeps of each field the form holds.
_LONGEST: Final = {
    "text": MAX_TEXT,
    "name": MAX_SUBJECT_CHARS,
    "contact": MAX_SUBJECT_CHARS,
    "order_id": MAX_ID_CHARS,
}


def _refusal(values: Mapping[str, str], field: str, lang: Lang) -> str:
    """Why the model refused what the customer typed into ``field``, in their language: too
    long, or holding a character no store keeps (a NUL, a control character)."""
    longest = _LONGEST[field]
    if len(entered(values, field)) > longest:
        return say("field_too_long", lang, limit=f"{longest:,}")
    return say("field_not_text", lang)


def _unavailable(
    request: Request, exc: StorageError, lang: Lang, values: Mapping[str, str], base: str
) -> HTMLResponse:
    """Nothing could be kept: the page keeps the customer's words, asking to send them again
    later (503); the store's message, naming its file or URL, goes to the log only."""
    log.error("request %s: storage failed: %s", request.state.request_id, exc)
    return form_page(lang, values, {"text": say("send_again_later", lang)}, base, status=503)


def _intake_once(desk: Desk, complaint: dict[str, Any], withheld: str | None) -> Taken:
    """The case of this form: the one it opened when it was first sent, or — if the form
    was sent again with anything typed otherwise (back, edit, send) — a new case. Its
    customer is sent nothing on opening if the acknowledgement is ``withheld``."""
    try:
        taken: Taken | None = _taken(desk, complaint, withheld)
    except KeyConflict:  # sent again with another contact: another customer's words
        taken = None
    if taken is not None and _typed(taken.case.complaint.to_json()) == _typed(complaint):
        return taken
    again = {**complaint, "external_id": secrets.token_hex(10)}
    return _taken(desk, again, withheld)


def _taken(desk: Desk, complaint: dict[str, Any], withheld: str | None) -> Taken:
    """``Desk.intake``, saying whether this call opened the case (what the limit counts)."""
    (outcome,) = desk.intake_many([complaint], withheld={0: withheld} if withheld else None)
    if isinstance(outcome, InvalidInput):
        raise outcome
    return outcome


def _typed(complaint: Mapping[str, Any]) -> tuple[Any, ...]:
    """What the customer typed into the form, as a complaint holds it."""
    customer = complaint["customer"]
    return (
        complaint["text"],
        complaint.get("order_id"),
        customer.get("name"),
        customer.get("contact"),
    )


def _keep(desk: Desk, complaint: Mapping[str, Any], reason: str) -> None:
    """A refusal the customer cannot mend is kept, as any complaint the Desk refused after
    reading it: its JSON under ``complaint:web:<id>``, which ``dead-letters retry`` reads."""
    keep(desk, f"{READ}:web:{complaint['external_id']}", complaint, reason)


def form_endpoint(
    desk: Desk, limit: AcknowledgementLimit | None = None, kept: RefusalsKept | None = None
) -> Callable[[Request], Awaitable[Response]]:
    """GET (and HEAD) shows the form; POST takes it in and sends the browser to the status
    page, or shows the form again with what is wrong. ``limit``: how many acknowledgements
    one address is sent (``ack_limit``); ``kept``: how many forms refused whole one sender
    has kept (``refusals_kept``)."""
    counted = limit if limit is not None else AcknowledgementLimit()
    refusals = kept if kept is not None else RefusalsKept()

    async def endpoint(request: Request) -> Response:
        lang, base = page_language(request), base_path(request)
        if request.method in ("GET", "HEAD"):
            return form_page(lang, base=base)
        kind = content_type(request) or ""
        check_media_type(kind, FORM_TYPES)
        multipart = is_multipart(kind)
        try:
            body = await read_body(request, UPLOAD_MAX_BODY if multipart else FORM_MAX_BODY)
        except BodyTooLarge as exc:
            typed = read_form(exc.head, kind, FORM_KEYS)  # the fields sent before the cut
            if not multipart:  # only the description can be that long, and it was cut off
                typed.pop("text", None)  # mid-character: read, it would be other words
                errors = {"text": say("text_too_long", lang)}
            else:
                errors = {"text": say("attachment_too_large", lang)}
            return form_page(lang, typed, errors, base, status=413)
        return await submit(desk, request, body, counted, refusals)

    return endpoint


# --- the status page -----------------------------------------------------------------------


def _category(desk: Desk, case: Case, lang: Lang) -> str | None:
    catalog = desk.policy.catalog
    if catalog is None or case.category is None:
        return None
    entry = catalog.categories.get(case.category)
    return None if entry is None else str(entry.label(lang))


def _waiting(case: Case) -> bool:
    """Whether an offer on the page waits for the customer's answer (its buttons)."""
    return any(offer["status"] == OFFERED for offer in offers(case))


def status_page(
    desk: Desk,
    case: Case,
    events: Sequence[CaseEvent],
    lang: Lang,
    *,
    base: str = "",
    notice: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The case as its customer sees it, each offer waiting for an answer with a form to
    answer it (posted under ``base``); ``notice``, an answer that could not be recorded
    (with ``status``), stands at the top, where a screen reader announces it."""
    zone, now = shown_zone(case, desk.shown_zones), desk.clock.now()

    def when(at: datetime) -> str:
        return html.escape(plain_time(at, zone, now, lang))

    def due(at: datetime) -> str:
        """A promise still ahead, or one we broke (a case imported long after it was
        received, one nobody answered in time): a reply at the deadline is in time. Read
        on the wall clock of the calendar it is counted on (``clock_due``), as the letters
        and the JSON give it: a 12315 complaint's 24:00 in Shanghai, not London's 16:00."""
        shown = plain_time(at, at.tzinfo or zone, now, lang)
        if at.timestamp() >= now.timestamp():  # not on the wall clock: 01:00 EST is later
            return html.escape(shown)  # than 01:30 EDT, in a zone that shares ``at``'s tzinfo
        return html.escape(say("overdue", lang, due=shown))

    rows = [
        (say("case_number", lang), html.escape(case.id)),
        (say("status", lang), f'<strong id="status">{status_words(case.status, lang)}</strong>'),
    ]
    category = _category(desk, case, lang)
    if category:
        rows.append((say("category", lang), html.escape(category)))
    rows.append((say("received", lang), when(case.complaint.received_at)))
    ended = case.status in SOLVED or case.status in TERMINAL  # nothing more is promised
    first = clock_due(case, "first_response", desk.shown_zones)
    if first is not None and not ended:  # a reopened case may promise a new first answer
        rows.append((say("first_answer", lang), f'<span id="first-due">{due(first)}</span>'))
    elif case.first_response_at is not None:
        rows.append(
            (
                say("first_answered", lang),
                f"{say('answered', lang)} · {when(case.first_response_at)}",
            )
        )
    resolution = clock_due(case, "resolution", desk.shown_zones)
    if resolution is not None and not ended:
        rows.append(
            (say("resolution_by", lang), f'<span id="resolution-due">{due(resolution)}</span>')
        )
    facts = "".join(f"<dt>{html.escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    opening = opens_at(case, now)
    note = ""
    if opening is not None and case.first_response_at is None and not ended:
        opens = plain_time(opening, opening.tzinfo or zone, now, lang)  # its calendar's
        note = f'<p class="note" id="out-of-hours">{html.escape(say("out_of_hours", lang, opens=opens))}</p>'
    answers = [
        f"<li><span class=muted>{when(e.at)}</span><div class=written dir=auto>{_written(str(e.data.get('message', '')))}</div></li>"
        for e in replies(events)
    ]
    updates = (
        f"<ol id=updates>{''.join(answers)}</ol>"
        if answers
        else f"<p>{say('no_updates', lang)}</p>"
    )
    step = next_step(case.status, lang)
    if case.status is Status.RECEIVED and first is None:  # no time is shown above
        step = say("answer_soon", lang)
    if case.status is Status.RECEIVED and first is not None and first.timestamp() < now.timestamp():
        step = say("answer_late", lang)  # not 'at the latest by the time shown above'
    if case.status is Status.FOLLOW_UP and case.satisfaction is not None:
        step = say("visited", lang)  # asked already: not 'we will check back with you'
    if case.status is Status.WAITING_ON_CUSTOMER and not answers:  # no message to answer
        step = say("waiting_unanswered", lang)
    if case.status is Status.REJECTED and not answers:  # none can come: the case ended
        step = say("rejected_unanswered", lang)  # not 'our answer below says why'
    if case.status is Status.RESOLUTION_PROPOSED and not answers and not _waiting(case):
        step = say("proposed_unshown", lang)  # not 'look at the solution we proposed'
    outcome = ""
    if case.status in SOLVED and case.resolution:
        outcome = f"<h2>{say('resolution', lang)}</h2><p id=resolution class=written dir=auto>{_written(case.resolution)}</p>"
    # every text a person wrote keeps a few marks on a letter, the agent's as the heading
    subject = (
        tamed(case.complaint.subject) if case.complaint.subject else heading_of(case.complaint.text)
    )
    alert = "" if notice is None else f'<p role="alert" class="error" id="notice">{notice}</p>'

    def answer_at(offer_id: str) -> str:  # escaped where it is written
        return f"{base}/status/{case.status_token}/offers/{quote(offer_id)}?lang={lang}"

    body = (
        f"<h1>{say('title_status', lang)}</h1>{alert}<p dir=auto>{_written(subject)}</p>"
        f"<dl>{facts}</dl>{note}"
        f'<h2>{say("next_step", lang)}</h2><p class="next" id="next-step">{step}</p>'
        f"<h2>{say('updates', lang)}</h2>{updates}{offers_html(case, lang, when, answer_at)}{outcome}"
        f'<p class="muted" id="keep-link">{say("keep_link", lang)}</p>'
    )
    title = f"{say('title_status', lang)} {case.id}"
    return _page(lang, title, body, status, private=True)


def _written(text: str) -> str:
    """Text a person wrote, for the page: a direction override or isolate in it is shown as
    ``[U+202E]``, as the customer's letters show it, never obeyed; ``dir=auto`` on the
    element keeps it from the page around it, but not from the words after it."""
    return html.escape(visible(tamed(text), keep=_KEPT_IN_TEXT))


def not_found_page(lang: Lang) -> HTMLResponse:
    title = say("not_found", lang)
    return _page(lang, title, f"<h1>{title}</h1>", 404, private=True)


def expired_page(lang: Lang) -> HTMLResponse:
    title = say("link_expired", lang)
    return _page(lang, title, f"<h1>{title}</h1>", 410, private=True)


def unavailable_page(lang: Lang) -> HTMLResponse:
    title = say("unavailable", lang)
    return _page(lang, title, f"<h1>{title}</h1>", 503, private=True)
