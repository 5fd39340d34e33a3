"""``complaintkit replay``: what a candidate policy would have done with real history."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from complaintkit.audit.ledger_lost import ledger_lost
from complaintkit.cli.context import (
    App,
    echo_json,
    json_option,
    pass_app,
    policy_files,
)
from complaintkit.cli.count_option import Count
from complaintkit.cli.damaged_cases import name_damaged
from complaintkit.cli.day_option import (
    DAY_OR_INSTANT,
    day_or_instant,
    placed,
    placed_one,
    since_until_options,
)
from complaintkit.cli.id_argument import looked_up_id
from complaintkit.cli.output_file import STANDARD_OUTPUT, named_file, write_output
from complaintkit.cli.path_type import NamedPath
from complaintkit.errors import DamagedRecord
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import Replay, replay_file, replay_store
from complaintkit.replay.render import render_html, render_text
from complaintkit.reports import Scope
from complaintkit.sla.shown_zone import declared_zones

_FILE = NamedPath(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("candidate", type=NamedPath(exists=True, path_type=Path))
@click.argument("complaints", type=_FILE, required=False)
@click.option(
    "--baseline",
    type=NamedPath(exists=True, path_type=Path),
    help="Compare with this policy instead of the stored cases (needs COMPLAINTS).",
)
@since_until_options("Cases opened", " (the CANDIDATE's zone)")
@click.option(
    "--at",
    "horizon",
    callback=day_or_instant,
    metavar="WHEN",
    help=f"Run clocks up to WHEN (default: where the history ends): {DAY_OR_INSTANT} "
    "(the CANDIDATE's zone).",
)
@click.option(
    "--case", "case_id", callback=looked_up_id, help="Show this case event by event, both ways."
)
@click.option(
    "--limit",
    type=Count(0),
    default=50,
    show_default=True,
    help="Changed cases listed by name (0: all); all are counted.",
)
@click.option(
    "--html",
    "html_path",
    type=NamedPath(dir_okay=False),
    callback=named_file,
    help="Also write the comparison as an HTML page ('-': print the page instead).",
)
@json_option
@pass_app
def replay(
    app: App,
    candidate: Path,
    complaints: Path | None,
    baseline: Path | None,
    since: datetime | date | None,
    until: datetime | date | None,
    horizon: datetime | date | None,
    case_id: str | None,
    limit: int,
    html_path: Path | None,
    as_json: bool,
) -> None:
    """Re-run history under the CANDIDATE policy and print what would change.

    Without COMPLAINTS, every stored case (in --since/--until) is re-run — its complaint and
    what people did, at their times — and compared with what happened. With --baseline
    OLD.yaml and a COMPLAINTS file (JSON lines), both policies run on the file and no store
    is needed. Nothing is stored and nobody is notified. The exit code is 1 if a case or a
    line of COMPLAINTS could not be run (each is named, the others are compared).
    """
    app.only_reads = True  # with COMPLAINTS no store is opened, and none is written to
    if html_path == STANDARD_OUTPUT and as_json:
        raise click.UsageError(
            "--html - prints the page, and --json prints the comparison too; give --html a "
            "file to have both"
        )
    plugins = app.plugins if app.plugins is not None else Plugins()
    policy = load_policy(candidate, plugins)
    zones = declared_zones(policy.sla)  # where the candidate counts days, as it shows them
    home = None if zones is None else zones.home
    since, until = placed(since, until, home)
    horizon = placed_one(horizon, home)
    if (baseline is None) != (complaints is None):
        raise click.UsageError("--baseline OLD.yaml and a COMPLAINTS file go together")
    result: Replay
    old_policy = None if baseline is None else load_policy(baseline, plugins)
    lost: list[DamagedRecord] = []  # the store's ledger, when it was emptied or dropped
    if old_policy is not None and complaints is not None:
        result = replay_file(
            old_policy,
            policy,
            plugins,
            complaints,
            horizon=horizon,
            limit=limit,
            case_id=case_id,
            scope=Scope(since, until),
        )
    else:
        desk = app.desk(read_only=True)
        lost = ledger_lost(desk.storage)
        result = replay_store(
            desk.storage,
            policy,
            plugins,
            Scope(since, until),
            horizon=horizon,
            limit=limit,
            case_id=case_id,
            now=desk.clock.now(),
        )
    if html_path == STANDARD_OUTPUT:  # the page alone, for a pipe or a redirection
        click.echo(render_html(result), nl=False)
    elif html_path is not None:
        read: tuple[tuple[str, Path | None], ...] = (
            ("CANDIDATE", candidate),
            ("--baseline", baseline),
            ("COMPLAINTS", complaints),
        )
        read += policy_files("CANDIDATE", policy)
        if old_policy is not None:
            read += policy_files("--baseline", old_policy)
        write_output(html_path, render_html(result), "--html", app.db_url, app.inputs + read)
    if as_json:
        echo_json(result.to_json())
    elif html_path != STANDARD_OUTPUT:
        click.echo(render_text(result), nl=False)
    name_damaged(lost)  # the comparison stands; nothing vouches for the history it read
    if result.rejected or result.damaged:
        raise click.exceptions.Exit(1)
