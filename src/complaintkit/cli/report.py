"""``complaintkit report``: metrics, trends and batch alerts as text, JSON, CSV or HTML."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import click

from complaintkit.cli.context import (
    App,
    echo_json,
    json_option,
    pass_app,
)
from complaintkit.cli.day_option import placed, since_until_options
from complaintkit.cli.errors import utf8_text
from complaintkit.cli.output_file import STANDARD_OUTPUT, named_file, write_output
from complaintkit.cli.path_type import NamedPath
from complaintkit.cli.progress import progress_counter
from complaintkit.cli.quoted import quoted
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord, InvalidInput
from complaintkit.model.complaint import MAX_ID_CHARS
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import LANGS, Lang, label
from complaintkit.reports.marks import as_stored
from complaintkit.reports.metrics import STEPS, Report
from complaintkit.reports.scope import INTERNAL_CHANNELS, Dimension, blank_filter
from complaintkit.reports.source import ReportSource
from complaintkit.reports.spelling import counted_as
from complaintkit.reports.table import doubled, render_csv, render_text, shown_cell, shown_instant
from complaintkit.reports.vocabulary import Vocabulary
from complaintkit.visible import shown


def _filter_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--category``/``--channel``/``--severity``/``--product`` value, refused when
    blank (``blank_filter``), longer than any stored id or holding a NUL, or not UTF-8
    (``utf8_text``): each would print an empty report."""
    why = None if param.name is None else blank_filter(param.name, value) or _no_id(value)
    if why is not None:
        raise click.BadParameter(why, ctx, param)
    return utf8_text(ctx, param, value)  # type: ignore[no-any-return]


def _no_id(value: str | None) -> str | None:
    """Why ``value`` is no stored category, channel, severity or product, when it is too
    long or holds a NUL; None when it may be one."""
    if value is None:
        return None
    if len(value) > MAX_ID_CHARS:
        return f"{quoted(value)} is {len(value):,} characters, more than {MAX_ID_CHARS}; none is"
    if "\x00" in value:
        return f"{quoted(value)} holds a NUL character at position {value.index(chr(0))}; none does"
    return None


def _group(text: str) -> GroupBy:
    try:
        return GroupBy.parse(text)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message, param_hint="--by") from None


def _one_output(*, as_json: bool, as_csv: bool, html: Path | None, incident: str | None) -> None:
    """Refuse outputs that exclude each other rather than print one of them: a script
    asking for CSV must not be handed JSON, nor a cron job keep last week's HTML file."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv each print the whole report; give one")
    if html == STANDARD_OUTPUT and (as_json or as_csv):
        other = "--json" if as_json else "--csv"
        raise click.UsageError(
            f"--html - prints the page, and {other} prints the report too; give --html a "
            f"file to have both"
        )
    if incident is not None and (as_csv or html is not None):
        other = "--csv" if as_csv else "--html"
        raise click.UsageError(
            f"--incident lists one incident's cases as text or --json, not {other}; "
            f"leave out {other}, or --incident for the whole report"
        )


def _unselected(
    result: Report,
    scope: Scope,
    vocabulary: Vocabulary,
    source: ReportSource,
    channels: Iterable[str],
) -> list[str]:
    """The filters of a report that counted nothing that name what nothing is: a category
    or severity the policy does not declare, a channel no plugin or stored complaint knows
    (a typo). One older cases hold, or no complaint came by yet, is no mistake."""
    if result.total:
        return []
    warnings = []
    filters: tuple[tuple[Dimension, str | None], ...] = (
        ("category", scope.category),
        ("severity", scope.severity),
    )
    for dimension, value in filters:
        if value is None:
            continue
        named = vocabulary.entries.get(dimension)  # none without a policy's catalog
        why = vocabulary.unnamed(dimension, value) if named else _unstored(source, dimension, value)
        if why is not None:
            warnings.append(f"--{dimension} {quoted(value)} {why}")
    channel = scope.channel
    why = (
        None
        if channel is None or result.dead_letters
        else _unknown_channel(source, channel, channels)
    )
    if why is not None and channel is not None:  # the known names are what complaints said
        warnings.append(f"--channel {quoted(channel)} {shown(why, lines=False)}")
    why = None if scope.product is None else _unstored_product(source, scope.product)
    if why is not None and scope.product is not None:
        warnings.append(f"--product {quoted(scope.product)} {shown(why, lines=False)}")
    return warnings


def _unheld(result: Report, by: Iterable[GroupBy], source: ReportSource) -> list[str]:
    """The ``--by attribute.NAME`` no stored case holds (a typo: ``Label`` for ``label``),
    which would group every case under (none) without a word; one that cases outside the
    scope hold is no mistake."""
    return [
        f"--by {shown(str(b), lines=False)}: no stored case holds the attribute "
        f"{shown(repr(b.attribute), lines=False)}; every case is counted under (none)"
        for b in by
        if b.field == "attribute"
        and result.total
        and all(share.key is None for share in result.by.get(str(b), []))
        and not any(key is not None for key in source.grouped(b, Scope()))
    ]


def _unstored(source: ReportSource, dimension: Dimension, value: str) -> str | None:
    """Why ``--category`` or ``--severity`` selected nothing when no policy names the ids:
    no stored case has ``value`` (those they have, and the nearest); None when one does."""
    stored = sorted(name for name in source.counts(dimension, Scope()) if name)
    if value in stored:
        return None
    why = f"is no {dimension} a stored case has ({', '.join(stored) or 'none'})"
    nearest = difflib.get_close_matches(value, stored, n=1)
    return f"{why}: did you mean {nearest[0]}?" if nearest else why


#: Stored products a ``--product`` warning names: a store holds thousands, a line a few.
NEAREST_PRODUCTS = 3


def _unstored_product(source: ReportSource, product: str) -> str | None:
    """Why ``--product`` selected nothing: no stored case has ``product`` however typed
    (how many products they have, and the nearest few); None when one does."""
    stored = [name for name in source.counts("product", Scope()) if name]
    if counted_as("product", product) in {counted_as("product", name) for name in stored}:
        return None
    why = f"is no product a stored case has ({len(stored):,} stored)"
    nearest = difflib.get_close_matches(product, stored, n=NEAREST_PRODUCTS)
    return f"{why}: did you mean {', '.join(nearest)}?" if nearest else why


def _unknown_channel(source: ReportSource, channel: str, registered: Iterable[str]) -> str | None:
    """Why ``--channel`` selected nothing, when no plugin registers ``channel`` and no stored
    complaint came by it (the known ones, and the nearest); None when it is known."""
    stored = source.counts("channel", Scope())
    known = sorted({*registered, *INTERNAL_CHANNELS, *(name for name in stored if name)})
    if channel in known:
        return None
    why = f"is no channel a plugin registers or a stored complaint came by ({', '.join(known)})"
    nearest = difflib.get_close_matches(channel, known, n=1)
    return f"{why}: did you mean {nearest[0]}?" if nearest else why


def _show_incident(desk: Desk, report: Report, incident_id: str, lang: Lang, as_json: bool) -> None:
    incident = report.incident(incident_id)
    if incident is None:
        known = ", ".join(b.id for b in report.batches[:5]) or "none in this scope"
        raise click.BadParameter(
            f"no incident {quoted(incident_id)}; known: {known}", param_hint="--incident"
        )
    if as_json:
        echo_json(incident.to_json(max_ids=None))
        return
    # key and value as the incidents table shows them: a value reading "(none)" is quoted
    click.echo(
        f"{incident.id}  {shown_cell(incident.key)}={shown_cell(as_stored(incident.value))}  "
        f"{label('count', lang)}: {incident.count}"
        f"  {shown_instant(incident.first_at, report.zone)}"
        f" → {shown_instant(incident.last_at, report.zone)}"
    )
    for case_id in incident.case_ids:
        try:
            case = desk.get(case_id)
        except DamagedRecord as exc:  # the report counted it; the cases after it still show
            if not any(row.case_id == case_id for row in report.unreadable):  # named already
                click.echo(f"warning: {exc}", err=True)
            click.echo(f"  {case_id}  {label('damaged', lang)}")
            continue
        category = report.vocabulary.name("category", case.category or "", lang)
        click.echo(
            f"  {case_id}  {shown_instant(case.opened_at, report.zone)}  "
            f"{shown_cell(category)}  "
            # whole, not cut: an id is looked up, not read
            f"{shown(doubled(case.complaint.external_id), lines=False, invisible=True)}"
        )


def write_html_report(desk: Desk, path: Path, lang: Lang = "en") -> Path:
    """Write the HTML report of every case ``desk`` stored to ``path``, read as ``report``
    reads the policy (home zone, labels, incidents section); the demo ends with this."""
    with closing(open_source(desk.storage)) as source:
        report = build_report(
            source,
            incidents=desk.policy.incidents,
            zone=desk.zone,
            now=desk.clock.now(),
            vocabulary=Vocabulary.of(desk.policy),
        )
    write_output(path, render_html(report, lang), "--out")
    return path


@click.command()
@since_until_options("Complaints received")
@click.option(
    "--category",
    callback=_filter_value,
    metavar="ID",
    help="Only this category (its id: product, not Product).",
)
@click.option(
    "--channel",
    callback=_filter_value,
    help="Only complaints from this channel (wechat, web, csv…).",
)
@click.option(
    "--severity",
    metavar="ID",
    callback=_filter_value,
    help="Only this severity (its id, not its label).",
)
@click.option(
    "--product",
    callback=_filter_value,
    help="Only complaints about this product (those naming none: the (none) row of --by product).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="Show categories, severities and teams by the policy's labels in this language.",
)
@click.option(
    "--by",
    "group_by",
    multiple=True,
    metavar="FACT",
    help="Also group by category, severity, channel, product, owner, team, tag or "
    "attribute.NAME (repeatable).",
)
@click.option(
    "--incident", "incident_id", metavar="ID", help="List the cases of one incident (INC-…)."
)
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of text.")
@click.option(
    "--html",
    "html_path",
    type=NamedPath(dir_okay=False),
    callback=named_file,
    help="Also write a self-contained HTML report with charts to this file "
    "(-: print it instead of the text report).",
)
@json_option
@pass_app
def report(
    app: App,
    since: datetime | date | None,
    until: datetime | date | None,
    category: str | None,
    channel: str | None,
    severity: str | None,
    product: str | None,
    lang: Lang,
    as_csv: bool,
    html_path: Path | None,
    as_json: bool,
    incident_id: str | None,
    group_by: tuple[str, ...],
) -> None:
    """Report on complaints: shares, response times, SLA, remedies, root causes, alerts."""
    _one_output(as_json=as_json, as_csv=as_csv, html=html_path, incident=incident_id)
    by = [_group(text) for text in group_by]
    desk = app.desk(read_only=True)
    scope = Scope(*placed(since, until, desk.zone), category, channel, severity, product)
    vocabulary = Vocabulary.of(desk.policy)
    for dimension, value in (("category", category), ("severity", severity)):
        key = None if value is None else vocabulary.labelled(dimension, value)
        if key is not None:
            raise click.BadParameter(
                f"{value!r} is the label of the {dimension} {key!r}; give its id: {key}",
                param_hint=f"--{dimension}",
            )
    enabled = not (as_json or as_csv)
    with (
        closing(open_source(desk.storage)) as source,
        progress_counter("reporting", length=STEPS, enabled=enabled) as step,
    ):
        result = build_report(
            source,
            scope,
            incidents=desk.policy.incidents,
            zone=desk.zone,
            now=desk.clock.now(),
            vocabulary=vocabulary,
            by=by,
            progress=step,
        )
        unselected = _unselected(result, scope, vocabulary, source, desk.plugins.channels)
        unselected += _unheld(result, by, source)
    for row in result.unreadable:  # the damaged rows, whatever the output's format
        click.echo(f"warning: {row}", err=True)
    for warning in unselected:
        click.echo(f"warning: {warning}", err=True)
    if incident_id is not None:
        _show_incident(desk, result, incident_id, lang, as_json)
        return
    if html_path == STANDARD_OUTPUT:
        click.echo(render_html(result, lang), nl=False)
        return
    if html_path is not None:
        write_output(html_path, render_html(result, lang), "--html", app.db_url, app.inputs)
    if as_json:
        echo_json(result.to_json())
    elif as_csv:
        # the byte order mark tells Excel the text is UTF-8 (without it: the legacy code page)
        click.echo("\ufeff" + render_csv(result, lang), nl=False)
    else:
        click.echo(render_text(result, lang))
    if html_path is not None and not as_json and not as_csv:
        click.echo(f"HTML report: {html_path.resolve()}")
