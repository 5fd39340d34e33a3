"""``complaintkit report``: metrics, trends and batch alerts as text, JSON, CSV or HTML."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.model.complaint import parse_instant
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import LANGS, Lang
from complaintkit.reports.table import render_csv, render_text
from complaintkit.storage.base import Storage


def _instant(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    return None if value is None else parse_instant(value, f"--{param.name}")


def write_html_report(storage: Storage, path: Path, lang: Lang = "en") -> Path:
    """Write the HTML report of every stored case to ``path``; the demo ends with this."""
    source = open_source(storage)
    path.write_text(render_html(build_report(source), lang), encoding="utf-8")
    return path


@click.command()
@click.option("--since", callback=_instant, help="Cases opened at or after (ISO 8601 with offset).")
@click.option("--until", callback=_instant, help="Cases opened before (ISO 8601 with offset).")
@click.option("--category")
@click.option("--channel")
@click.option("--severity")
@click.option("--product")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of text.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML report with charts to this file.",
)
@json_option
@pass_app
def report(
    app: App,
    since: datetime | None,
    until: datetime | None,
    category: str | None,
    channel: str | None,
    severity: str | None,
    product: str | None,
    lang: Lang,
    as_csv: bool,
    html_path: Path | None,
    as_json: bool,
) -> None:
    """Report on complaints: shares, response times, SLA, remedies, root causes, alerts."""
    scope = Scope(since, until, category, channel, severity, product)
    desk = app.desk()
    result = build_report(open_source(desk.storage), scope, incidents=desk.policy.incidents)
    if html_path is not None:
        html_path.write_text(render_html(result, lang), encoding="utf-8")
    if as_json:
        echo_json(result.to_json())
    elif as_csv:
        click.echo(render_csv(result, lang), nl=False)
    else:
        click.echo(render_text(result, lang))
    if html_path is not None and not as_json and not as_csv:
        click.echo(f"HTML report: {html_path.resolve()}")
