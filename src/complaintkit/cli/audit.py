"""``complaintkit audit``: prove no stored history was altered, and export checkpoints."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from complaintkit.audit.checkpoint import Checkpoint
from complaintkit.audit.keys import KEY_FILE_VARIABLE, RETIRED_KEYS_VARIABLE, load_retired_keys
from complaintkit.audit.records import Auditable
from complaintkit.audit.sql_text import read_json
from complaintkit.audit.verify import AuditReport, verify_store
from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.errors import undecoded_escaped
from complaintkit.cli.output_file import STANDARD_OUTPUT, named_file, write_output
from complaintkit.cli.path_type import NamedPath
from complaintkit.errors import ConfigError
from complaintkit.model.readable_as import utf8_advice
from complaintkit.visible import shown


@click.group()
def audit() -> None:
    """Check the integrity of stored case histories; see docs/audit.md."""


def _audit(
    app: App, against: Checkpoint | None = None, *, sealed_from_start: bool = False
) -> AuditReport:
    storage = app.desk(read_only=True).storage
    if not isinstance(storage, Auditable):
        raise ConfigError(
            f"storage {type(storage).__name__} keeps no audit ledger; audit a SQLite or "
            "PostgreSQL store"
        )
    if sealed_from_start and storage.audit_key is None:
        raise click.UsageError(
            "--sealed-from-start needs the audit key: set COMPLAINTKIT_AUDIT_KEY or "
            "COMPLAINTKIT_AUDIT_KEY_FILE"
        )
    with storage.audit_snapshot() as snapshot:
        return verify_store(
            snapshot,
            storage.audit_key,
            against,
            load_retired_keys(),
            sealed_from_start=sealed_from_start,
        )


def _report(report: AuditReport, as_json: bool, *, keyed: bool) -> None:
    if as_json:
        echo_json(report.to_json())
        return
    for finding in report.findings:
        click.echo(shown(str(finding), lines=False))  # ids and values an attacker wrote
    if not keyed:  # nothing is sealed, and --sealed-from-start needs the key it lacks
        click.echo(
            "note: no audit key is set, so the hashes show accidental edits but anyone who can "
            "write the database can recompute them; set COMPLAINTKIT_AUDIT_KEY (docs/audit.md)"
        )
    elif report.ledger.trusted:
        entries = _count(report.ledger.trusted, "entry", "entries")
        verb = "is" if report.ledger.trusted == 1 else "are"
        click.echo(
            f"note: the ledger's first {entries}, written before any entry sealed with a key, "
            f"{verb} trusted as found (a store from before its key or its ledger); if this "
            "store was keyed from its start, verify with --sealed-from-start"
        )
    click.echo(
        f"{_count(report.checked, 'case')} checked, {len(report.altered_cases)} with altered "
        f"history, {_count(len(report.findings), 'finding')}; ledger of "
        f"{_count(report.ledger.held, 'entry', 'entries')}{_highest(report)}"
    )


def _highest(report: AuditReport) -> str:
    """The ledger's highest position, when it is not its count of entries (a gap, or an
    entry moved past the end): the count alone would hide it, the position alone forge it."""
    if report.ledger.entries == report.ledger.held:
        return ""
    return f" (highest position {report.ledger.entries})"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


#: The largest checkpoint file read: ``audit checkpoint`` writes a few hundred bytes.
MAX_CHECKPOINT_BYTES = 64 * 1024


def _load_checkpoint(path: Path) -> Checkpoint:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_CHECKPOINT_BYTES + 1)
    except OSError as exc:  # missing or unreadable: as unusable as any other wrong file
        raise click.BadParameter(
            f"cannot read {str(path)!r}: {exc.strerror or exc}", param_hint="--against"
        ) from None
    if len(raw) > MAX_CHECKPOINT_BYTES:  # another file named (/dev/zero was read to no end)
        raise click.BadParameter(
            f"{path} is larger than {MAX_CHECKPOINT_BYTES:,} bytes; a checkpoint is the few "
            "hundred bytes of JSON `audit checkpoint` writes",
            param_hint="--against",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:  # a checkpoint saved again by an editor in GBK
        raise click.BadParameter(
            f"{path} is not valid UTF-8 (byte {exc.start}){utf8_advice(raw)}; a checkpoint "
            "is the UTF-8 JSON `audit checkpoint` writes",
            param_hint="--against",
        ) from None
    try:
        return Checkpoint.from_json(read_json(text))
    except ValueError as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--against") from None


@audit.command()
@click.option(
    "--against",
    type=NamedPath(dir_okay=False, path_type=Path),
    help="A checkpoint file from `audit checkpoint`: also check the ledger still holds it.",
)
@click.option(
    "--sealed-from-start",
    is_flag=True,
    help="The store had its audit key before its first write: an unsealed ledger entry "
    "before the first sealed one is a finding (a ledger rebuilt without the key).",
)
@json_option
@pass_app
def verify(app: App, against: Path | None, sealed_from_start: bool, as_json: bool) -> None:
    """Check every event, case row and ledger entry; exit 1 naming each finding."""
    checkpoint = None if against is None else _load_checkpoint(against)
    report = _audit(app, checkpoint, sealed_from_start=sealed_from_start)
    keyed = getattr(app.desk(read_only=True).storage, "audit_key", None) is not None
    _report(report, as_json, keyed=keyed)
    if report.findings:
        raise click.exceptions.Exit(1)


def _key_files() -> tuple[tuple[str, Path | None], ...]:
    """The key files the environment names: a checkpoint written there loses the key."""
    return tuple(
        (name, Path(os.environ[name]) if os.environ.get(name, "").strip() else None)
        for name in (KEY_FILE_VARIABLE, RETIRED_KEYS_VARIABLE)
    )


@audit.command()
@click.option(
    "--out",
    type=NamedPath(dir_okay=False, writable=True),
    callback=named_file,
    help="Write the checkpoint here instead of printing it ('-': print it).",
)
@pass_app
def checkpoint(app: App, out: Path | None) -> None:
    """Export the ledger's head, sealed with the audit key, for a later `verify --against`.

    Refuses (exit 1) while the store has findings: a checkpoint vouches for what it saw.
    """
    report = _audit(app)
    if report.findings:
        for finding in report.findings:
            click.echo(shown(str(finding), lines=False), err=True)
        raise click.ClickException(
            f"{len(report.findings)} findings: no checkpoint taken; investigate them first"
        )
    key = app.desk(read_only=True).storage.audit_key  # type: ignore[attr-defined]
    taken = report.ledger.checkpoint(app.desk(read_only=True).clock.now()).sealed(key)
    text = json.dumps(taken.to_json(), indent=2) + "\n"
    if out is None or out == STANDARD_OUTPUT:
        click.echo(text, nl=False)
    else:
        write_output(out, text, "--out", app.db_url, (*app.inputs, *_key_files()))
        entries = _count(taken.entries, "ledger entry", "ledger entries")
        click.echo(f"checkpoint of {entries} written to {undecoded_escaped(str(out))}")
