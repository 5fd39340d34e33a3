"""``complaintkit cases list|show``: look at stored cases."""

from __future__ import annotations

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.model.complaint import parse_instant
from complaintkit.model.lifecycle import Status
from complaintkit.sla.explain import explain_deadlines, render_deadlines


@click.group()
def cases() -> None:
    """List and show stored cases."""


@cases.command("list")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only this status.")
@click.option("--customer", "customer_id", help="Only this customer's cases.")
@click.option("--owner", help="Only cases this person owns.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@json_option
@pass_app
def list_cases(
    app: App,
    status: str | None,
    customer_id: str | None,
    owner: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List cases, oldest first."""
    found = app.desk().find(status=status, customer_id=customer_id, owner=owner, limit=limit)
    if as_json:
        echo_json([c.to_json() for c in found])
        return
    if not found:
        click.echo("No cases match. Take some in with: complaintkit intake FILE.jsonl")
        return
    for case in found:
        click.echo(
            f"{case.id}  {case.status.value:<22} {case.category or '-':<14} "
            f"{case.priority or '-':<8} {case.owner or '-':<16} {case.complaint.subject or case.complaint.text[:40]}"
        )


@cases.command("show")
@click.argument("case_id")
@json_option
@pass_app
def show_case(app: App, case_id: str, as_json: bool) -> None:
    """Show one case and its full history."""
    desk = app.desk()
    case = desk.get(case_id)
    events = desk.history(case_id)
    if as_json:
        echo_json({"case": case.to_json(), "events": [e.to_json() for e in events]})
        return
    complaint = case.complaint
    click.echo(f"{case.id}  [{case.status.value}]  owner {case.owner}  team {case.team or '-'}")
    click.echo(
        f"  {case.category} / {case.severity} / {case.priority}  tags: {', '.join(case.tags) or '-'}"
    )
    click.echo(
        f"  from {complaint.customer.id} via {complaint.channel} at {complaint.received_at.isoformat()}"
    )
    click.echo(f"  {complaint.subject}: {complaint.text}")
    click.echo("  history:")
    for event in events:
        reason = f" — {event.reason}" if event.reason else ""
        click.echo(
            f"    {event.seq:>3} {event.at.isoformat()} {event.actor:<12} {event.kind}{reason}"
        )


@cases.command("explain")
@click.argument("case_id")
@click.option(
    "--at", "at_text", metavar="INSTANT", help="Explain as of this instant (default: now)."
)
@json_option
@pass_app
def explain_case(app: App, case_id: str, at_text: str | None, as_json: bool) -> None:
    """Show how each deadline of a stored case was reckoned and when each escalation level
    fires, at any point of the case's life."""
    desk = app.desk()
    if desk.sla is None:
        raise click.UsageError("the policy has no sla section; pass --policy")
    case = desk.get(case_id)
    now = desk.clock.now() if at_text is None else parse_instant(at_text, "--at")
    report = explain_deadlines(case, desk.sla, now)
    if as_json:
        echo_json(report)
        return
    click.echo(f"{case.id}  [{case.status.value}]  policy {case.policy_version or '-'}")
    for line in render_deadlines(report) or ["no SLA clock runs on this case"]:
        click.echo(f"  {line}")
