"""``complaintkit demo``: a scripted day of complaints, start to finish, on SQLite."""

from __future__ import annotations

from pathlib import Path

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.report import write_html_report
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day, play, timeline
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the demo's database and report.",
)
@json_option
@pass_app
def demo(app: App, out: Path, as_json: bool) -> None:
    """Play a day at a shop's complaint desk (Chinese and English) and tell what happened."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    for stale in out.glob("demo.db*"):
        stale.unlink()
    steps = timeline(load_day())
    clock = ManualClock(steps[0].at)
    policy = load_policy(demo_policy_path(), app.plugins)
    desk = Desk(policy, storage=f"sqlite:///{db}", clock=clock, plugins=app.plugins)
    try:
        case_ids = list(dict.fromkeys(case_id for _, case_id in play(desk, clock, steps)))
        cases = [desk.get(case_id) for case_id in case_ids]
        if as_json:
            echo_json(
                [
                    {"case": c.to_json(), "events": [e.to_json() for e in desk.history(c.id)]}
                    for c in cases
                ]
            )
            return
        click.secho(
            f"A day at the complaint desk — {len(steps)} steps, {len(cases)} cases\n", bold=True
        )
        for case in cases:
            complaint = case.complaint
            click.secho(f"{case.id}  {complaint.subject}", bold=True)
            click.echo(
                f"  {complaint.customer.name or complaint.customer.id} via {complaint.channel}, "
                f"{complaint.received_at:%H:%M}: {complaint.text}"
            )
            for event in desk.history(case.id)[1:]:
                click.echo(
                    f"  {event.at:%H:%M} {event.actor:<11} {_describe(event.kind, event.data, event.reason)}"
                )
            click.echo(f"  → now {case.status.value}, owner {case.owner}\n")
        click.echo(f"Stored in {db}. Look again with: complaintkit --db sqlite:///{db} cases list")

        # The day's report, with charts, in one HTML file that opens offline.
        html = write_html_report(desk.storage, out / "report.html")
        click.echo(f"Report with charts: {html.resolve()}")
    finally:
        desk.storage.close()


def _describe(kind: str, data: dict[str, object], reason: str) -> str:
    details = {
        "classified": f"classified {data.get('category')} / {data.get('severity')} / {data.get('priority')}",
        "assigned": f"assigned to {data.get('owner')}",
        "responded": f"replied: {data.get('message')}",
        "noted": f"internal note: {data.get('text')}",
        "transitioned": f"{data.get('from')} → {data.get('to')}",
        "root_cause": f"root cause ({data.get('nature')}, {data.get('fishbone')}): {' → '.join(map(str, data.get('whys', [])))}",  # type: ignore[call-overload]
        "satisfaction": f"follow-up: satisfaction {data.get('score')}/5 {data.get('comment') or ''}",
    }.get(kind, kind)
    return f"{details} ({reason})" if reason and kind in ("transitioned",) else details
