"""``complaintkit cases list|show``: look at stored cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import click

from complaintkit.cli.actor_option import actor_option
from complaintkit.cli.case_export import export_case
from complaintkit.cli.case_view import checked_case, history, show
from complaintkit.cli.choice import Named
from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.damaged_cases import Readable, name_damaged, naming_damaged
from complaintkit.cli.day_option import DAY_OR_INSTANT, day_or_instant, placed_one
from complaintkit.cli.errors import utf8_text
from complaintkit.cli.event_name import event_name
from complaintkit.cli.id_argument import looked_up_id
from complaintkit.cli.limit_option import limit_option
from complaintkit.cli.said_argument import said_text
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import FISHBONE_CATEGORIES, NATURES, Case, RootCause
from complaintkit.model.history import replay_to
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.lifecycle import Status
from complaintkit.model.owner_id import check_owner_id
from complaintkit.reports.metrics import DUE_SOON
from complaintkit.reports.workload import (
    GROUPS,
    Group,
    due_within,
    item_subject,
    open_items,
    workload,
)
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.explain import explain_deadlines, render_deadlines
from complaintkit.sla.shown_zone import shown_zone
from complaintkit.storage.arguments import MOST_ROWS
from complaintkit.visible import shown


@click.group()
def cases() -> None:
    """List, show and export stored cases."""


cases.add_command(export_case)


def _window(ctx: click.Context, param: click.Parameter, value: str | None) -> timedelta | None:
    if value is None:
        return None
    try:
        span = parse_duration(value)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message) from None
    if span.business:
        raise click.BadParameter("give calendar time, e.g. 2h or 1 day")
    return timedelta(days=span.days) + span.time


@cases.command("list")
@click.option("--status", type=Named([s.value for s in Status], "STATUS"), help="Only this status.")
@click.option(
    "--customer", "customer_id", callback=looked_up_id, help="Only this customer's cases."
)
@click.option("--owner", callback=looked_up_id, help="Only cases this person owns.")
@click.option("--overdue", is_flag=True, help="Only open cases whose soonest deadline has passed.")
@click.option(
    "--due-within",
    "window",
    callback=_window,
    metavar="DURATION",
    help="Only open cases due within this time from now (e.g. 2h), late ones excluded.",
)
@click.option(
    "--by",
    type=click.Choice(GROUPS),
    help="Totals of open, late and due-soon cases (due within --due-within, else 24 hours) "
    "per owner or team instead of a list.",
)
@limit_option(
    "cases",
    "Most cases listed (the oldest first), or owners or teams with --by; a note says "
    "when more matched.",
)
@json_option
@pass_app
def list_cases(
    app: App,
    status: str | None,
    customer_id: str | None,
    owner: str | None,
    overdue: bool,
    window: timedelta | None,
    by: Group | None,
    limit: int,
    as_json: bool,
) -> None:
    """List cases, oldest first; or who is late (--overdue, --due-within, --by)."""
    desk = app.desk(read_only=True)
    with naming_damaged(desk) as find:  # each damaged case named after the others
        if overdue or window is not None or by is not None:
            _list_workload(
                desk, find, status, customer_id, owner, overdue, window, by, limit, as_json
            )
        else:
            _list(find, status, customer_id, owner, limit, as_json)


def _list(
    find: Readable,
    status: str | None,
    customer_id: str | None,
    owner: str | None,
    limit: int,
    as_json: bool,
) -> None:
    found = find(
        status=status, customer_id=customer_id, owner=owner, limit=min(limit + 1, MOST_ROWS)
    )
    found = _cut(found, limit)
    find.listed(found)
    if as_json:
        echo_json([c.to_json() for c in found])
        return
    if not found and not find.damaged:  # a damaged one is named, not "none match"
        given = [
            f"--{name}"
            for name, value in (("status", status), ("customer", customer_id), ("owner", owner))
            if value is not None
        ]
        click.echo(
            f"No cases match {' '.join(given)}."
            if given
            else "No cases match. Take some in with: complaintkit intake FILE.jsonl"
        )
    if not found:
        return
    for case in found:
        about = item_subject(case.complaint.subject, case.complaint.text)
        click.echo(
            f"{case.id}  {case.status.value:<22} {case.category or '-':<14} "
            f"{case.priority or '-':<8} {shown(case.owner or '-', lines=False):<16} "
            f"{shown(about, lines=False)}"
        )


def _list_workload(
    desk: Desk,
    find: Readable,
    status: str | None,
    customer_id: str | None,
    owner: str | None,
    overdue: bool,
    window: timedelta | None,
    by: Group | None,
    limit: int,
    as_json: bool,
) -> None:
    now = desk.clock.now()
    cases = find(status=status, customer_id=customer_id, owner=owner, open_only=True)
    items = open_items(cases, now)
    if by is not None:
        soon = DUE_SOON if window is None else window  # as the report's, unless given
        rows = _cut(workload(items, by, now, soon), limit, f"{by}s")
        if as_json:
            echo_json([r.to_json() for r in rows])
            return
        if not rows:  # a header alone reads as a failure to list; a damaged case is named
            if not find.damaged:
                click.echo("No open case matches.")
            return
        click.echo(f"{by:<20} {'open':>6} {'late':>6} {'due soon':>9}")
        for row in rows:
            name = shown(row.name or "-", lines=False)
            click.echo(f"{name:<20} {row.open:>6} {row.late:>6} {row.due_soon:>9}")
        return
    chosen = [i for i in items if i.late] if overdue else []
    if window is not None:
        chosen += due_within(items, now, window)
    chosen = _cut(chosen, limit)
    zones, shown_in = desk.shown_zones, {c.id: c for c in cases}
    find.listed(shown_in[item.case_id] for item in chosen)
    if as_json:
        echo_json([i.to_json() for i in chosen])
        return
    if not chosen:
        click.echo("No open case is late or due in that window.")
        return
    for item in chosen:
        due = (
            "-"
            if item.due_at is None
            else item.due_at.astimezone(shown_zone(shown_in[item.case_id], zones)).strftime(
                "%m-%d %H:%M %z"
            )
        )  # in the policy's home zone (else the case's received offset), the offset saying which
        when = f"late by {_hours(item.late_by)}" if item.late_by is not None else f"due {due}"
        click.echo(
            f"{item.case_id}  {shown(item.owner or '-', lines=False):<16} "
            f"{shown(item.team or '-', lines=False):<12} {item.metric or '-':<16} {when:<18} "
            f"{shown(item.subject, lines=False)}"
        )


Row = TypeVar("Row")


def _cut(rows: list[Row], limit: int, what: str = "cases") -> list[Row]:
    """The first ``limit`` rows; when more matched, a note on stderr says so (stdout stays
    the list, JSON too), so the ``what`` past the limit are not missed unseen."""
    if len(rows) > limit:
        click.echo(
            f"the first {limit} shown; more {what} match: narrow the list or raise --limit",
            err=True,
        )
    return rows[:limit]


def _hours(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


@cases.command("show")
@click.argument("case_id", callback=looked_up_id)
@json_option
@pass_app
def show_case(app: App, case_id: str, as_json: bool) -> None:
    """Show one case and its full history."""
    desk = app.desk(read_only=True)
    case, events, damaged = checked_case(desk, case_id)
    if as_json:
        echo_json({"case": case and case.to_json(), "events": [e.to_json() for e in events]})
    elif case is None:
        click.echo(f"{case_id}  [damaged: its case row cannot be read]")
        history(desk, case_id, None, events)
    else:
        show(desk, case, events)
    name_damaged(damaged)


@cases.command("explain")
@click.argument("case_id", callback=looked_up_id)
@click.option(
    "--at",
    "at_given",
    callback=day_or_instant,
    metavar="WHEN",
    help=f"Explain as of WHEN (default: now): {DAY_OR_INSTANT}.",
)
@json_option
@pass_app
def explain_case(app: App, case_id: str, at_given: datetime | date | None, as_json: bool) -> None:
    """Show how each deadline of a stored case was reckoned and when each escalation level
    fires, at any point of the case's life."""
    desk = app.desk(read_only=True)
    at = placed_one(at_given, desk.zone)
    if desk.sla is None:
        raise click.UsageError("the policy has no sla section; pass --policy")
    case = desk.get(case_id)
    if at is not None and at < case.updated_at:  # changed since: as it stood then
        case = _as_it_stood(desk, case_id, at)
    now = desk.clock.now() if at is None else at
    report = explain_deadlines(case, desk.sla, now)
    if as_json:
        echo_json(report)
        return
    click.echo(f"{case.id}  [{case.status.value}]  policy {case.policy_version or '-'}")
    for line in render_deadlines(report) or ["no SLA clock runs on this case"]:
        click.echo(f"  {line}")


def _as_it_stood(desk: Desk, case_id: str, at: datetime) -> Case:
    """The case at ``at``, from its history: the stored case, read at an earlier instant,
    would show the status and the clocks met that came after it."""
    events = desk.history(case_id)
    stood = replay_to(events, at)
    if stood is None:
        raise click.BadParameter(
            f"case {case_id} was opened at {events[0].at.isoformat()}, after "
            f"{at.isoformat()}; give an instant of its life",
            param_hint="'--at'",
        )
    return stood


# --- agents' actions: every step of the SOP from the command line ------------------------


def _done(case: Case, as_json: bool) -> None:
    if as_json:
        echo_json({"case_id": case.id, "status": case.status.value, "version": case.version})
    else:
        click.echo(f"{case.id}  now {case.status.value} (version {case.version})")


@cases.command("respond")
@click.argument("case_id", callback=looked_up_id)
@click.argument("message", callback=said_text())
@click.option("--update", is_flag=True, help="A progress update rather than a response.")
@actor_option
@json_option
@pass_app
def respond(app: App, case_id: str, message: str, update: bool, actor: str, as_json: bool) -> None:
    """Send the customer a response or a progress update (they see it on their page)."""
    desk = app.desk(existing=True)
    act = desk.update if update else desk.respond
    _done(act(case_id, message, actor=actor), as_json)


@cases.command("note")
@click.argument("case_id", callback=looked_up_id)
@click.argument("text", callback=said_text())
@actor_option
@json_option
@pass_app
def note(app: App, case_id: str, text: str, actor: str, as_json: bool) -> None:
    """Record an internal note; the customer never sees it."""
    _done(app.desk(existing=True).note(case_id, text, actor=actor), as_json)


@cases.command("event")
@click.argument("case_id", callback=looked_up_id)
@click.argument("name", callback=event_name)
@click.option("--reason", default="", help="Why, for the case history.")
@actor_option
@json_option
@pass_app
def event(app: App, case_id: str, name: str, reason: str, actor: str, as_json: bool) -> None:
    """Record an event your SOP names (holding_reply, site_visit); conditions read
    case.events.NAME."""
    _done(app.desk(existing=True).record_event(case_id, name, actor=actor, reason=reason), as_json)


def _id(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An owner or team id as the Desk takes one (``model.owner_id``): one refused is a
    usage error naming the argument, before the store is opened."""
    if value is None:
        return None
    try:
        return check_owner_id(utf8_text(ctx, param, value), str(param.name))
    except InvalidInput as exc:
        raise click.BadParameter(exc.message) from None


@cases.command("assign")
@click.argument("case_id", callback=looked_up_id)
@click.argument("owner", callback=_id)
@click.option("--team", callback=_id, help="The owner's team.")
@click.option("--reason", default="", help="Why the case changes hands.")
@actor_option
@json_option
@pass_app
def assign(
    app: App,
    case_id: str,
    owner: str,
    team: str | None,
    reason: str,
    actor: str,
    as_json: bool,
) -> None:
    """Give the case a new named owner."""
    _done(
        app.desk(existing=True).assign(case_id, owner, team=team, reason=reason, actor=actor),
        as_json,
    )


@cases.command("move")
@click.argument("case_id", callback=looked_up_id)
@click.argument("status", type=Named([s.value for s in Status], "STATUS"))
@click.option("--reason", default="", help="Why, for the case history.")
@actor_option
@json_option
@pass_app
def move(app: App, case_id: str, status: str, reason: str, actor: str, as_json: bool) -> None:
    """Move the case to another status (the policy's gates may ask for steps first)."""
    if status == Status.RESOLVED:  # the Desk's refusal names its parameter, ``to``
        raise click.BadParameter(
            "a case is resolved by 'complaintkit cases resolve CASE_ID RESOLUTION', which "
            "says how it was",
            param_hint="'STATUS'",
        )
    _done(app.desk(existing=True).transition(case_id, status, actor=actor, reason=reason), as_json)


@cases.command("resolve")
@click.argument("case_id", callback=looked_up_id)
@click.argument("resolution", callback=said_text("say how the complaint was resolved"))
@actor_option
@json_option
@pass_app
def resolve(app: App, case_id: str, resolution: str, actor: str, as_json: bool) -> None:
    """Mark the problem solved, saying how."""
    _done(app.desk(existing=True).resolve(case_id, resolution, actor=actor), as_json)


@cases.command("follow-up")
@click.argument("case_id", callback=looked_up_id)
@click.option("--score", type=click.IntRange(1, 5), help="Satisfaction, 1 to 5.")
@click.option("--refused", is_flag=True, help="The customer declined to rate.")
@click.option("--comment", default="", help="What the customer said.")
@actor_option
@json_option
@pass_app
def follow_up(
    app: App,
    case_id: str,
    score: int | None,
    refused: bool,
    comment: str,
    actor: str,
    as_json: bool,
) -> None:
    """Record the follow-up visit (回访): a satisfaction score, or the customer's refusal."""
    if (score is None) == (not refused):
        raise click.UsageError("give either --score N or --refused")
    desk = app.desk(existing=True)
    if refused:
        _done(desk.follow_up_refused(case_id, comment, actor=actor), as_json)
    else:
        assert score is not None  # checked above; narrows the type
        _done(desk.follow_up(case_id, score, comment, actor=actor), as_json)


@cases.command("root-cause")
@click.argument("case_id", callback=looked_up_id)
@click.option(
    "--fishbone",
    required=True,
    type=Named(FISHBONE_CATEGORIES, "BRANCH"),
    help="The fishbone (Ishikawa) branch the cause belongs to.",
)
@click.option("--why", "whys", multiple=True, required=True, help="5-Why answers, in order.")
@click.option(
    "--nature",
    required=True,
    type=Named(NATURES, "NATURE"),
    help="Systemic (would happen again) or incidental (a one-off).",
)
@click.option("--impact", default="", help="Who or what else the cause affected.")
@click.option(
    "--improvement",
    "improvements",
    multiple=True,
    help="A process change made so it does not happen again (the closing report names it).",
)
@actor_option
@json_option
@pass_app
def root_cause(
    app: App,
    case_id: str,
    fishbone: str,
    whys: tuple[str, ...],
    nature: str,
    impact: str,
    improvements: tuple[str, ...],
    actor: str,
    as_json: bool,
) -> None:
    """Record the root cause: fishbone branch, the 5-Why chain, systemic or incidental."""
    cause = RootCause(fishbone, whys, nature, impact, improvements)
    _done(app.desk(existing=True).record_root_cause(case_id, cause, actor=actor), as_json)


@cases.command("close")
@click.argument("case_id", callback=looked_up_id)
@click.option("--reason", default="", help="Why, for the case history.")
@actor_option
@json_option
@pass_app
def close(app: App, case_id: str, reason: str, actor: str, as_json: bool) -> None:
    """Close the case (the policy's gates may ask for a follow-up first)."""
    _done(app.desk(existing=True).close(case_id, actor=actor, reason=reason), as_json)


@cases.command("compensate")
@click.argument("case_id", callback=looked_up_id)
@click.option(
    "--facts",
    "facts_json",
    default="{}",
    metavar="JSON",
    help='Facts the compensation rows read, e.g. \'{"price": {"amount": "12.80", "currency": "CNY"}}\'.',
)
@actor_option
@json_option
@pass_app
def compensate(app: App, case_id: str, facts_json: str, actor: str, as_json: bool) -> None:
    """Record the policy's compensation decision for the case as a proposal."""
    try:  # the reader intake uses: NaN, a 5,000-digit integer or deep nesting is refused
        facts = parse_json(facts_json, "facts")
    except InvalidInput as exc:
        raise click.BadParameter(f"{exc.field} {exc.message}", param_hint="--facts") from None
    if not isinstance(facts, dict):
        raise click.BadParameter("give a JSON object", param_hint="--facts")
    _done(app.desk(existing=True).propose_compensation(case_id, facts, actor=actor), as_json)


#: What click's decorators are: a function (or a command being built) in, the same out.
_Decorator = Callable[[Any], Any]


def _on_a_proposal(name: str, *options: _Decorator) -> _Decorator:
    """``cases NAME CASE_ID COMPENSATION_ID [options] --actor --json``: a step on one
    compensation proposal (comp-1) of a case."""

    innermost_first: tuple[_Decorator, ...] = (
        pass_app,
        json_option,
        actor_option,
        *reversed(options),
        click.argument("compensation_id", callback=looked_up_id),
        click.argument("case_id", callback=looked_up_id),
        cases.command(name),
    )

    def command(function: Any) -> Any:
        for decorate in innermost_first:
            function = decorate(function)
        return function

    return command


_answer_reason = click.option(
    "--reason", default="", callback=utf8_text, help="How the customer answered, for the history."
)


@_on_a_proposal(
    "approve",
    click.option(
        "--role",
        required=True,
        callback=utf8_text,
        help="The role approving, one its amount needs.",
    ),
)
def approve(
    app: App, case_id: str, compensation_id: str, role: str, actor: str, as_json: bool
) -> None:
    """Approve a compensation proposal (comp-1) as ROLE; its proposer cannot."""
    desk = app.desk(existing=True)
    _done(desk.approve_compensation(case_id, compensation_id, role=role, actor=actor), as_json)


@_on_a_proposal(
    "reject",
    click.option("--role", required=True, callback=utf8_text, help="The role rejecting it."),
    click.option(
        "--reason",
        required=True,
        callback=said_text("say why the compensation is rejected"),
        help="Why, for the history.",
    ),
)
def reject(
    app: App, case_id: str, compensation_id: str, role: str, reason: str, actor: str, as_json: bool
) -> None:
    """Reject a compensation proposal (comp-1) as ROLE, one that could approve it."""
    desk = app.desk(existing=True)
    done = desk.reject_compensation(case_id, compensation_id, role=role, actor=actor, reason=reason)
    _done(done, as_json)


@_on_a_proposal("offer")
def offer(app: App, case_id: str, compensation_id: str, actor: str, as_json: bool) -> None:
    """Offer a proposal (comp-1) to the customer, who answers on their status page."""
    desk = app.desk(existing=True)
    _done(desk.offer_compensation(case_id, compensation_id, actor=actor), as_json)


@_on_a_proposal("accept", _answer_reason)
def accept(
    app: App, case_id: str, compensation_id: str, reason: str, actor: str, as_json: bool
) -> None:
    """Record that the customer accepted an offer (comp-1) they told you about."""
    desk = app.desk(existing=True)
    _done(desk.accept_compensation(case_id, compensation_id, actor=actor, reason=reason), as_json)


@_on_a_proposal("decline", _answer_reason)
def decline(
    app: App, case_id: str, compensation_id: str, reason: str, actor: str, as_json: bool
) -> None:
    """Record that the customer declined an offer (comp-1) they told you about."""
    desk = app.desk(existing=True)
    _done(desk.decline_compensation(case_id, compensation_id, actor=actor, reason=reason), as_json)
