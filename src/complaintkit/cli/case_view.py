"""What ``cases show`` prints of a case and its history; a case whose body is damaged has
its history shown alone (``case`` None), its events' instants in their own zones; a
case's instants are shown in its zone (``shown_zone``), as its letters show them. A
history whose hash chain breaks is still shown, and the break named (``chain_broken``);
so is a case whose row says other than its events (``row_edited``), and a row whose
columns or storage say other than the body it files (``rows_edited``), and a store whose
ledger was emptied or dropped, against which no history can be verified (``ledger_lost``)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import click

from complaintkit.audit.case_row import differences
from complaintkit.audit.columns import column_findings, event_column_findings
from complaintkit.audit.ledger_lost import ledger_lost
from complaintkit.audit.records import Auditable, CaseRow, EventRow
from complaintkit.audit.sql_text import NOT_TEXT
from complaintkit.audit.stored import UNREADABLE, damaged, problem_of, read_case, read_event
from complaintkit.cli.cut_text import MOST_SHOWN, cut_text
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord, NotFound
from complaintkit.model.audit import COPY, shown_seq, verify_chain
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.replay.stored_cases import raw_rows
from complaintkit.sla.shown_zone import shown_zone
from complaintkit.storage.base import Storage
from complaintkit.visible import shown

#: A case row whose events are all gone, as ``audit verify`` and ``replay`` name it.
WITHOUT_EVENTS = "the case row is stored without any events (deleted or lost)"


def checked_case(
    desk: Desk, case_id: str
) -> tuple[Case | None, list[CaseEvent], list[DamagedRecord]]:
    """``case_id``'s case (None when its row is damaged or missing), its readable events, and what
    is wrong with them: each damaged event, a broken hash chain, a row saying other than
    its events, an edited event row — what ``cases show`` and ``cases export`` name."""
    damaged_found: list[DamagedRecord] = []
    row_missing = False
    try:
        case: Case | None = desk.get(case_id)
    except DamagedRecord as exc:  # its history is still read, and shown
        case = None
        damaged_found.append(exc)
    except NotFound:  # no case, unless its events are stored (its row deleted or lost)
        case, row_missing = None, True
    try:
        events, broken = desk.storage.events_readable(case_id)  # each damaged event named
    except NotFound:  # "no case" only when its row is missing too
        if row_missing:
            raise
        events, broken = [], [damaged(f"case {case_id}", WITHOUT_EVENTS, case_id)]
    if row_missing:
        problem = "its events are stored but the case row is missing (deleted or lost)"
        damaged_found.append(damaged(f"case {case_id}", problem, case_id))
    damaged_found.extend(broken)
    if (chain := chain_broken(case_id, events, broken, desk.storage)) is not None:
        damaged_found.append(chain)
    elif (
        case is not None and events and not broken and (edited := row_edited(case_id, case, events))
    ):
        damaged_found.append(edited)
    damaged_found.extend(rows_edited(desk.storage, case_id))
    damaged_found.extend(ledger_lost(desk.storage))  # nothing vouches for the history shown
    return case, events, damaged_found


def history_damage(desk: Desk, case: Case) -> list[DamagedRecord]:
    """What is wrong with the history of ``case``, a case row that read: its damaged
    events, a broken hash chain, the row saying other than its events, an edited row — as
    ``checked_case`` finds it, for ``cases list``. A row whose events are all gone is named
    by the listing's own count of them."""
    try:
        events, found = desk.storage.events_readable(case.id)
    except NotFound:
        return []
    if (chain := chain_broken(case.id, events, found, desk.storage)) is not None:
        found.append(chain)
    elif events and not found and (edited := row_edited(case.id, case, events)):
        found.append(edited)
    return [*found, *rows_edited(desk.storage, case.id)]


def show(desk: Desk, case: Case, events: list[CaseEvent]) -> None:
    complaint, zone = case.complaint, shown_zone(case, desk.shown_zones)
    owner, team = shown(case.owner or "-", lines=False), shown(case.team or "-", lines=False)
    click.echo(f"{case.id}  [{case.status.value}]  owner {owner}  team {team}")
    tags = shown(", ".join(case.tags), lines=False) or "-"
    click.echo(f"  {case.category} / {case.severity} / {case.priority}  tags: {tags}")
    click.echo(
        f"  from {shown(complaint.customer.id, lines=False)} via {complaint.channel} "
        f"at {complaint.received_at.astimezone(zone).isoformat()}"
    )
    subject = cut_text(complaint.subject or "", case.id)
    click.echo(f"  {subject}: {_text(complaint.text, case.id)}")
    history(desk, case.id, case, events)


def _text(text: str, case_id: str) -> str:
    """The complaint's text with its lines, unless cut (``cut_text`` shows it in one)."""
    return shown(text) if len(text) <= MOST_SHOWN else cut_text(text, case_id)


def history(desk: Desk, case_id: str, case: Case | None, events: list[CaseEvent]) -> None:
    """Each event of ``case_id`` in one line, every stored text in it cut (``cut_text``)."""
    click.echo("  history:")
    zone = None if case is None else shown_zone(case, desk.shown_zones)
    for event in events:
        reason = f" — {cut_text(event.reason, case_id)}" if event.reason else ""
        due = event.data.get("due_at") if event.kind == "escalated" else None
        if due is not None:  # a late sweep's time is not when the level fell due
            reason += f"; fell due {_local(str(due), zone or event.at.tzinfo or UTC, case_id)}"
        reason += _said(event, case_id)
        at = event.at if zone is None else event.at.astimezone(zone)
        click.echo(
            f"    {shown_seq(event.seq):>3} {at.isoformat()} {cut_text(event.actor, case_id):<12} "
            f"{cut_text(event.kind, case_id)}{reason}"
        )


def _said(event: CaseEvent, case_id: str) -> str:
    """What the event's words say — a complaint added to the case (a customer's reply to a
    letter), a note, a response: the agent picking the case up reads them in the history,
    not only that they were written."""
    if event.kind == "complaint_added":
        complaint = event.data.get("complaint")
        text = complaint.get("text") if isinstance(complaint, dict) else None
    else:
        text = event.data.get(_WORDS.get(event.kind, ""))
    return f": {cut_text(text, case_id)}" if isinstance(text, str) else ""


#: The field holding what a person wrote, by the kind of event it was written on.
_WORDS = {"noted": "text", "responded": "message"}


def _local(instant: str, zone: tzinfo, case_id: str) -> str:
    """A stored instant shown in ``zone``, as a skipped level's reason shows its own; one
    that no longer reads as an instant (altered outside complaintkit) as it is."""
    try:
        read = datetime.fromisoformat(instant)
    except ValueError:
        return cut_text(instant, case_id)
    return read.astimezone(zone).isoformat() if read.tzinfo else cut_text(instant, case_id)


def chain_broken(
    case_id: str,
    events: list[CaseEvent],
    unreadable: list[DamagedRecord],
    storage: Storage | None = None,
) -> DamagedRecord | None:
    """Where the readable ``events`` stop adding up to what complaintkit sealed (one edited,
    taken out, re-chained), as ``audit verify`` finds it: shown as it reads, an edited
    history would pass for what happened. A gap where an ``unreadable`` event stood is
    that event's damage, named already. A row copied from an earlier event is named where
    ``storage`` stores it (past the last event, with a gap, it is not where one is missing)."""
    try:
        broken = verify_chain(case_id, events)
    except UNREADABLE as exc:  # an edited body holding a value no event has
        return damaged(f"case {case_id}", f"its history cannot be checked: {problem_of(exc)}")
    if broken is None or (unreadable and broken.seq not in {e.seq for e in events}):
        return None
    if broken.problem.startswith(COPY) and storage is not None and not unreadable:
        broken = verify_chain(case_id, events, _stored_seqs(storage, case_id)) or broken
    where = f"its hash chain is broken at event {shown_seq(broken.seq)}"
    return damaged(f"case {case_id}", f"{where}: {broken.problem}", case_id)


def _stored_seqs(storage: Storage, case_id: str) -> list[object] | None:
    """The seq column of each of ``case_id``'s event rows, in order; None where the audit
    cannot read its rows."""
    if not isinstance(storage, Auditable):
        return None
    with raw_rows(storage, case_id) as read:
        return [
            row.seq for record in read.records if record.case_id == case_id for row in record.events
        ]


def row_edited(case_id: str, case: Case, events: list[CaseEvent]) -> DamagedRecord | None:
    """What ``case_id``'s row (``case``, shown as the case) says other than its sound
    ``events``, as ``audit verify`` compares them: a status or owner edited by hand would
    be shown as the case's own. Named by ``case_id``, not the id the body holds: a body
    copied from another case would blame that one."""
    try:
        replayed = replay(events)
    except UNREADABLE as exc:
        return damaged(f"case {case_id}", f"its events cannot be replayed: {problem_of(exc)}")
    found = differences(case, replayed)
    return damaged(f"case {case_id}", "; ".join(found), case_id) if found else None


def rows_edited(storage: Storage, case_id: str) -> list[DamagedRecord]:
    """What ``case_id``'s raw rows say other than the bodies they file, as ``audit verify``
    and ``replay`` name it: an event row whose sealed body reads but whose ``seq``, ``kind``
    or ``at`` column was edited (queries, the ledger and the event feed read those), or
    whose body is stored as a blob (SQL reads no field of it); a case row whose indexed
    columns (``customer_id``, ``opened_at``… which intake's customer history and queries
    select on) differ from its body. A body that does not read is named already; a store
    the audit cannot read (no ledger) has no rows to check."""
    if not isinstance(storage, Auditable):
        return []
    found = []
    with raw_rows(storage, case_id) as read:
        for record in read.records:
            for row in record.events:
                found += _event_row_edited(case_id, row)
            if record.row is not None:
                found += _case_row_columns(case_id, record.row)
    return found


def _event_row_edited(case_id: str, row: EventRow) -> list[DamagedRecord]:
    try:
        event = read_event(row.body, case_id, row.seq)
    except DamagedRecord:
        return []
    found = [
        damaged(f"case {case_id}", f"stored event {row.seq}: {finding.problem}")
        for finding in event_column_findings(row, event)
    ]
    stored: object = row.body  # a blob, whatever the row's type says
    if isinstance(stored, bytes):
        found.append(damaged(f"case {case_id}: stored event {row.seq}", NOT_TEXT))
    return found


def _case_row_columns(case_id: str, row: CaseRow) -> list[DamagedRecord]:
    try:
        body = read_case(row.body, case_id)
    except DamagedRecord:  # named by the read of the case
        return []
    return [damaged(f"case {case_id}", f.problem) for f in column_findings(row, body)]
