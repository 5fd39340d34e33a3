"""The audit: every stored row checked against its seal, its events and the ledger.

Per case: each event parses, sits under the case and position it was sealed for, and
chains; the case row agrees with the replay of its events; its last event is the head the
ledger committed. Store-wide: the ledger chains and carries valid seals, every case the
ledger saw is still stored, and the ledger still holds what a checkpoint saw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs

from complaintkit.audit.case_row import row_problems
from complaintkit.audit.chain import StoredEvent, altered, first_broken_link
from complaintkit.audit.checkpoint import Checkpoint
from complaintkit.audit.columns import event_column_findings, short
from complaintkit.audit.findings import Finding
from complaintkit.audit.heads import Committed, head_problems, span
from complaintkit.audit.keys import AuditKey, same_seal
from complaintkit.audit.ledger import RESTARTED_AT, LedgerEntry, parse_entry
from complaintkit.audit.records import (
    CaseRecord,
    EventRow,
    LedgerRow,
    ReportCheck,
    Snapshot,
)
from complaintkit.audit.stored import json_object, stored_event
from complaintkit.model.audit import sealed_elsewhere
from complaintkit.model.events import GENESIS


@attrs.frozen
class LedgerState:
    """What the ledger says: each case's head (seq, hash, entry id) and its entry hashes."""

    heads: dict[str, tuple[int, str, int]]
    hashes: dict[int, str]
    #: Entries before the first one sealed with a key: trusted as found (documented).
    trusted: int = 0
    #: Cases whose newest head only unsealed entries after the key commit: the seq the
    #: last sealed entry committed (0 for none) and the first unsealed entry since.
    unsealed: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    #: Every head committed before each case's last one: a later honest write does not
    #: make a rewrite of what they committed right.
    earlier: dict[str, list[Committed]] = attrs.field(factory=dict)
    #: Events only unsealed entries committed before a sealed one committed a later head:
    #: the first and last such event and the first such entry. An honest write chains onto
    #: whatever it finds, so sealing over them vouches for nothing.
    sealed_over: dict[str, tuple[int, int, int]] = attrs.field(factory=dict)
    #: The entry the chain restarted at after the ledger was found emptied; None if never.
    restarted: int | None = None

    @property
    def entries(self) -> int:
        return max(self.hashes, default=0)

    @property
    def held(self) -> int:
        """How many entries the ledger holds: fewer than ``entries`` (its highest position)
        when some are missing, or one was moved past the end."""
        return len(self.hashes)

    @property
    def head(self) -> str:
        return self.hashes.get(self.entries, GENESIS)

    def hash_at(self, entries: int) -> str | None:
        """The hash the ledger reached after ``entries`` entries: the chain's start for none."""
        return GENESIS if entries == 0 else self.hashes.get(entries)

    def checkpoint(self, taken_at: datetime) -> Checkpoint:
        return Checkpoint(
            taken_at.isoformat(),
            self.entries,
            self.head,
            len(self.heads),
            sum(seq for seq, _, _ in self.heads.values()),
            None,
        )


@attrs.frozen
class AuditReport:
    checked: int
    ledger: LedgerState
    findings: list[Finding]

    @property
    def altered_cases(self) -> list[str]:
        return sorted({f.case_id for f in self.findings if f.case_id is not None})

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "ledger_entries": self.ledger.entries,
            "trusted_entries": self.ledger.trusted,
            "broken": [finding.to_json() for finding in self.findings],
        }


def verify_store(
    snapshot: Snapshot,
    key: AuditKey | None,
    against: Checkpoint | None = None,
    retired: Mapping[str, AuditKey] | None = None,
    *,
    sealed_from_start: bool = False,
) -> AuditReport:
    """Audit one consistent read of a store; ``against`` adds a checkpoint comparison.

    ``key`` is the current audit key; ``retired`` the keys used before it, by id.
    ``sealed_from_start`` says the store was keyed before its first write, so no entry may
    be trusted as found: a ledger rebuilt without the key is then a finding for good, not
    only until the next write seals over it.
    """
    retired = retired or {}
    findings, ledger = check_ledger(snapshot.ledger, key, retired)
    if sealed_from_start and ledger.trusted:
        findings.append(
            Finding(
                "key",
                f"{_trusted(ledger.trusted)} not sealed, yet the store was sealed from its "
                "start: the ledger was rebuilt or adopted again without the key",
            )
        )
    unseen = dict(ledger.heads)
    checked = 0
    for record in snapshot.records:
        checked += 1
        earlier = ledger.earlier.get(record.case_id, [])
        head = unseen.pop(record.case_id, None)
        case_findings = _checked_case(record, head, snapshot.reports, earlier)
        findings += _lost_with_the_ledger(case_findings, ledger.restarted)
    if checked and not ledger.hashes:
        problem = (
            f"the ledger holds no entries, yet {_count_cases(checked)} stored: it was "
            "emptied, or the store written around complaintkit"
        )
        findings.append(Finding("ledger", problem))
    findings += _unsealed_heads(ledger)
    for case_id, (seq, _, entry_id) in sorted(unseen.items()):
        findings.append(
            Finding(
                "deleted",
                f"the ledger committed this case at event {seq} (entry {entry_id}) "
                "but the store no longer holds it",
                case_id=case_id,
            )
        )
    if snapshot.report_orphans is not None:
        findings += [Finding("report", p, case_id) for case_id, p in snapshot.report_orphans()]
    if snapshot.feed_problems is not None:
        findings += [
            Finding("feed", p, case_id, seq) for case_id, seq, p in snapshot.feed_problems()
        ]
    if against is not None:
        findings += check_checkpoint(against, ledger, retired.get(against.key_id or "", key))
    return AuditReport(checked, ledger, findings)


# --- the ledger ---------------------------------------------------------------------------


def check_ledger(
    rows: Iterable[LedgerRow], key: AuditKey | None, retired: Mapping[str, AuditKey] | None = None
) -> tuple[list[Finding], LedgerState]:
    """The ledger's findings and state. An entry sealed with a retired key is checked with
    that key, and must come before the first entry sealed with the current one."""
    retired = retired or {}
    findings: list[Finding] = []
    heads: dict[str, tuple[int, str, int]] = {}
    earlier: dict[str, list[Committed]] = {}
    hashes: dict[int, str] = {}
    sealed: dict[str, int] = {}
    unsealed: dict[str, tuple[int, int]] = {}
    unsealed_top: dict[str, int] = {}
    sealed_over: dict[str, tuple[int, int, int]] = {}
    previous = (0, GENESIS)
    restarted = None
    keys = _KeyUse(key, retired)
    for row in rows:
        position = _position_problems(row.id, previous[0])
        try:
            entry = parse_entry(row.body)
        except ValueError as exc:
            findings += position
            findings.append(
                Finding("malformed", f"stored entry is malformed: {exc}", ledger_id=row.id)
            )
            hashes[row.id] = row.hash
            previous = (row.id, row.hash)
            continue
        if entry.restarted is not None:
            findings.append(_restart(row.id, entry.restarted))
            restarted = row.id
            if previous[0] == 0 and row.id == RESTARTED_AT:
                position = []  # the entry 1 a restart leaves missing: said by the restart
        findings += position
        findings += _entry_problems(row, entry, previous[1], keys.sealing(entry))
        without_key = keys.see(entry)
        for case_id, seq, head in entry.heads:
            if case_id in heads:
                earlier.setdefault(case_id, []).append(heads[case_id])
            heads[case_id] = (seq, head, entry.id)
            if without_key:
                unsealed.setdefault(case_id, (sealed.get(case_id, 0), entry.id))
                unsealed_top[case_id] = max(seq, unsealed_top.get(case_id, 0))
            else:
                sealed[case_id] = seq
                before = unsealed.pop(case_id, None)
                top = unsealed_top.pop(case_id, 0)
                if before is not None and top > before[0]:
                    sealed_over.setdefault(case_id, (before[0] + 1, top, before[1]))
        hashes[row.id] = entry.hash
        previous = (row.id, entry.hash)
    findings += keys.findings(bool(hashes))
    state = LedgerState(heads, hashes, keys.trusted, unsealed, earlier, sealed_over, restarted)
    return findings, state


def _restart(position: int, at: str) -> Finding:
    problem = (
        f"the ledger was found emptied while cases were stored, and restarted here on {at}: "
        "every entry before it was lost, so the histories written before can no longer be "
        "verified against it; `audit verify --against FILE` with a checkpoint taken before "
        "shows what was lost"
    )
    return Finding("ledger", problem, ledger_id=position)


def _lost_with_the_ledger(findings: list[Finding], restarted: int | None) -> list[Finding]:
    """A case the restarted ledger never committed: the entries lost may have committed it."""
    if restarted is None:
        return findings
    problem = (
        f"the ledger has not committed this case since it restarted at entry {restarted}: "
        "the lost entries committed it, or it was copied or written around complaintkit"
    )
    return [attrs.evolve(f, problem=problem) if f.code == "unledgered" else f for f in findings]


def _position_problems(position: int, previous: int) -> list[Finding]:
    """The entries missing between ``previous`` and ``position`` (ids come in order), or a
    position no entry is ever written at."""
    if position < 1:
        problem = f"stored at position {position}: entries are numbered from 1"
        return [Finding("ledger", problem, ledger_id=position)]
    first, last = max(previous, 0) + 1, position - 1
    if first > last:
        return []
    missing = f"entry {first} is" if first == last else f"entries {first} to {last} are"
    return [Finding("ledger", f"{missing} missing before it", ledger_id=position)]


class _KeyUse:
    """Which key sealed each ledger entry, and what in that sequence is wrong."""

    def __init__(self, key: AuditKey | None, retired: Mapping[str, AuditKey]) -> None:
        self.key = key
        self.retired = retired
        self.keyed = self.current = False
        self.unsealed: list[int] = []
        self.trusted = 0
        self.late: list[int] = []
        self.foreign: Counter[str] = Counter()

    def sealing(self, entry: LedgerEntry) -> AuditKey | None:
        """The key to check ``entry``'s seal with (the current one unless a retired one is named)."""
        return self.key if entry.key_id is None else self.retired.get(entry.key_id, self.key)

    def see(self, entry: LedgerEntry) -> bool:
        """Note ``entry``; whether it was written without the key once the key was in use."""
        if entry.key_id is None:
            if self.keyed and self.key is not None:
                self.unsealed.append(entry.id)
                return True
            if not self.keyed:
                self.trusted += 1
            return False
        self.keyed = True
        if self.key is not None and entry.key_id == self.key.key_id:
            self.current = True
        elif entry.key_id in self.retired:
            if self.current:
                self.late.append(entry.id)
        else:
            self.foreign[entry.key_id] += 1
        return False

    def findings(self, any_entries: bool) -> Iterator[Finding]:
        if self.key is not None and any_entries and not self.keyed:
            yield Finding(
                "key",
                f"no ledger entry is sealed with the configured key (id {self.key.key_id}): "
                "anyone could have rewritten the ledger; the next write seals it",
            )
        if self.late:
            yield Finding(
                "key",
                f"{len(self.late)} entries are sealed with a retired key after the current key "
                f"was in use (first: {self.late[0]}): written by someone holding an old key",
            )
        if self.unsealed:
            yield Finding(
                "key",
                f"{len(self.unsealed)} entries written after the key was in use are not sealed "
                f"(first: {self.unsealed[0]}): written without the key",
            )
        for key_id, count in sorted(self.foreign.items()):
            yield Finding(
                "key",
                f"{count} ledger entries are sealed with key id {key_id}, which is not "
                "configured; set COMPLAINTKIT_AUDIT_KEY or COMPLAINTKIT_AUDIT_KEY_FILE to it, "
                "or list it in COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE, to check them",
            )


def _entry_problems(
    row: LedgerRow, entry: LedgerEntry, prev: str, key: AuditKey | None
) -> Iterator[Finding]:
    if entry.id != row.id:
        yield Finding(
            "ledger",
            f"stored at position {row.id} but sealed as entry {entry.id}",
            ledger_id=row.id,
        )
    if entry.prev != prev:
        yield Finding("ledger", "does not chain from the entry before it", ledger_id=row.id)
    if entry.hash != row.hash:
        yield Finding("ledger", "its hash column differs from the sealed entry", ledger_id=row.id)
    sealed_with = None if entry.key_id is None else key
    if entry.key_id is not None and (key is None or entry.key_id != key.key_id):
        return  # reported once per key, not once per entry
    if not same_seal(entry.expected_hash(sealed_with), entry.hash):
        yield Finding(
            "ledger",
            "its seal does not match its content: altered"
            + ("" if sealed_with is None else ", or sealed without the key"),
            ledger_id=row.id,
        )


def _unsealed_heads(ledger: LedgerState) -> Iterator[Finding]:
    """Each case whose newest events only entries written without the key commit: the
    store-wide ``key`` finding says such entries exist, this names what they vouch for."""
    for case_id, (sealed_seq, entry_id) in sorted(ledger.unsealed.items()):
        seq = ledger.heads[case_id][0]
        if seq > sealed_seq:
            problem = (
                f"{span(sealed_seq + 1, seq)} committed only by ledger entries written "
                "without the key, this one first: appended by someone without it"
            )
            yield Finding("key", problem, case_id, sealed_seq + 1, entry_id)
        else:
            problem = (
                f"its head was committed again at event {seq} by a ledger entry written "
                f"without the key, after a sealed one committed event {sealed_seq}"
            )
            yield Finding("key", problem, case_id, seq, entry_id)
    for case_id, (first, last, entry_id) in sorted(ledger.sealed_over.items()):
        problem = (
            f"{span(first, last)} committed first by ledger entries written without the "
            "key, this one first: appended by someone without it, and sealed writes since "
            "chained onto them"
        )
        yield Finding("key", problem, case_id, first, entry_id)


# --- one case -----------------------------------------------------------------------------


def _checked_case(
    record: CaseRecord,
    head: Committed | None,
    reports: ReportCheck | None,
    earlier: Sequence[Committed],
) -> list[Finding]:
    """``check_case``, or one finding for a case holding a value nested too deeply to copy
    or compare (the ``RecursionError`` would end the audit in a traceback)."""
    try:
        return check_case(record, head, reports, earlier)
    except RecursionError:
        problem = "a stored value is nested too deeply to check"
        return [Finding("malformed", problem, record.case_id)]


def check_case(
    record: CaseRecord,
    head: Committed | None,
    reports: ReportCheck | None = None,
    earlier: Sequence[Committed] = (),
) -> list[Finding]:
    misfiled = _misfiled(record)
    if misfiled:
        return misfiled
    case_id = record.case_id
    rows, findings = _numbered(record)
    stored: list[StoredEvent] = []
    altered_events: list[Finding] = []
    for row in rows:
        try:
            event = stored_event(row.body)
        except ValueError as exc:
            findings.append(
                Finding("malformed", f"stored event is malformed: {exc}", case_id, row.seq)
            )
            continue
        stored.append(StoredEvent(row.seq, event))
        if not stored[-1].sealed:
            altered_events.append(altered(case_id, stored[-1]))
            continue
        if event.case_id != row.case_id:
            findings.append(
                Finding(
                    "moved",
                    sealed_elsewhere(event.case_id, case_id),
                    case_id,
                    row.seq,
                )
            )
        findings += event_column_findings(row, event)
    events = [s.event for s in stored]
    if not findings:  # moved or malformed rows break every link: no chain to follow
        broken = first_broken_link(case_id, stored)
        findings += [] if broken is None else [broken]
    findings += altered_events
    intact = not findings
    if record.row is None:
        findings.append(Finding("row", "events are stored but the case row is missing", case_id))
    elif not events and not record.events:
        findings.append(Finding("row", "the case row is stored without any events", case_id))
    else:
        findings += row_problems(record.row, events if intact else None, reports)
    findings += head_problems(case_id, rows, events, head, earlier)
    return findings


def _misfiled(record: CaseRecord) -> list[Finding]:
    """Rows whose id column is not text: no lookup by case id finds them."""
    found = []
    if record.row is not None and not isinstance(record.row.id, str):
        named = _named(record.row.body, "id")
        found.append(
            Finding(
                "malformed",
                f"a case row's id column holds {short(record.row.id)}, not text: no lookup "
                "by case id finds it",
                named,
            )
        )
    for row in record.events:
        if not isinstance(row.case_id, str):
            named = _named(row.body, "case_id")
            found.append(
                Finding(
                    "malformed",
                    f"an event's case_id column holds {short(row.case_id)}, not text: it is "
                    "filed under no case",
                    named,
                    row.seq if type(row.seq) is int else None,
                )
            )
    return found


def _named(body: object, field: str) -> str | None:
    """The case id a row's body still names, if it names one."""
    try:
        named = json_object(body).get(field)
    except ValueError:
        return None
    return named if isinstance(named, str) else None


def _numbered(record: CaseRecord) -> tuple[list[EventRow], list[Finding]]:
    """The event rows filed under an event number, and a finding for each row whose seq
    column holds anything else (an edited row: text, a fraction, a blob)."""
    rows, findings = [], []
    for row in record.events:
        if type(row.seq) is int:
            rows.append(row)
        else:
            problem = f"an event's seq column holds {short(row.seq)}, not an event number"
            findings.append(Finding("malformed", problem, record.case_id))
    return rows, findings


def _count_cases(count: int) -> str:
    return "1 case is" if count == 1 else f"{count} cases are"


def _trusted(count: int) -> str:
    return "ledger entry 1 is" if count == 1 else f"ledger entries 1 to {count} are"


# --- checkpoints --------------------------------------------------------------------------


def check_checkpoint(
    checkpoint: Checkpoint, ledger: LedgerState, key: AuditKey | None
) -> list[Finding]:
    problem = checkpoint.seal_problem(key)
    if problem is not None:
        return [Finding("checkpoint", problem)]
    taken = f"the checkpoint of {checkpoint.taken_at}"
    if ledger.entries < checkpoint.entries:
        return [
            Finding(
                "checkpoint",
                f"the ledger has {ledger.entries} entries, fewer than the {checkpoint.entries} "
                f"{taken} saw: its newest entries were removed",
            )
        ]
    if ledger.hash_at(checkpoint.entries) != checkpoint.head:
        return [
            Finding(
                "checkpoint",
                f"differs from the entry {checkpoint.entries} {taken} saw: "
                "the ledger was rewritten",
                ledger_id=checkpoint.entries,
            )
        ]
    return []
