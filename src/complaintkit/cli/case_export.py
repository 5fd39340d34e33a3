"""``cases export CASE``: one case and its whole history for the customer or a regulator,
with the verdict of the checks ``cases show`` makes (the hash chain, the rows against the
events): an export of an edited history must say so in the file itself, not only on a
terminal the recipient never sees."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click

from complaintkit.cli.case_view import checked_case
from complaintkit.cli.context import App, pass_app
from complaintkit.cli.damaged_cases import name_damaged
from complaintkit.cli.id_argument import looked_up_id
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.model.events import UNPUBLISHED, CaseEvent
from complaintkit.reports.table import csv_cell

#: The CSV's columns: each event's sealed fields, then the verdict on the whole history.
CSV_COLUMNS = ("case_id", "seq", "at", "actor", "kind", "reason", "data", "prev_hash", "hash")


@click.command("export")
@click.argument("case_id", callback=looked_up_id)
@click.option("--csv", "as_csv", is_flag=True, help="One row per event instead of JSON.")
@pass_app
def export_case(app: App, case_id: str, as_csv: bool) -> None:
    """Export one case and its history, with the verdict of its integrity checks; exit 1
    when the history is damaged (named on stderr too)."""
    case, events, damaged = checked_case(app.desk(read_only=True), case_id)
    verdict = _verdict(events, damaged)
    click.echo(_csv(events, verdict) if as_csv else _json(case, events, verdict), nl=False)
    name_damaged(damaged)


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
