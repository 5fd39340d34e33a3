"""``complaintkit audit verify``: prove no stored history was altered."""

from __future__ import annotations

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.model.audit import verify_chain


@click.group()
def audit() -> None:
    """Check the integrity of stored case histories."""


@audit.command()
@json_option
@pass_app
def verify(app: App, as_json: bool) -> None:
    """Re-hash every case's event chain; exit 1 naming each case whose history was altered."""
    storage = app.desk().storage
    checked, broken = 0, []
    for case_id in storage.case_ids():
        checked += 1
        problem = verify_chain(case_id, storage.events(case_id))
        if problem is not None:
            broken.append(problem)
    if as_json:
        echo_json(
            {
                "checked": checked,
                "broken": [
                    {"case_id": b.case_id, "seq": b.seq, "problem": b.problem} for b in broken
                ],
            }
        )
    else:
        for problem in broken:
            click.echo(str(problem))
        click.echo(f"{checked} cases checked, {len(broken)} with altered history")
    if broken:
        raise click.exceptions.Exit(1)
