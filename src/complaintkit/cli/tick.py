"""``complaintkit tick``: fire due SLA warnings, breaches and escalations (cron or --loop)."""

from __future__ import annotations

import itertools
import threading
from datetime import date, datetime

import click

from complaintkit.audit.ledger_lost import ledger_lost
from complaintkit.cli.context import (
    App,
    Seconds,
    echo_json,
    json_option,
    pass_app,
)
from complaintkit.cli.day_option import DAY_OR_INSTANT, day_or_instant, placed_one
from complaintkit.cli.in_flight import deliver_pass
from complaintkit.cli.outlasting import outlasting
from complaintkit.cli.progress import progress_counter
from complaintkit.cli.stopping import stoppable
from complaintkit.delivery.worker import DeliveryReport
from complaintkit.desk import Desk
from complaintkit.desk.tick import TickReport
from complaintkit.storage.arguments import MOST_ROWS


def _report(report: TickReport, as_json: bool) -> None:
    if as_json:
        echo_json(report.to_json())
        return
    replanned = f"{report.replanned} re-planned, " if report.replanned else ""
    click.echo(
        f"{report.now.isoformat()}: {report.cases} due case(s), {replanned}"
        f"{report.warnings} warning(s), {report.breaches} breach(es), "
        f"{report.escalations} escalation(s)"
    )
    for damage in report.damaged:
        click.echo(f"  {damage}", err=True)
    for case_id, reason in report.failed:
        click.echo(f"  {case_id} left due: {reason}", err=True)
    if report.failed:
        click.echo("The next tick tries these cases again.", err=True)


#: Exit code of a tick that left some cases due because they could not be brought up to date.
LEFT_DUE = 3


@click.command()
@click.option(
    "--now",
    "now_given",
    callback=day_or_instant,
    metavar="WHEN",
    help=f"Tick as of WHEN, no later than now (default: now): {DAY_OR_INSTANT}.",
)
@click.option(
    "--loop", is_flag=True, help="Keep ticking every --interval seconds (until SIGTERM or Ctrl-C)."
)
@click.option(
    "--interval",
    type=Seconds(0.1),
    default=60.0,
    show_default=True,
    help="Seconds between ticks with --loop.",
)
@click.option(
    "--count", type=click.IntRange(min=1), help="With --loop: stop after this many ticks."
)
@click.option(
    "--batch",
    type=click.IntRange(1, MOST_ROWS),
    default=500,
    show_default=True,
    help="Cases claimed per batch.",
)
@click.option(
    "--replan",
    is_flag=True,
    help="First re-plan every open case under the policy, although the store records "
    "that its version planned them (a policy edited without a new version).",
)
@json_option
@pass_app
def tick(
    app: App,
    now_given: datetime | date | None,
    loop: bool,
    interval: float,
    count: int | None,
    batch: int,
    replan: bool,
    as_json: bool,
) -> None:
    """Fire every SLA warning, breach and escalation due by now; safe to run twice.

    With --loop it also delivers what the outbox holds after each tick (see `deliver`).

    Exit codes: 0 every due case was brought up to date; 3 some could not be (a plugin
    failing on them: each is named, left due and tried again by the next tick). A store
    whose ledger was emptied or dropped is ticked all the same, with a warning.
    """
    if loop and now_given is not None:
        raise click.UsageError("--now fixes one instant; it cannot be combined with --loop")
    if loop and replan:
        raise click.UsageError(
            "--replan re-plans every open case: run `tick --replan` once, then --loop"
        )
    desk = app.desk()
    for lost in ledger_lost(desk.storage):  # said, and the SLA goes on: it is the ledger's
        click.echo(f"warning: {lost}", err=True)
    now = placed_one(now_given, desk.zone)
    if now is not None and now > desk.clock.now():
        raise click.BadParameter(
            f"{now.isoformat()} is later than now: a tick records what has fallen due, so it would "
            "record warnings and breaches that have not happened",
            param_hint="--now",
        )
    if not loop:
        if _tick(desk, now, batch, as_json, replan).failed:
            raise click.exceptions.Exit(LEFT_DUE)
        return
    with stoppable("tick") as stop:
        for ticks in itertools.count(1):
            done = outlasting("tick", interval, lambda: _tick(desk, now, batch, as_json))
            if not stop.is_set():  # a looping tick delivers too, unless told to stop
                outlasting("deliver", interval, lambda: _deliver(desk, stop))
            if count is not None and ticks >= count:
                if done is None:  # the last pass found no store: nothing is known swept
                    raise click.exceptions.Exit(1)
                if done.failed:
                    raise click.exceptions.Exit(LEFT_DUE)
                return
            if stop.wait(interval):
                return


def _deliver(desk: Desk, stop: threading.Event) -> DeliveryReport | None:
    """A delivery pass, ending after the delivery in flight once stopped."""
    return deliver_pass(
        "tick", stop, lambda stop, sending: desk.deliver(stop=stop, sending=sending)
    )


def _tick(
    desk: Desk, now: datetime | None, batch: int, as_json: bool, replan: bool = False
) -> TickReport:
    with progress_counter("ticking (cases)", enabled=not as_json) as advance:
        done = desk.tick(now, batch=batch, progress=advance, replan=replan)
    _report(done, as_json)
    return done
