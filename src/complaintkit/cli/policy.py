"""``complaintkit validate | schema | explain``: working on policy files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Final

import attrs
import click

from complaintkit.channels.jsonl import MAX_LINE_CHARS
from complaintkit.cli.context import (
    App,
    echo_json,
    instant_argument,
    json_option,
    pass_app,
)
from complaintkit.cli.day_option import DAY_OR_INSTANT, day_or_instant, instant_of
from complaintkit.cli.output_file import STANDARD_OUTPUT, named_file, write_output
from complaintkit.cli.path_type import NamedFile, NamedPath
from complaintkit.clock import SystemClock
from complaintkit.desk.provisional import explain_complaint
from complaintkit.errors import InvalidInput, Problem
from complaintkit.model.complaint import Complaint
from complaintkit.model.complaint_mistakes import ComplaintMistakes, every_mistake
from complaintkit.model.jsonvalues import parse_json
from complaintkit.policy.compiled import Policy, checked_policy, load_policy
from complaintkit.policy.document import is_policy_file
from complaintkit.policy.key_hints import meant_key
from complaintkit.policy.schema import render_schema
from complaintkit.sla.holiday_categories import category_problems
from complaintkit.sla.horizon import holiday_data_problems
from complaintkit.sla.shown_zone import declared_zones
from complaintkit.visible import shown

#: The most bytes of COMPLAINT.json read: as many as the longest JSON line intake reads
#: can hold (``MAX_LINE_CHARS`` characters of up to four bytes). A larger file is no
#: complaint, and a file with no end (``/dev/zero``) must not be read into memory whole.
MAX_COMPLAINT_BYTES: Final = 4 * MAX_LINE_CHARS

#: What explain assumes for an identity field a complaint leaves out (as policy tests do),
#: and the field paths of conditions that would read it (``case.id`` is channel:external_id).
_STAND_INS: Final = {
    "channel": ("web", frozenset({"complaint.channel", "case.channel", "case.id"})),
    "external_id": ("explain", frozenset({"complaint.external_id", "case.id"})),
}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=NamedPath(path_type=Path))
@click.option(
    "--at",
    metavar="WHEN",
    callback=day_or_instant,
    help="Count targets from WHEN to find incomplete holiday data (default: now): "
    f"{DAY_OR_INSTANT} (each policy's).",
)
@json_option
@pass_app
@click.pass_context
def validate(
    ctx: click.Context,
    app: App,
    paths: tuple[Path, ...],
    at: datetime | date | None,
    as_json: bool,
) -> None:
    """Check policy files or folders; report every problem with file:line:column.

    A target that, counted from now, runs into a year whose holiday data is provisional
    or missing is a warning. Exits 0 when every policy is valid (warnings allowed) and 1
    otherwise.
    """
    app.only_reads = True
    now = SystemClock().now() if at is None else at
    policies = [policy for path in paths for policy in _policies(path)]
    report = {str(path): _problems(path, app, now) for path in policies}
    errors = sum(p.severity == "error" for problems in report.values() for p in problems)
    if as_json:
        echo_json(
            {
                "valid": errors == 0,
                "policies": [
                    {"path": path, "problems": [p.to_json() for p in problems]}
                    for path, problems in report.items()
                ],
            }
        )
    else:
        for path, problems in report.items():
            for problem in problems:
                colour = "red" if problem.severity == "error" else "yellow"
                click.secho(shown(str(problem)), fg=colour, err=problem.severity == "error")
            if not any(p.severity == "error" for p in problems):
                click.secho(shown(f"{path}: valid"), fg="green")
        if errors:
            click.echo(f"{errors} error(s); fix them and run complaintkit validate again", err=True)
    if errors:
        ctx.exit(1)


def _problems(path: Path, app: App, now: datetime | date) -> list[Problem]:
    """The policy's problems, and for a valid one its targets' incomplete holiday data
    counted from ``now`` (a date: the start of that day in the policy's home zone)."""
    policy, problems = checked_policy(path, app.plugins)
    if policy is None:
        return problems
    sla = policy.sla
    if sla is None:
        return problems
    zones = declared_zones(sla)
    now = instant_of(now, None if zones is None else zones.home)
    return [
        *problems,
        *category_problems(sla, policy.locate),
        *holiday_data_problems(sla, now, policy.locate),
    ]


def _policies(path: Path) -> list[Path]:
    """``path`` itself, unless it is a folder of policy folders (policies/*/*.yaml): then
    each policy file below it, as ``complaintkit test`` finds the tests below a folder."""
    if not path.is_dir() or any(is_policy_file(p) for p in path.iterdir()):
        return [path]  # a file, or a folder whose files make one policy
    return sorted(p for p in path.rglob("*") if is_policy_file(p)) or [path]


def _no_write(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--write`` regenerated the copy inside the installed package, a file no user named
    (site-packages, or src/ of a checkout): refused, saying what to give instead."""
    if value:
        raise click.BadParameter(
            "no longer writes into the installed package; give --out FILE to write the "
            "schema there (--out src/complaintkit/policy/policy.schema.json in a checkout)",
            ctx,
            param,
        )


@click.command()
@click.option(
    "--out",
    type=NamedPath(dir_okay=False),
    callback=named_file,
    metavar="FILE",
    help="Write the schema to FILE, whole or not at all (-: print it, the default).",
)
@click.option(
    "--write",
    is_flag=True,
    hidden=True,
    expose_value=False,
    callback=_no_write,
    help="Refused: it wrote into the installed package; give --out.",
)
def schema(out: Path | None) -> None:
    """Print the policy JSON Schema (draft 2020-12) for editors and CI."""
    if out is None or out == STANDARD_OUTPUT:
        click.echo(render_schema(), nl=False)
        return
    write_output(out, render_schema(), "--out")
    click.echo(f"wrote {out}")


@click.command()
@click.argument("policy_path", metavar="POLICY", type=NamedPath(exists=True, path_type=Path))
@click.argument("complaint_file", metavar="COMPLAINT.json", type=NamedFile("rb"))
@click.option(
    "--record",
    "records",
    multiple=True,
    metavar="KIND@INSTANT",
    help="Record a custom event first, e.g. holding_reply@2026-03-20T10:00:00+00:00.",
)
@json_option
@pass_app
def explain(
    app: App, policy_path: Path, complaint_file: BinaryIO, records: tuple[str, ...], as_json: bool
) -> None:
    """Show how POLICY decides about one complaint: every row, matched or why not, and
    how each deadline is reckoned (after any --record events).

    A complaint without a channel or external id is explained as channel 'web' (external
    id 'explain'), unless POLICY reads that field."""
    app.only_reads = True
    raw = complaint_file.read(MAX_COMPLAINT_BYTES + 1)
    if len(raw) > MAX_COMPLAINT_BYTES:
        raise InvalidInput(
            complaint_file.name, f"is larger than {MAX_COMPLAINT_BYTES:,} bytes; no complaint is"
        )
    data = parse_json(raw, complaint_file.name)
    policy = load_policy(policy_path, app.plugins)
    complaint = _complaint(_identified(data, policy, complaint_file.name), complaint_file.name)
    events = [_record(text) for text in records]
    for kind, at in events:  # the explanation cannot happen before the complaint did
        if at < complaint.received_at:
            raise click.BadParameter(
                f"{kind}@{at.isoformat()} is before the complaint was received "
                f"({complaint.received_at.isoformat()})",
                param_hint="--record",
            )
    explanation = explain_complaint(policy, complaint, plugins=app.plugins, events=events)
    if as_json:
        echo_json(explanation.to_json())
    else:
        click.echo(str(explanation))


def _complaint(data: Any, name: str) -> Complaint:
    """The complaint in ``data``; each field it cannot use is named with the file it is in."""
    mistakes = every_mistake(data)
    if len(mistakes) > 1:
        raise ComplaintMistakes(mistakes, name)
    try:
        return Complaint.from_json(data)
    except InvalidInput as exc:
        raise InvalidInput(exc.field, f"{exc.message} (in {name})") from None


_FIELDS: Final = frozenset(attrs.fields_dict(Complaint))


def _identified(data: Any, policy: Policy, name: str) -> Any:
    """``data`` with a stand-in for each identity field it leaves out that ``policy`` never
    reads: the explanation cannot depend on it, so asking for one would only be in the way."""
    if not isinstance(data, dict):
        return data  # Complaint.from_json says what is wrong with it
    for field, (stand_in, paths) in _STAND_INS.items():
        if data.get(field) not in (None, ""):
            continue
        if any(key not in _FIELDS and meant_key(key, (field,)) for key in data):
            continue  # given misspelt ('chanel'): the complaint's own check names the key
        readers = policy.document.holding(paths)
        if readers:
            raise InvalidInput(
                field,
                f"is required: {name} gives none, and the policy reads it at "
                f'{policy.locate(readers[0])}; add "{field}" to the complaint',
            )
        click.echo(
            f"note: {name} gives no {field}; explaining it as {field} {stand_in!r}, "
            "which nothing in the policy reads",
            err=True,
        )
        data = {**data, field: stand_in}
    return data


def _record(text: str) -> tuple[str, datetime]:
    kind, at, instant = text.partition("@")
    if not at:
        raise click.BadParameter(f"{text!r}: write KIND@INSTANT", param_hint="--record")
    return kind.strip(), instant_argument(instant.strip(), "--record")
