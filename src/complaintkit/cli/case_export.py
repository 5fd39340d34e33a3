"""``cases export CASE``: one case and its whole history for the customer or a regulator,
with the verdict of the checks ``cases show`` makes (the hash chain, the rows against the
events): an export of an edited history must say so in the file itself, not only on a
terminal the recipient never sees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from complaintkit.cli.case_view import checked_case
from complaintkit.cli.context import App, pass_app
from complaintkit.cli.damaged_cases import name_damaged
from complaintkit.cli.id_argument import looked_up_id
from complaintkit.cli.output_file import STANDARD_OUTPUT, named_file, write_output
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.model.events import UNPUBLISHED, CaseEvent
from complaintkit.reports.table import csv_cell

#: The CSV's columns: each event's sealed fields, then the verdict on the whole history.
CSV_COLUMNS = ("case_id", "seq", "at", "actor", "kind", "reason", "data", "prev_hash", "hash")


@click.command("export")
@click.argument("case_id", callback=looked_up_id)
@click.option("--csv", "as_csv", is_flag=True, help="One row per event instead of JSON.")
@click.option(
    "--out",
    callback=named_file,
    metavar="FILE",
    help="Write the export to FILE (whole or not at all) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Let --out replace a file that exists.")
@pass_app
def export_case(app: App, case_id: str, as_csv: bool, out: Path | None, force: bool) -> None:
    """Export one case and its history, with the verdict of its integrity checks; exit 1
    when the history is damaged (named on stderr too)."""
    if out is not None and out != STANDARD_OUTPUT:
        _refuse_unwritable(out)
    case, events, damaged = checked_case(app.desk(read_only=True), case_id)
    verdict = _verdict(events, damaged)
    text = _csv(events, verdict) if as_csv else _json(case, events, verdict)
    if out is None or out == STANDARD_OUTPUT:
        click.echo(text, nl=False)
    else:
        write_output(
            out, text, "--out", app.db_url, app.inputs, replaced_by=None if force else "--force"
        )
        said = "intact" if verdict["intact"] else "damaged, as named below"
        click.echo(f"wrote {out}: {len(events)} events, history {said}")
    name_damaged(damaged)


def _refuse_unwritable(out: Path) -> None:
    """Refuse, before the store is read, a file an export could not be written to at all,
    saying what to do; ``write_output`` refuses the store, and a file that exists unless
    --force is given (a regulator's copy sent last week)."""
    folder = out.parent
    if out.is_dir():
        raise click.BadParameter(
            f"{str(out)!r} is a folder; name a file in it, e.g. {str(out / 'case.json')!r}",
            param_hint="'--out'",
        )
    if not folder.exists():
        raise click.BadParameter(
            f"the folder {str(folder)!r} does not exist; make it first, or name a file in a "
            "folder that does",
            param_hint="'--out'",
        )
    if not folder.is_dir():
        raise click.BadParameter(
            f"{str(folder)!r} is a file, not a folder, so {str(out)!r} cannot be made; name "
            "a file in a folder",
            param_hint="'--out'",
        )


def _verdict(events: list[CaseEvent], damaged: list[DamagedRecord]) -> dict[str, Any]:
    if damaged:
        return {"intact": False, "problems": [str(exc) for exc in damaged]}
    return {"intact": True, "problems": [], "checked": f"hash chain of {len(events)} events"}


def _json(case: Case | None, events: list[CaseEvent], verdict: dict[str, Any]) -> str:
    """The case as stored and its events as ``GET /events`` publishes them: without the
    status token, which opens the customer's status page (the hashes stay the stored
    ones, which the verdict checked)."""
    body = None if case is None else case.to_json()
    if body is not None:
        for name in UNPUBLISHED:
            body.pop(name, None)
    document = {
        "case_id": events[0].case_id if events else None,
        "verdict": verdict,
        "case": body,
        "events": [event.published_json() for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv(events: list[CaseEvent], verdict: dict[str, Any]) -> str:
    """One row per event, ``data`` as JSON text, each row ending with the verdict on the
    whole history (``intact``, or the problems found): a spreadsheet shows it beside every
    row. Cells are defused as a report's CSV is: stored text never runs as a formula."""
    said = "intact" if verdict["intact"] else "; ".join(verdict["problems"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, "verdict"])
    for event in events:
        published = event.published_json()
        published["data"] = json.dumps(published["data"], ensure_ascii=False, sort_keys=True)
        row = [str(published[column]) for column in CSV_COLUMNS]
        writer.writerow([csv_cell(cell) for cell in (*row, said)])
    return buffer.getvalue()
