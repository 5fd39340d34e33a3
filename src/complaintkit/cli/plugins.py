"""``complaintkit plugins``: what is loaded and what each plugin provides."""

from __future__ import annotations

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.visible import shown


@click.command("plugins")
@json_option
@pass_app
def plugins_command(app: App, as_json: bool) -> None:
    """List loaded plugins, the hooks they implement and what they register."""
    assert app.plugins is not None  # set by the root command before any command runs
    described = app.plugins.describe()
    if as_json:
        echo_json(described)
        return
    for plugin in described:  # names an installed distribution chose: shown, not acted on
        dist = f"  ({shown(plugin['distribution'], lines=False)})" if plugin["distribution"] else ""
        click.echo(f"{shown(plugin['name'], lines=False)}{dist}")
        click.echo(f"  hooks: {', '.join(plugin['hooks']) or '-'}")
        for item in plugin["provides"]:
            click.echo(f"  provides {shown(item, lines=False)}")
