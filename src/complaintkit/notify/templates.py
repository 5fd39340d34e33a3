"""Message templates: ``{case.id}`` placeholders filled from a fixed whitelist of fields.

A template is text, never code. Placeholders name fields from ``FIELDS`` only, checked when
the policy is compiled; rendering looks each one up in the mapping ``template_fields``
gives for the case, so a template cannot reach attributes, methods or other cases. ``{{`` and ``}}`` write literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any, Final

import attrs

from complaintkit.api.wording import status_words
from complaintkit.compensation.approvals import Threshold, awaited
from complaintkit.model.case import Case
from complaintkit.model.compensation import APPROVED, DECLINED, PROPOSED, REJECTED
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.events import CaseEvent
from complaintkit.model.language import lookup, written_in
from complaintkit.notify.field_words import field_guessed
from complaintkit.notify.letter_amount import letter_money
from complaintkit.notify.told_money import summed, told_to_customer, told_to_staff
from complaintkit.policy.catalog import Catalog
from complaintkit.sla.shown_zone import ZoneOf, shown_zone

#: Every field a template may use, with what it holds.
FIELDS: Mapping[str, str] = {
    "case.id": "the case id",
    "case.status": "the case status (received, investigating, resolved…)",
    "case.category": "the category the policy assigned",
    "case.severity": "the severity",
    "case.priority": "the priority",
    "case.category_label": "the category's label in the message's language (the policy's categories), else its id",
    "case.severity_label": "the severity's label in the message's language, else its id",
    "case.priority_label": "the priority's label in the message's language, else its id",
    "case.status_label": "the status in plain words in the message's language (已收到,等待受理 / Received, waiting to be picked up)",
    "case.subject": "the subject of the complaint that opened the case",
    "case.opened_at": "when the case was opened, in the policy's home zone",
    "case.owner": "the owner's name",
    "case.team": "the owning team",
    "case.status_url": "the customer's status page (notifications.status_url + token)",
    "case.first_response_due": "when the first response is promised (SLA clock), if known",
    "case.resolution_due": "when resolution is promised (SLA clock), if known",
    "case.resolution": "how the complaint was resolved (steps taken)",
    "case.due.<metric>": "when any SLA clock is due, e.g. {case.due.on_site} (empty if none)",
    "case.compensation": "the latest compensation decision, one remedy per line, labelled in the message's language",
    "case.compensation_total": "the latest compensation decision's total, e.g. 2,020.00 CNY (grouped as the message's language writes numbers)",
    "case.opens_at": "when we open again, if the complaint arrived outside working hours (else empty)",
    "case.improvements_note": "a sentence in the message's language listing the recorded improvements (else empty)",
    "root_cause.summary": "a sentence in the message's language naming the recorded cause (else empty)",
    "case.after_hours_note": "a sentence in the message's language saying the complaint arrived outside working hours and when we open (else empty)",
    "case.improvements": "process changes recorded with the root cause, one per line (empty when none was recorded, so a letter never claims one)",
    "customer.id": "the customer's id",
    "customer.name": "the customer's name; without one, 'customer' (顾客) in the message's language, never their id",
    "customer.contact": "the customer's contact address",
    "root_cause.cause": "the root cause: the last answer of the 5-Why chain",
    "root_cause.whys": "the whole 5-Why chain, one answer per line",
    "root_cause.nature": "systemic or incidental",
    "root_cause.fishbone": "the fishbone branch (people, process, product…)",
    "root_cause.impact": "the assessed impact",
    "event.kind": "the event that caused this message",
    "event.at": "when it happened, in the policy's home zone",
    "event.reason": "the reason recorded with the event; empty in a letter to the customer",
    "message": "the text of a response or progress update (an event's message that is no text: empty)",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@attrs.frozen
class Template:
    """A compiled template: literal text and field names, alternating."""

    source: str
    parts: tuple[tuple[str, str], ...]  # ("text", literal) or ("field", name)

    @classmethod
    def compile(cls, source: str) -> Template:
        """Parse ``source``; unknown fields and stray braces raise ``TemplateMistakes``,
        every one of them: a template with three typos is fixed in one run."""
        wide = list(_full_width(source))
        mistakes = [(message, hint) for message, hint, _ in wide]
        spans = [span for _, _, span in wide]
        # only where the tokens read a literal brace: ``{{{case.id}}}`` is a brace, the field
        # and a brace
        literal = (m.start() for m in _TOKEN.finditer(source) if m.group(0) == "{{")
        for match in filter(None, (_DOUBLED.match(source, start) for start in literal)):
            mistakes.append(
                (
                    f"{match.group(0)} at character {match.start()} is in double braces, which "
                    f"write a literal brace: the customer would read {{{match.group(1)}}}",
                    f"write {{{match.group(1)}}} with single braces",
                )
            )
            spans.append(match.span())
        parts: list[tuple[str, str]] = []
        position = 0
        for match in _TOKEN.finditer(source):
            parts.append(("text", source[position : match.start()]))
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(("text", token[0]))
            elif match.group(1) is None:
                if not any(start <= match.start() < end for _, _, (start, end) in wide):
                    mistakes.append(  # else the ASCII half of a full-width pair, said there
                        (
                            f"stray {token!r} at character {match.start()}",
                            f"write {token * 2} for a literal brace",
                        )
                    )
                    spans.append(match.span())
            elif (name := match.group(1).strip()) not in FIELDS and not _DUE.fullmatch(name):
                mistakes.append((f"unknown field {{{name}}}", _field_hint(name)))
                spans.append(match.span())
            else:
                parts.append(("field", name))
            position = match.end()
        if mistakes:
            raise TemplateMistakes(mistakes, spans)
        parts.append(("text", source[position:]))
        return cls(source, tuple(p for p in parts if p != ("text", "")))

    @property
    def blank(self) -> bool:
        """Whether every text it renders is blank: no field, and only spaces (or invisible
        characters, ``shows_nothing``) written."""
        return all(kind == "text" and shows_nothing(value) for kind, value in self.parts)

    def render(self, fields: Mapping[str, str]) -> str:
        """The text; a field that ends its own sentence takes the full stop the template
        writes after it: a resolution "已退款。" closed by the template's "。" reads "已退款。".
        A status link is parted by a space from punctuation or words written right after
        it, which mail programs and chat apps would link with it (``api.status_link``)."""
        out: list[str] = []
        ended = False  # the field just written ends a sentence
        linked = False  # the field just written is a status link
        for kind, value in self.parts:
            if kind == "field":
                out.append(fields.get(value, ""))
                ended = out[-1].endswith(_SENTENCE_ENDS)
                linked = value == "case.status_url" and bool(out[-1])
                continue
            if linked and not _LINK_GOES_ON.match(value):
                out.append(" ")
            out.append(value[1:] if ended and _FULL_STOP.match(value) else value)
            ended = linked = False
        return "".join(out)


#: the full stops, exclamation and question marks, Chinese and Latin, and an ellipsis
_SENTENCE_ENDS: Final = ("\u3002", ".", "\uff0e", "\uff01", "!", "\uff1f", "?", "\u2026")
#: one full stop, not the start of an ellipsis or a number ("....", ".5")
_FULL_STOP: Final = re.compile(r"[\u3002\uff0e]|\.(?![.\d])")


#: what a link may go on with as written (its query, its fragment), a blank that ends it, or
#: the ``>`` closing ``<https://…>``, the delimiters RFC 3986 (appendix C) gives a link in text
_LINK_GOES_ON: Final = re.compile(r"[\sA-Za-z0-9_/?#&=%+~>-]")


#: ``{case.due.<metric>}``: any clock's due time, named by its metric.
_DUE: Final = re.compile(r"case\.due\.[A-Za-z_][A-Za-z0-9_]*")

#: a field name between braces of which one or both are full-width (U+FF5B, U+FF5D): what
#: the input method types for { } in full-width mode, never filled in
_WIDE_FIELD: Final = re.compile(
    r"[{\uff5b]\s*((?:case|customer|root_cause|event)\.[\w.<>]+|message)\s*[}\uff5d]"
)


#: a field followed by what str.format reads as a format spec or conversion: ``:.2f``, ``!r``
_SPEC: Final = re.compile(r"([\w.]+?)\s*([:!].*)", re.DOTALL)


#: a field name in double braces, as Jinja and Mustache write one: ``{{`` is a literal brace
_DOUBLED: Final = re.compile(
    r"\{\{\s*((?:case|customer|root_cause|event)\.[^{}\s]+|message)\s*\}\}"
)


def _full_width(source: str) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """A field in full-width braces would reach the customer as typed: say to type ``{ }``
    (message, hint and where it is written)."""
    for match in _WIDE_FIELD.finditer(source):
        wide = match.group(0).count("\uff5b") + match.group(0).count("\uff5d")
        if wide:
            braces = "full-width braces" if wide == 2 else "a full-width brace"
            yield (
                f"{match.group(0)} at character {match.start()} has {braces}, so it "
                "would be sent as written",
                f"write {{{match.group(1)}}} with ASCII braces "
                "(switch the input method to half-width to type them)",
                match.span(),
            )


class TemplateMistakes(ValueError):
    """Every mistake of one template, each ``(message, hint)``, and where each is written
    in the template: ``spans[i]`` is the (start, end) of ``mistakes[i]`` in its source."""

    def __init__(
        self, mistakes: Sequence[tuple[str, str]], spans: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.mistakes = tuple(mistakes)
        self.spans = tuple(spans)
        super().__init__("; ".join(f"{message}; {hint}" for message, hint in self.mistakes))


def _field_hint(name: str) -> str:
    """The field a placeholder not in the list meant (a typo, or a name in Chinese), else
    the list (which, beside each of several typos in one template, would bury the answer)."""
    listed = f"templates may use {', '.join(sorted(FIELDS))}"
    spec = _SPEC.fullmatch(name)
    if spec is not None and (spec.group(1) in FIELDS or _DUE.fullmatch(spec.group(1))):
        return (
            f"a field takes no format spec or conversion ({spec.group(2)!r}): it is written "
            f"as it is (money with its currency, times with their zone); write {{{spec.group(1)}}}"
        )
    if spec is not None:
        name = spec.group(1)  # the typo before the spec is what to answer
    meant = field_guessed(name, [f for f in FIELDS if "<" not in f])
    if meant is not None:
        return f"did you mean {{{meant}}}?"
    if not name.isascii():
        return f"fields are named in English, as listed: {listed}"
    return listed


def format_instant(value: datetime | None) -> str:
    """``2026-11-23 09:30 +08:00``: readable, and unambiguous about the zone.

    Written from ``isoformat`` (a quarter of the cost of two ``strftime`` calls; every
    acknowledgement shows a deadline) when that gives the same text: a year of four digits
    and an offset of whole minutes, which ``%z`` writes ``+HHMM``."""
    if value is None:
        return ""
    if type(value) is datetime and value.year >= 1000:
        text = value.isoformat(" ", "minutes")
        if len(text) == len("2026-11-23 09:30+08:00"):
            return f"{text[:16]} {text[16:]}"
    offset = value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def clock_due(case: Case, metric: str, zone_of: ZoneOf | None = None) -> datetime | None:
    """The deadline the SLA engine recorded for ``metric`` (None when it has no running
    clock), so templates degrade to an empty field when no SLA is configured.

    Shown as the wall clock of the calendar the clock counts on reads at that instant, so
    a period crossing a DST change ends at 24:00 local time (not 01:00 of the offset the
    complaint came in with); on a calendar the policy does not declare (the built-in 24x7,
    which keeps UTC), in the policy's home zone, else in the received offset.
    """
    clock = case.clocks.get(metric)
    if clock is None or clock.due_at is None:
        return None
    return clock.due_at.astimezone(shown_zone(case, zone_of, clock.calendar))


CAUSE: Mapping[str, str] = {"zh": "原因：{cause}。", "en": " The cause: {cause}."}  # noqa: RUF001 -- Chinese punctuation
IMPROVEMENTS: Mapping[str, str] = {
    "zh": "我们已采取的改进措施：{items}。",  # noqa: RUF001 -- Chinese punctuation
    "en": " What we have changed: {items}.",
}


def _sentence(sentences: Mapping[str, str], language: str, **values: str) -> str:
    """The sentence in ``language`` (``zh-CN`` reads the ``zh`` one), else in English."""
    return sentences[written_in(sentences, language) or "en"].format(**values)


def home_zone(case: Case, zone_of: ZoneOf | None) -> tzinfo:
    """The policy's home zone (its default calendar's, when it declares one), else the
    offset ``case`` was received in: where a letter's reader keeps time, not UTC."""
    return shown_zone(case, zone_of)


def _at_home(f: TemplateFields, instant: datetime) -> str:
    return format_instant(instant.astimezone(home_zone(f.case, f.zone_of)))


AFTER_HOURS: Mapping[str, str] = {
    "zh": "您的投诉是在营业时间外收到的，我们将于 {opens} 开始处理。",  # noqa: RUF001 -- Chinese punctuation
    "en": " We received it outside our working hours and open again at {opens}.",
}


def opens_at(case: Case, told_at: datetime | None) -> datetime | None:
    """When we open, if the complaint arrived outside working hours (recorded from the SLA
    engine's promise), on the wall clock of the calendar that opens (the offset it was
    recorded in): a 12315 complaint on the Shanghai calendar opens at 09:00 +08:00, not at
    London's 01:00 in a policy whose home is London, as its deadlines read.

    None when a clock of the case falls due before then: someone answers before we open (an
    urgent complaint's two hours run through the night), and "we open at 08:00" beside
    "we answer by 00:12" would tell the customer two things; None too once the customer
    has had an answer, which a later letter would otherwise follow with a past opening,
    and once we opened by ``told_at`` (the letter's event, the page's now): last night's
    e-mail taken in at 11:00 is not told we start at 09:00."""
    value = case.attributes.get("opens_at")
    if not isinstance(value, str) or case.first_response_at is not None:
        return None
    try:
        opening = datetime.fromisoformat(value)
    except ValueError:
        return None
    if opening.tzinfo is None:  # not an instant: no clock to compare it with
        return None
    if told_at is not None and told_at.timestamp() >= opening.timestamp():
        return None
    clocks = case.clocks.metrics.values()
    if any(c.due_at is not None and c.due_at < opening for c in clocks if c.state == "running"):
        return None
    return opening


#: What a remedy the policy gives no label is called in a letter (its kind is an id).
REMEDY_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "zh": {
        "refund": "退款",
        "voucher": "代金券",
        "credit": "账户抵扣",
        "cash": "现金补偿",
        "statutory_damages": "法定赔偿",
        "replacement": "换货",
        "repair": "维修",
        "apology": "致歉",
        "value_added_service": "增值服务",
    },
    "en": {
        "refund": "refund",
        "voucher": "voucher",
        "credit": "credit",
        "cash": "cash",
        "statutory_damages": "statutory damages",
        "replacement": "replacement",
        "repair": "repair",
        "apology": "apology",
        "value_added_service": "value-added service",
    },
}


def remedy_title(remedy: Mapping[str, Any], language: str) -> str:
    """The remedy's label in the message's language, else English, else any it has, else
    its kind in words of the message's language (else English): a letter to an English
    customer never names the offer in Chinese, nor a Chinese one by an id (``apology``)."""
    label = remedy.get("label") or {}
    written = written_in(label, language)
    title = (written and label[written]) or label.get("en") or next(iter(label.values()), "")
    if title:
        return str(title)
    kind = str(remedy.get("kind", ""))
    return REMEDY_WORDS[written_in(REMEDY_WORDS, language) or "en"].get(kind, kind)


def _compensation(f: TemplateFields) -> tuple[str, str]:
    """The compensation the letter tells of (``told_money``), as lines ``label amount`` and
    its total. To staff: the entry a ``compensation_*`` event names, else the latest one
    that may be offered (not rejected, declined, nor waiting for approvals; on a case that
    ended, only money accepted). To the customer: the offer a ``compensation_*`` event
    names, else every offer made or accepted that still stands, added up (two offers
    accepted are the money they were given in all); never a remedy of no money, and no
    total when none is money."""
    case, language, event = f.case, f.language, f.event
    named = event.data.get("id") if event and event.kind.startswith("compensation_") else None
    if f.to_customer:
        remedies, totals = summed(told_to_customer(case.compensation, case.is_open, named))
    else:
        entry = told_to_staff(
            case.compensation, case.is_open, named, lambda e: _offerable(e, f.thresholds)
        )
        if entry is None:
            return "", ""
        decision = entry.get("decision") or {}
        remedies, total = decision.get("remedies", []), decision.get("total")
        totals = [total] if total else []
    lines = []
    for remedy in remedies:
        title = remedy_title(remedy, language)
        amount = remedy.get("amount")
        money = f" {letter_money(amount, language)}" if amount else ""
        lines.append(f"{title}{money}")
    return "\n".join(lines), ", ".join(letter_money(total, language) for total in totals)


def _offerable(entry: Mapping[str, Any], thresholds: Sequence[Threshold]) -> bool:
    """Whether an entry's money may be promised: not refused by an approver or declined by
    the customer, and not a proposal still waiting for an approval, as the Desk counts
    them when it offers (``awaited``: the approvals given by now, the policy in force)."""
    status = entry.get("status")
    waiting = status in (PROPOSED, APPROVED) and bool(awaited(entry, thresholds))
    return status not in (REJECTED, DECLINED) and not waiting


class TemplateFields(Mapping[str, str]):
    """The whitelisted fields of one case (and the event being announced), as text, each
    computed when a template first asks for it: most messages use a handful of the fields,
    and intake renders several messages per complaint."""

    def __init__(
        self,
        case: Case,
        event: CaseEvent | None,
        status_url: str,
        language: str,
        zone_of: ZoneOf | None,
        catalog: Catalog | None = None,
        thresholds: Sequence[Threshold] = (),
        to_customer: bool = False,
    ) -> None:
        self.case = case
        #: a letter to the customer tells only money offered to them (``told_money``)
        self.to_customer = to_customer
        #: the policy's approval thresholds in force, for which proposals still wait
        self.thresholds = thresholds
        self.catalog = catalog
        self.event = event
        self.status_url = status_url
        self.language = language
        self.zone_of = zone_of
        self._known: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        known = self._known.get(name)
        if known is not None:
            return known
        if name.startswith(_DUE_PREFIX):
            metric = name[len(_DUE_PREFIX) :]
            if metric not in self.case.clocks.metrics:
                raise KeyError(name)
            value = format_instant(clock_due(self.case, metric, self.zone_of))
        else:
            value = _COMPUTED[name](self)
        self._known[name] = value
        return value

    def __iter__(self) -> Iterator[str]:
        yield from (_DUE_PREFIX + metric for metric in self.case.clocks.metrics)
        yield from _COMPUTED

    def __len__(self) -> int:
        return len(self.case.clocks.metrics) + len(_COMPUTED)

    @property
    def told_at(self) -> datetime | None:
        """When the letter tells the customer what it says: its event's instant."""
        return None if self.event is None else self.event.at

    def sentence(self, sentences: Mapping[str, str], **values: str) -> str:
        return _sentence(sentences, self.language, **values)

    def label(self, kind: str, entry_id: str | None) -> str:
        """``entry_id``'s label in the message's language, as the policy declares it."""
        if entry_id is None:
            return ""
        entry = None if self.catalog is None else self.catalog.kind(kind).get(entry_id)
        return entry_id if entry is None else entry.label(self.language)


def template_fields(
    case: Case,
    event: CaseEvent | None = None,
    *,
    status_url: str = "",
    language: str = "",
    zone_of: ZoneOf | None = None,
    catalog: Catalog | None = None,
    thresholds: Sequence[Threshold] = (),
    to_customer: bool = False,
) -> TemplateFields:
    """The fields for one case (and the event being announced); ``language`` is the
    message's, for the fields that are whole sentences and labels; ``zone_of`` the policy's
    calendar zones, for deadlines; ``catalog`` its labels of categories, severities and
    priorities; ``thresholds`` its approval thresholds, for the money still awaiting one;
    ``to_customer`` whether the letter goes to the customer, who is told only money offered
    to them (``told_money``), where staff see the entry an event names whatever it is."""
    return TemplateFields(
        case, event, status_url, language, zone_of, catalog, thresholds, to_customer
    )


_DUE_PREFIX: Final = "case.due."


def _improvements_note(f: TemplateFields) -> str:
    root = f.case.root_cause
    if not (root and root.improvements):
        return ""
    separator = "；" if "zh" in lookup(f.language) else "; "  # noqa: RUF001 -- Chinese punctuation
    return f.sentence(IMPROVEMENTS, items=separator.join(root.improvements))


def _after_hours_note(f: TemplateFields) -> str:
    opening = opens_at(f.case, f.told_at)
    return "" if opening is None else f.sentence(AFTER_HOURS, opens=format_instant(opening))


def _status_url(f: TemplateFields) -> str:
    return f.status_url.replace("{token}", f.case.status_token) if f.status_url else ""


def _root(f: TemplateFields, part: str) -> str:
    root = f.case.root_cause
    if root is None:
        return ""
    value = {
        "cause": root.whys[-1],
        "whys": "\n".join(root.whys),
        "nature": root.nature,
        "fishbone": root.fishbone,
        "impact": root.impact,
        "improvements": "\n".join(root.improvements),
    }[part]
    return str(value or "")


def _event(f: TemplateFields, part: str) -> str:
    event = f.event
    if event is None:
        return ""
    # a reason is the history's (a staff remark, the SLA engine's English): never the customer's
    reason = "" if f.to_customer else event.reason
    return {"kind": event.kind, "at": _at_home(f, event.at), "reason": reason}[part]


#: How a letter addresses a customer who gave no name: their id may be a hash of their
#: contact (the form's), which no letter should greet.
UNNAMED: Mapping[str, str] = {"zh": "顾客", "en": "customer"}


def _customer_name(f: TemplateFields) -> str:
    return f.case.complaint.customer.name or f.sentence(UNNAMED)


def _message(f: TemplateFields) -> str:
    """The event's ``message`` when it is text (a number as written); a custom event's
    data may hold anything JSON does, and null, true or a mapping is no sentence to send:
    ``str`` wrote them as ``None``, ``True`` and ``{'zh': …}``."""
    data: Mapping[str, Any] = f.event.data if f.event is not None else {}
    value = data.get("message")
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


_COMPUTED: Final[Mapping[str, Callable[[TemplateFields], str]]] = {
    "case.compensation": lambda f: _compensation(f)[0],
    "case.compensation_total": lambda f: _compensation(f)[1],
    "case.id": lambda f: f.case.id,
    "case.status": lambda f: f.case.status.value,
    "case.category": lambda f: f.case.category or "",
    "case.severity": lambda f: f.case.severity or "",
    "case.priority": lambda f: f.case.priority or "",
    "case.category_label": lambda f: f.label("categories", f.case.category),
    "case.severity_label": lambda f: f.label("severities", f.case.severity),
    "case.priority_label": lambda f: f.label("priorities", f.case.priority),
    "case.status_label": lambda f: status_words(
        f.case.status, "zh" if "zh" in lookup(f.language) else "en"
    ),
    "case.subject": lambda f: f.case.complaint.subject,
    "case.opened_at": lambda f: _at_home(f, f.case.opened_at),
    "case.owner": lambda f: f.case.owner or "",
    "case.team": lambda f: f.case.team or "",
    "case.status_url": _status_url,
    "case.first_response_due": lambda f: format_instant(
        clock_due(f.case, "first_response", f.zone_of)
    ),
    "case.resolution_due": lambda f: format_instant(clock_due(f.case, "resolution", f.zone_of)),
    "case.resolution": lambda f: f.case.resolution or "",
    "case.improvements_note": _improvements_note,
    "root_cause.summary": lambda f: (
        f.sentence(CAUSE, cause=f.case.root_cause.whys[-1]) if f.case.root_cause else ""
    ),
    "case.opens_at": lambda f: format_instant(opens_at(f.case, f.told_at)),
    "case.after_hours_note": _after_hours_note,
    "case.improvements": lambda f: _root(f, "improvements"),
    "customer.id": lambda f: f.case.complaint.customer.id,
    "customer.name": _customer_name,
    "customer.contact": lambda f: f.case.complaint.customer.contact or "",
    "root_cause.cause": lambda f: _root(f, "cause"),
    "root_cause.whys": lambda f: _root(f, "whys"),
    "root_cause.nature": lambda f: _root(f, "nature"),
    "root_cause.fishbone": lambda f: _root(f, "fishbone"),
    "root_cause.impact": lambda f: _root(f, "impact"),
    "event.kind": lambda f: _event(f, "kind"),
    "event.at": lambda f: _event(f, "at"),
    "event.reason": lambda f: _event(f, "reason"),
    "message": _message,
}
