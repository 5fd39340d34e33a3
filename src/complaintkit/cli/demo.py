"""``complaintkit demo``: a scripted day of complaints, start to finish, on SQLite.

The day plays on a manual clock; then the scheduler's ticks run (end of day, next
morning) and fire the warnings, breaches and escalations of the cases still open. Messages
go through the policy's ``log`` notifier, captured here and shown per case.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.output_file import OutputNotWritten, named_folder
from complaintkit.cli.path_type import NamedPath
from complaintkit.cli.report import write_html_report
from complaintkit.clock import ManualClock
from complaintkit.demo.narrate import Narrator, moment
from complaintkit.demo.script import demo_policy_path, load_day, play, ticks, timeline
from complaintkit.desk import Desk
from complaintkit.desk.tick import TickReport
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite_url import sqlite_url


class _Sent(logging.Handler):
    """Keeps what the log notifier writes: (case id, line)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.sent: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 5:
            role, to, case_id, event, subject = args
            self.sent.append((str(case_id), f"{role} {to} ({event}): {subject}"))


@contextmanager
def _capture_notifications() -> Iterator[_Sent]:
    logger = logging.getLogger("complaintkit.notify")
    handler, level, propagate = _Sent(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _make_folder(out: Path) -> None:
    """Make the ``--out`` folder; a path where none can be (a device, below a file) is a
    usage error naming the option, as click's own check names a regular file there."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise click.BadParameter(
            f"{str(out)!r} is not a folder, and none can be made there: name a folder",
            param_hint="'--out'",
        ) from None
    except OSError as exc:
        raise OutputNotWritten(
            f"--out {str(out)!r}: could not make the folder: {exc.strerror or exc}"
        ) from exc


@click.command()
@click.option(
    "--out",
    type=NamedPath(file_okay=False),
    callback=named_folder,
    default="demo-output",
    show_default=True,
    help="Folder for the demo's database and report.",
)
@json_option
@pass_app
def demo(app: App, out: Path, as_json: bool) -> None:
    """Play a day at a shop's complaint desk (Chinese and English) and tell what happened."""
    _make_folder(out)
    db = out / "demo.db"
    for stale in out.glob("demo.db*"):
        stale.unlink()
    day = load_day()
    steps = timeline(day)
    clock = ManualClock(steps[0].at)
    policy = load_policy(demo_policy_path(), app.plugins)
    desk = Desk(policy, storage=sqlite_url(db), clock=clock, plugins=app.plugins)
    try:
        with _capture_notifications() as sent:
            case_ids = list(dict.fromkeys(case_id for _, case_id in play(desk, clock, steps)))
            reports = []
            for label, at in ticks(day):
                clock.set(at)
                reports.append((label, desk.tick(at)))
            desk.deliver()
        cases = [desk.get(case_id) for case_id in case_ids]
        if as_json:
            echo_json(
                {
                    "cases": [
                        {"case": c.to_json(), "events": [e.to_json() for e in desk.history(c.id)]}
                        for c in cases
                    ],
                    "ticks": [{"label": label, **r.to_json()} for label, r in reports],
                    "notifications": [{"case_id": c, "message": m} for c, m in sent.sent],
                }
            )
            return
        _tell(desk, cases, steps[0].at, ZoneInfo(day["timezone"]), reports, sent.sent)
        unsent = [d for d in desk.storage.dead_letters() if d.source.startswith("notify:")]
        if unsent:
            click.echo(f"{len(unsent)} could not be sent and were kept as dead letters:")
            for letter in unsent:
                click.echo(f"  {letter.reason}")
        again = shlex.join(["complaintkit", "--db", sqlite_url(db), "cases", "list"])
        click.echo(f"Stored in {db}. Look again with: {again}")

        # The day's report, with charts, in one HTML file that opens offline.
        html = write_html_report(desk, out / "report.html")
        click.echo(f"Report with charts: {html.resolve()}")
    finally:
        desk.storage.close()


def _tell(
    desk: Desk,
    cases: list[Case],
    start: datetime,
    zone: ZoneInfo,
    reports: list[tuple[str, TickReport]],
    sent: list[tuple[str, str]],
) -> None:
    click.secho(f"A day at the complaint desk — {len(cases)} cases\n", bold=True)
    for case in cases:
        _tell_case(desk, case, start, zone, [m for c, m in sent if c == case.id])
    click.secho("The scheduler's ticks (complaintkit tick, from cron)", bold=True)
    for label, report in reports:
        click.echo(
            f"  {moment(report.now, zone, start)} {label}: {report.cases} case(s) due — "
            f"{report.warnings} warning(s), {report.breaches} breach(es), "
            f"{report.escalations} escalation(s)"
        )
    click.echo(f"\n{len(sent)} notification(s) sent through the log notifier.")


def _tell_case(desk: Desk, case: Case, start: datetime, zone: ZoneInfo, sent: list[str]) -> None:
    complaint = case.complaint
    events = desk.history(case.id)
    promised = frozenset(e.data["metric"] for e in events if e.kind == "deadline_promised")
    narrator = Narrator(zone, start, promised, complaint.language or "en")
    click.secho(f"{case.id}  {complaint.subject}", bold=True)
    click.echo(
        f"  {complaint.customer.name or complaint.customer.id} via {complaint.channel}, "
        f"{moment(complaint.received_at, zone, start)}: {complaint.text}"
    )
    lines = [
        (narrator.at(event.at), event.actor, line)
        for event in events[1:]
        if (line := narrator.describe(event)) is not None
    ]
    width = max((len(when) for when, _, _ in lines), default=5)
    for when, actor, line in lines:
        click.echo(f"  {when:<{width}} {actor:<11} {line}")
    for message in sent:
        click.echo(f"  ✉ {message}")
    click.echo(f"  → now {case.status.value}, owner {case.owner}{_promises(case, zone, start)}\n")


def _promises(case: Case, zone: ZoneInfo, start: datetime) -> str:
    if not case.is_open:
        return ""
    due = {
        name: state.due_at
        for name, state in case.clocks.metrics.items()
        if state.state == "running" and state.due_at is not None
    }
    shown = ", ".join(f"{name} due {moment(at, zone, start)}" for name, at in due.items())
    return f"; {shown}" if shown else ""
