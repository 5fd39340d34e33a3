"""``complaintkit migrate``: upgrade a store's schema, and do nothing else.

Commands that only read refuse an older store rather than write it behind the user's back
(see ``storage.sqlite_read_only``); this is the command that upgrades it, as every command
that writes also does on its way. It asks the backend the schema version before and after
(its ``stored_version(url)``, answered without writing): where there is no store at all, a
misspelt ``--db``, it creates none; an empty one (a file or schema no migration has run
on) it makes a store, as intake would.
"""

from __future__ import annotations

import click

from complaintkit.cli.context import App, echo_json, json_option, no_store, pass_app
from complaintkit.cli.store_option import opening_store
from complaintkit.passwords import without_password
from complaintkit.plugins import Plugins


@click.command()
@json_option
@pass_app
def migrate(app: App, as_json: bool) -> None:
    """Upgrade the store named by --db to this complaintkit's schema (never creates one)."""
    where = without_password(app.db_url)
    plugins = app.plugins if app.plugins is not None else Plugins()
    with opening_store():
        read = plugins.version_reader(app.db_url)
        was = None if read is None else read()
        if read is not None and was is None:
            raise no_store(app.db_url)
    app.desk(existing=True)  # opening a store to write migrates it
    now = None if read is None else read()  # a backend that cannot say prints None
    if as_json:
        echo_json({"schema_version": now, "was": was})
    elif now is None:
        click.echo(f"{where}: migrated (its storage backend does not say to which version)")
    elif was == 0:
        click.echo(f"{where}: held no complaintkit store; made one of schema version {now}")
    elif was == now:
        click.echo(f"{where}: schema version {now}, already up to date")
    else:
        click.echo(f"{where}: schema version {was} upgraded to {now}")
