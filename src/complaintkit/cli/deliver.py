"""``complaintkit deliver``: send what the outbox holds (notifications, published events)."""

from __future__ import annotations

import threading

import click

from complaintkit.cli.context import App, Seconds, echo_json, json_option, pass_app
from complaintkit.cli.in_flight import deliver_pass
from complaintkit.cli.outlasting import outlasting
from complaintkit.cli.stopping import stoppable
from complaintkit.delivery.worker import DeliveryReport
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError

#: The exit status of a run that dead-lettered deliveries (``intake`` uses it too).
GAVE_UP = 3


def _report(report: DeliveryReport, as_json: bool) -> None:
    for line in report.undated_warnings():  # on stderr in every format, as report's do
        click.echo(f"warning: {line}", err=True)
    if as_json:
        echo_json(report.to_json())
    elif report.busy:
        click.echo("another worker is delivering from this store; nothing done")
    else:
        click.echo(
            f"{report.delivered} delivered, {report.retrying} to retry later, "
            f"{report.dead} dead-lettered"
        )


def _pass(desk: Desk, stop: threading.Event) -> DeliveryReport | None:
    """One pass of the loop, ending after the delivery in flight once stopped."""
    return deliver_pass(
        "deliver", stop, lambda stop, sending: desk.deliver(stop=stop, sending=sending)
    )


def delivering_desk(app: App) -> Desk:
    desk = app.desk()
    if desk.notifications is None:
        raise ConfigError(
            "nothing can be delivered without the policy's notifiers: pass --policy (or "
            "COMPLAINTKIT_POLICY) naming a policy with a notifications section"
        )
    return desk


@click.command()
@click.option("--loop", is_flag=True, help="Keep delivering until stopped (SIGTERM, Ctrl-C).")
@click.option(
    "--interval",
    type=Seconds(0.05),
    default=5.0,
    show_default=True,
    help="With --loop: seconds between looks at the outbox.",
)
@json_option
@pass_app
def deliver(app: App, loop: bool, interval: float, as_json: bool) -> None:
    """Send every notification and published case event that is due.

    Changes write what they must send to the outbox in their own transaction; this command
    sends it through the policy's notifiers, retries failures with backoff and jitter
    (notifications.delivery) and dead-letters a delivery after its last attempt. One worker
    at a time delivers from a store; `serve` and `tick --loop` deliver too.

    Exit codes: 0 nothing was given up; 3 some deliveries were dead-lettered this run
    (`complaintkit dead-letters list` shows why).
    """
    desk = delivering_desk(app)
    if not loop:
        once = desk.deliver()
        _report(once, as_json)
        if once.dead:  # as intake does for what it dead-lettered
            raise click.exceptions.Exit(GAVE_UP)
        return
    told: tuple[str, ...] = ()  # undated deliveries already named: once, not every pass
    with stoppable("deliver") as stop:
        while not stop.is_set():
            report = outlasting("deliver", interval, lambda: _pass(desk, stop))
            if report is not None:  # None: the store failed it, or it was left in flight
                if report.delivered or report.retrying or report.dead or report.undated != told:
                    _report(report, as_json)
                told = report.undated
            stop.wait(interval)
