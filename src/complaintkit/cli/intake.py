"""``complaintkit intake``: take complaints in from a JSON-lines file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.errors import InvalidInput


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@pass_app
def intake(app: App, path: Path, as_json: bool) -> None:
    """Take in every complaint in PATH (one JSON object per line).

    Taking the same file in twice opens no new case. A bad line is reported with its line
    number and skipped; the exit code is 1 if any line was rejected.
    """
    desk = app.desk()
    opened, existing, rejected = 0, 0, []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                before = desk.storage.find_by_key(
                    str(data.get("channel")), str(data.get("external_id"))
                )
                desk.intake(data)
            except (json.JSONDecodeError, InvalidInput, AttributeError) as exc:
                rejected.append({"line": number, "error": str(exc)})
                continue
            if before is None:
                opened += 1
            else:
                existing += 1
    summary = {"opened": opened, "already_known": existing, "rejected": rejected}
    if as_json:
        echo_json(summary)
    else:
        click.echo(
            f"{opened} cases opened, {existing} complaints already known, {len(rejected)} rejected"
        )
        for item in rejected:
            click.echo(f"  {path}:{item['line']}: {item['error']}", err=True)
    if rejected:
        raise click.exceptions.Exit(1)
