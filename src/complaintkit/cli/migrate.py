"""``complaintkit migrate``: upgrade a store's schema, and do nothing else.

Commands that only read refuse an older SQLite store rather than write it behind the
user's back (see ``storage.sqlite_read_only``); this is the command that upgrades it, as
every command that writes also does on its way.
"""

from __future__ import annotations

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app, sqlite_file
from complaintkit.storage.sqlite_read_only import schema_version
from complaintkit.storage.sqlite_schema import MIGRATIONS


@click.command()
@json_option
@pass_app
def migrate(app: App, as_json: bool) -> None:
    """Upgrade the store named by --db to this complaintkit's schema (never creates one)."""
    path = sqlite_file(app.db_url)
    was = None if path is None or not path.exists() else schema_version(path)
    app.desk(existing=True)  # opening a store to write migrates it
    now = None if path is None else len(MIGRATIONS)
    if as_json:
        echo_json({"schema_version": now, "was": was})
    elif now is None:
        click.echo("the store is up to date")
    elif was == now:
        click.echo(f"{path}: schema version {now}, already up to date")
    else:
        click.echo(f"{path}: schema version {was} upgraded to {now}")
