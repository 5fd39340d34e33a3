"""The ``templates`` and ``notifications`` policy sections: schema fragment and compiler.

```yaml
templates:
  acknowledgement:            # any name; these four are the usual ones
    zh: {subject: "您的投诉 {case.id} 已受理", body: "……"}
    en: {subject: "We received your complaint {case.id}", body: "…"}
  progress_update: …
  closing_report: …
  satisfaction_survey: …
notifications:
  default_language: zh        # when neither the case's language nor its text's has a template
  status_url: https://example.com/status/{token}
  notifiers:                  # name → a registered notifier type and its options
    mail: {type: smtp, options: {host: localhost, port: 25, sender: care@example.com}}
  contacts:                   # how to reach people other than the customer
    owners: {li.na: li.na@example.com}
    team_leads: {logistics: lead@example.com}
    managers: [boss@example.com]
  rules:                      # which events notify whom, through which notifier
    - {on: opened, notify: [customer], via: mail, template: acknowledgement}
    - {on: transitioned, to: resolved, when: {field: case.escalation_level, ">": 0},
       notify: [customer], via: mail, template: final_response}     # only when it applies
    - {on: transitioned, to: closed, notify: [customer], via: mail, template: closing_report}
    - {on: incident_detected, notify: [customer], via: mail, template: recall_notice,
       after_case_ended: true}     # past complainants too: nothing else reaches them
  publish: [bus]              # notifiers that receive every stored case event
  delivery: {attempts: 8, backoff: 30, max_backoff: 21600}   # retries, in seconds
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any, Final

import attrs

from complaintkit.delivery.retry import MAX_WAIT, RetryPolicy
from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.model.case import Case
from complaintkit.model.custom_events import misspelt
from complaintkit.model.language import written_in
from complaintkit.model.lifecycle import Status
from complaintkit.notify.past_promise import named_deadlines
from complaintkit.notify.templates import Template, TemplateMistakes
from complaintkit.policy.case_record import case_record
from complaintkit.policy.catalog import LANGUAGE_PATTERN
from complaintkit.policy.conditions import Condition, compile_condition
from complaintkit.policy.facts import Facts
from complaintkit.policy.key_hints import meant_key, meant_lead
from complaintkit.policy.language_twice import twice_message, written_twice
from complaintkit.policy.meant_values import meant_id, meant_language
from complaintkit.policy.operators import OperatorRegistry
from complaintkit.policy.signal_names import signal_problems
from complaintkit.policy.written_at import written_at

ROLES = ("customer", "owner", "team_lead", "manager")
#: The event an escalation level's ``notify: {role, template, via}`` action records.
REQUESTED = "notification_requested"

_TEXT = {"type": "string"}
_NAME = {"type": "string", "minLength": 1}

SCHEMA: dict[str, Any] = {
    "templates": {
        "type": "object",
        "description": "Message templates by name, then by language: {subject, body}. "
        "Placeholders such as {case.id} and {customer.name} come from a fixed list of fields.",
        "additionalProperties": {
            "type": "object",
            "description": "a template is written language first: "
            "{zh: {subject: …, body: …}, en: {subject: …, body: …}}",
            "minProperties": 1,
            "propertyNames": {"pattern": LANGUAGE_PATTERN},
            "additionalProperties": {
                "type": "object",
                "description": "write the language's letter as {subject: …, body: …}",
                "required": ["subject", "body"],
                "properties": {"subject": _TEXT, "body": _TEXT},
                "additionalProperties": False,
            },
        },
    },
    "notifications": {
        "type": "object",
        "description": "Which events notify whom, through which notifier, with which template.",
        "additionalProperties": False,
        "properties": {
            "default_language": {"type": "string", "pattern": LANGUAGE_PATTERN},
            "status_url": {"type": "string", "pattern": "\\{token\\}"},
            "notifiers": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["type"],
                    "additionalProperties": False,
                    "properties": {"type": _NAME, "options": {"type": "object"}},
                },
            },
            "contacts": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "owners": {"type": "object", "additionalProperties": _NAME},
                    "team_leads": {"type": "object", "additionalProperties": _NAME},
                    "managers": {"type": "array", "items": _NAME},
                },
            },
            "publish": {
                "type": "array",
                "description": "Notifiers that publish every stored case event (each must "
                "support publishing, e.g. webhook or a broker plugin's).",
                "items": _NAME,
                "uniqueItems": True,
            },
            "delivery": {
                "type": "object",
                "description": "How the delivery worker retries: attempts in all, the first "
                "backoff and its ceiling in seconds (doubling, with jitter).",
                "additionalProperties": False,
                "properties": {
                    "attempts": {"type": "integer", "minimum": 1, "maximum": 100},
                    "backoff": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_WAIT},
                    "max_backoff": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_WAIT},
                },
            },
            "rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["on", "notify", "via", "template"],
                    "additionalProperties": False,
                    "properties": {
                        "on": _NAME,
                        "to": _NAME,
                        "notify": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"enum": list(ROLES)},
                        },
                        "via": _NAME,
                        "template": _NAME,
                        "when": {"$ref": "#/$defs/condition"},
                        "after_case_ended": {
                            "type": "boolean",
                            "description": "Also tell the customer of a case that was "
                            "closed, rejected or withdrawn (a recall notice); by default "
                            "nothing reaches them after the move that ended it.",
                        },
                    },
                },
            },
        },
    },
}


@attrs.frozen
class LocalisedTemplate:
    subject: Template
    body: Template
    #: the SLA metrics whose deadlines it names, in order, once each (``past_promise``)
    deadlines: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    @deadlines.default
    def _deadlines(self) -> tuple[str, ...]:
        return named_deadlines(self.subject, self.body)


@attrs.frozen
class NotifyRule:
    """When an event of kind ``on`` (and, for transitions, status ``to``) happens, send
    ``template`` through notifier ``via`` to each role in ``notify``."""

    on: str
    notify: tuple[str, ...]
    via: str
    template: str
    to: str | None = None
    #: a condition on the case (as compensation reads it), e.g. a final-response letter only
    #: for cases that were escalated
    when: Condition | None = None
    #: whether the customer of a case that ended is told too (a recall notice to past
    #: complainants); otherwise only staff hear of events after the case ended
    after_case_ended: bool = False
    #: where the policy writes it, so a letter its condition failed on names the rule
    where: Location | None = attrs.field(default=None, eq=False)

    def roles(self, ended: bool) -> tuple[str, ...]:
        """Whom this rule tells about an event on a case that had ``ended`` by then."""
        if not ended or self.after_case_ended:
            return self.notify
        return tuple(role for role in self.notify if role != "customer")

    def matches(self, kind: str, data: Mapping[str, Any], case: Case | None = None) -> bool:
        if kind != self.on or (self.to is not None and data.get("to") != self.to):
            return False
        return self.when is None or case is None or self.when(Facts(case_record(case)))


@attrs.frozen
class NotifierSpec:
    type: str
    options: Mapping[str, Any]
    #: where the policy writes it (``policy.yaml:14:5``),
    #: for an error only building it finds, said long after the policy was read
    where: str = attrs.field(default="", eq=False)


@attrs.frozen
class NotificationPolicy:
    """The compiled sections; ``Notifications`` runs them."""

    templates: Mapping[str, Mapping[str, LocalisedTemplate]]
    rules: tuple[NotifyRule, ...] = ()
    notifiers: Mapping[str, NotifierSpec] = attrs.field(factory=dict)
    owners: Mapping[str, str] = attrs.field(factory=dict)
    team_leads: Mapping[str, str] = attrs.field(factory=dict)
    managers: tuple[str, ...] = ()
    default_language: str | None = None
    status_url: str = ""
    publish: tuple[str, ...] = ()
    delivery: Mapping[str, Any] = attrs.field(factory=dict)
    #: warnings for ``validate`` (an ``on`` one letter off an event the library records)
    problems: tuple[Problem, ...] = ()

    def template(
        self, name: str, language: str | None, script: str | None = None
    ) -> tuple[str, LocalisedTemplate]:
        """The template in ``language`` if the policy has it, else in ``script`` (the
        language the complaint is written in: its reader reads that, as the status page
        shows it), else the default language, else the first one written. A tag finds the
        version of its language however it is written: ``zh-CN``, ``zh_CN`` or ``ZH`` find
        ``zh`` (RFC 4647 lookup)."""
        versions = self.templates[name]
        for candidate in (language, script, self.default_language):
            if (key := written_in(versions, candidate)) is not None:
                return key, versions[key]
        first = next(iter(versions))
        return first, versions[first]


Locate = Callable[[str], Location]


def compile_notifications(
    templates: Any,
    notifications: Any,
    *,
    locate: Locate,
    prefix: str = "",
    operators: OperatorRegistry | None = None,
    metrics: Collection[str] | None = None,
    currency: str | None = None,
) -> NotificationPolicy:
    """Compile the two sections (already schema-valid) into a ``NotificationPolicy``.

    ``templates`` and ``notifications`` are the raw section values (``None`` when absent);
    ``prefix`` is prepended to paths given to ``locate`` (``""`` for a top-level document);
    rules' ``when`` conditions may use ``operators`` (the plugins', else the built-ins);
    ``{case.due.<metric>}`` must name one of ``metrics`` (the SLA clocks), when given; a
    bare number compared with ``complaint.amount`` is money in the policy's ``currency``.
    Every problem is collected and raised at once as ``PolicyError``.
    """
    problems: list[Problem] = []

    def problem(path: str, message: str, hint: str = "", at: Written | None = None) -> None:
        where = locate(prefix + path)
        if at is not None:  # at the placeholder, on its own line of a long body
            where = written_at(where, *at)
        problems.append(Problem(where, message, hint))

    compiled: dict[str, dict[str, LocalisedTemplate]] = {}
    for name, versions in (templates or {}).items():
        for tag, earlier in written_twice(versions):
            message, hint = twice_message(tag, earlier, "template")
            problems.append(
                Problem(
                    locate(f"{prefix}templates.{name}.{tag}"),
                    message,
                    hint,
                    code="duplicate-language",
                )
            )
        for language, parts in versions.items():
            read = _read_parts(parts, f"templates.{name}.{language}", problem)
            if read is None:
                continue
            subject, body = read
            compiled.setdefault(name, {})[language] = LocalisedTemplate(subject, body)
            status_url = (notifications or {}).get("status_url")
            for part, message, hint, at in _template_doubts(subject, body, metrics, status_url):
                problem(f"templates.{name}.{language}.{part}", message, hint, at)

    section = notifications or {}
    specs = {
        name: NotifierSpec(
            spec["type"],
            dict(spec.get("options", {})),
            str(attrs.evolve(locate(f"{prefix}notifications.notifiers.{name}"), path="")),
        )
        for name, spec in section.get("notifiers", {}).items()
    }
    rules = []
    errors, warnings = _doubts(section.get("rules", []), locate, prefix)
    warnings += _unwritten_default(section.get("default_language"), compiled, locate, prefix)
    problems.extend(errors)
    for index, raw in enumerate(section.get("rules", [])):
        where = f"notifications.rules[{index}]"
        if raw["via"] not in specs:
            problem(
                f"{where}.via",
                f"notifier {raw['via']!r} is not defined",
                f"{meant_lead([raw['via']], specs)}define it under notifications.notifiers; "
                f"defined: {', '.join(specs) or 'none'}",
            )
        if raw["template"] not in (templates or {}):
            problem(
                f"{where}.template",
                f"template {raw['template']!r} is not defined",
                f"{meant_lead([raw['template']], templates or {})}add it under templates; "
                f"defined: {', '.join(templates or {}) or 'none'}",
            )
        when = None
        if "when" in raw:
            try:
                when = compile_condition(
                    raw["when"],
                    prefix + f"{where}.when",
                    locate=locate,
                    registry=operators,
                    currency=currency,
                )
            except PolicyError as exc:
                problems.extend(exc.problems)
        rules.append(
            NotifyRule(
                raw["on"],
                tuple(raw["notify"]),
                raw["via"],
                raw["template"],
                raw.get("to"),
                when,
                raw.get("after_case_ended", False),
                locate(prefix + where),
            )
        )
    for path, message, hint in _delivery_problems(section, specs):
        problem(path, message, hint)
    if problems:  # with the warnings: an error must not hide them until it is fixed
        raise PolicyError([*problems, *warnings])
    contacts = section.get("contacts", {})
    return NotificationPolicy(
        templates=compiled,
        rules=tuple(rules),
        notifiers=specs,
        owners=dict(contacts.get("owners", {})),
        team_leads=dict(contacts.get("team_leads", {})),
        managers=tuple(contacts.get("managers", ())),
        default_language=section.get("default_language"),
        status_url=section.get("status_url", ""),
        publish=tuple(section.get("publish", ())),
        delivery=dict(section.get("delivery", {})),
        problems=tuple(warnings),
    )


def _unwritten_default(
    language: str | None,
    templates: Mapping[str, Mapping[str, LocalisedTemplate]],
    locate: Locate,
    prefix: str,
) -> list[Problem]:
    """A warning when no template is written in ``default_language``: it is never used,
    and letters fall back to whichever version each template wrote first. A version keyed
    by a country's code meaning it (``cn`` for ``zh``) is an error saying so instead."""
    if not language or not templates:
        return []
    if any(written_in(versions, language) is not None for versions in templates.values()):
        return []
    codes = {code for versions in templates.values() for code in versions}
    written = sorted(code for code in codes if re.match(LANGUAGE_PATTERN, code))
    if not written or any(meant_language(code) == language for code in codes):
        return []
    return [
        Problem(
            locate(f"{prefix}notifications.default_language"),
            f"no template is written in {language!r}, so the default language is never "
            "used: a case in a language no template has gets the version written first",
            f"write one of the templates' languages: {', '.join(written)}",
            severity="warning",
        )
    ]


def _doubts(
    rules: list[Mapping[str, Any]], locate: Locate, prefix: str
) -> tuple[list[Problem], list[Problem]]:
    """Errors for rules that could never fire, warnings for an ``on`` that looks misspelt."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for index, raw in enumerate(rules):
        where = f"{prefix}notifications.rules[{index}]"
        errors += [Problem(locate(f"{where}.to"), *found) for found in _never_fires(raw)]
        for problem in _on_problems(str(raw["on"]), locate(f"{where}.on")):
            (errors if problem.severity == "error" else warnings).append(problem)
    return errors, warnings


def _on_problems(name: str, where: Location) -> list[Problem]:
    """An ``on`` no event can carry is an error; one a letter off a recorded event is a
    warning."""
    if (close := misspelt(name)) is not None:
        return [
            Problem(
                where,
                f"no event the library records is called {name!r}",
                f"did you mean {close}? (an event your SOP records itself is fine)",
                severity="warning",
                code="unknown-event",
            )
        ]
    return [p for p in signal_problems([name], where, "event") if p.severity == "error"]


def _never_fires(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """A ``to`` no transition can have: no status of that name, or on another event."""
    to = raw.get("to")
    if not isinstance(to, str):
        return  # none, or the schema says what is wrong with it
    if raw["on"] != "transitioned":
        yield (
            f"only a transition has a 'to' (this rule is on {raw['on']!r})",
            'write "on": transitioned, or leave out to',
        )
    elif to not in (statuses := [s.value for s in Status]):
        meant = meant_id(to, statuses)
        close = meant_key(to, statuses)
        listed = f"use one of {', '.join(statuses)}"
        yield (
            f"{to!r} is not a case status",
            f"write {meant} (an id; the Chinese word is not read); {listed}"
            if meant
            else f"did you mean {close!r}? {listed}"
            if close
            else listed,
        )


#: A template's text and where in it a problem is written (start, end).
Written = tuple[str, int, int]


def _read_parts(
    parts: Mapping[str, str],
    path: str,
    problem: Callable[[str, str, str, Written | None], None],
) -> tuple[Template, Template] | None:
    """The subject and the body, or None; both are checked, so a bad subject hides no
    mistake of the body."""
    read: dict[str, Template] = {}
    for part in ("subject", "body"):
        if not isinstance(parts[part], str):
            continue  # text too long for a policy: reported where the policy was read
        try:
            read[part] = Template.compile(parts[part])
            if read[part].blank:
                problem(
                    f"{path}.{part}",
                    f"the {part} is empty: every letter would be sent without one",
                    f"write the {part}, e.g. {_EXAMPLE[part]}",
                    None,
                )
        except TemplateMistakes as exc:
            spans: list[tuple[int, int] | None] = [*exc.spans]
            spans += [None] * (len(exc.mistakes) - len(spans))
            for (message, hint), span in zip(exc.mistakes, spans, strict=True):
                at = None if span is None else (parts[part], *span)
                problem(f"{path}.{part}", message, hint, at)
    return (read["subject"], read["body"]) if len(read) == 2 else None


_EXAMPLE: Final = {"subject": "Your complaint {case.id}", "body": "{message}"}


def _template_doubts(
    subject: Template, body: Template, metrics: Collection[str] | None, status_url: str | None
) -> Iterator[tuple[str, str, str, Written | None]]:
    """(part, message, hint, where in the text) for each field no case can fill, and an
    improvement the body claims in its own words."""
    for part, template in (("subject", subject), ("body", body)):
        for field, message, hint in _never_filled(template, metrics, status_url):
            found = re.search(r"\{\s*" + re.escape(field) + r"\s*\}", template.source)
            yield part, message, hint, None if found is None else (template.source, *found.span())
    claim = unrecorded_claim(body)
    if claim is not None:
        yield (
            "body",
            f"claims an improvement in its own words ({claim!r}), which every case "
            "would then say whether or not one was made",
            "show the recorded ones instead: {case.improvements_note} or "
            "{case.improvements} (empty when none was recorded)",
            None,
        )


def _never_filled(
    template: Template, metrics: Collection[str] | None, status_url: str | None
) -> Iterator[tuple[str, str, str]]:
    """(field, message, hint) for each field of ``template`` no case can fill, which every message
    would show as nothing: a clock the policy has no metric for (``{case.due.onsite}`` for
    ``on_site``), a status link without ``notifications.status_url``."""
    for kind, field in template.parts:
        if kind != "field":
            continue
        metric = field.removeprefix("case.due.")
        if metric != field and metrics is not None and metric not in metrics:
            yield (
                field,
                f"{{{field}}} names no SLA clock of this policy, so it would always be empty",
                f"clocks: {', '.join(f'{{case.due.{m}}}' for m in metrics) or 'none'}",
            )
        elif field == "case.status_url" and not status_url:
            yield (
                field,
                "{case.status_url} needs notifications.status_url, or it is always empty",
                "set notifications.status_url, e.g. https://shop.example/status/{token}",
            )


#: Words that claim a process was improved; a message may say so only from the record.
IMPROVEMENT_CLAIMS: Final = ("改进", "整改", "improved", "improvement")


def unrecorded_claim(template: Template) -> str | None:
    """The improvement claim ``template`` writes as literal text, unless it also shows the
    recorded improvements (then the literal is a heading for them)."""
    fields = {value for kind, value in template.parts if kind == "field"}
    if fields & {"case.improvements", "case.improvements_note"}:
        return None
    text = "".join(value for kind, value in template.parts if kind == "text").lower()
    return next((word for word in IMPROVEMENT_CLAIMS if word in text), None)


def _delivery_problems(
    section: Mapping[str, Any], specs: Mapping[str, NotifierSpec]
) -> list[tuple[str, str, str]]:
    """(path, message, hint) for each ``publish`` name no notifier has and a retry ceiling
    below the first backoff."""
    found = [
        (
            f"notifications.publish[{index}]",
            f"notifier {name!r} is not defined",
            f"{meant_lead([name], specs)}define it under notifications.notifiers; "
            f"defined: {', '.join(specs) or 'none'}",
        )
        for index, name in enumerate(section.get("publish", []))
        if name not in specs
    ]
    delivery = section.get("delivery", {})
    # each not written has the retry policy's default: a backoff past the ceiling it gets
    # when not given would stop every Desk the policy builds
    backoff = delivery.get("backoff", _DEFAULT.backoff)
    if delivery.get("max_backoff", _DEFAULT.max_backoff) < backoff:
        found.append(
            (
                "notifications.delivery.max_backoff",
                "max_backoff is shorter than backoff",
                "make max_backoff at least backoff (both in seconds)",
            )
            if "max_backoff" in delivery
            else (
                "notifications.delivery.backoff",
                f"backoff {backoff:g} s is longer than max_backoff, {_DEFAULT.max_backoff:g} s "
                "when not given",
                f"write max_backoff: {backoff:g} (or more) beside it, or a shorter backoff",
            )
        )
    return found


#: The retry schedule a policy gets for what its ``delivery`` does not say.
_DEFAULT: Final = RetryPolicy()
