"""Hostile intake on PostgreSQL: the same outcome as on SQLite, and honest histories verify."""

from __future__ import annotations

import hashlib
import json
import mailbox
import os
import signal
import subprocess
import sys
from email import message_from_bytes
from pathlib import Path

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage

from complaintkit.cli import build_cli
from complaintkit.model.audit import verify_chain
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.poison import (
    POISON_LINES,
    POISON_MAILS,
    good_line,
    good_mail,
    good_record,
)

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=True)))


def mixed(path: Path) -> Path:
    lines = [good_line(0)]
    for n, name in enumerate(sorted(POISON_LINES), start=1):
        lines += [POISON_LINES[name], good_line(n)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def outcome(db: str, source: Path) -> tuple[int, dict[str, object], list[tuple[str, str]]]:
    runner = CliRunner()
    result = runner.invoke(CLI, ["--db", db, "intake", "--json", str(source)])
    listed = runner.invoke(CLI, ["--db", db, "dead-letters", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    letters = [(d["source"], d["reason"]) for d in json.loads(listed.stdout)]
    summary = json.loads(result.stdout)
    return result.exit_code, {k: summary[k] for k in ("opened", "dead_lettered")}, letters


def test_poison_lines_give_the_same_outcome_as_on_sqlite(postgres_url: str, tmp_path: Path) -> None:
    source = mixed(tmp_path / "in.jsonl")
    on_postgres = outcome(postgres_url, source)
    on_sqlite = outcome(f"sqlite:///{tmp_path / 'cases.db'}", source)
    assert on_postgres == on_sqlite
    assert on_postgres[:2] == (
        3,
        {"opened": len(POISON_LINES) + 1, "dead_lettered": len(POISON_LINES)},
    )


@pytest.mark.parametrize("text", ["NUL \x00 inside", "lone \ud800 surrogate"])
def test_nul_and_surrogates_in_any_text_field_are_refused_not_a_crash(
    postgres_url: str, tmp_path: Path, text: str
) -> None:
    record = good_record(1, customer={"id": "c1", "name": text})
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, summary, letters = outcome(postgres_url, source)
    assert (code, summary) == (3, {"opened": 0, "dead_lettered": 1})
    assert letters[0][1].startswith("customer.name: holds a")


def test_audit_verify_is_clean_after_numbers_jsonb_would_rewrite(
    postgres_url: str, tmp_path: Path
) -> None:
    literals = ["1e20", "-0.0", "1.5e300", "0.1", "1.5e-7", "123456789012345678901234567890"]
    lines = []
    for n, literal in enumerate(literals):
        for where in ("attributes", "amount"):
            record = good_record(n, external_id=f"N-{n}-{where}")
            if where == "amount":
                record["amount"] = {"amount": "__N__", "currency": "CNY"}
            else:
                record["attributes"] = {"value": "__N__", "nested": ["__N__"]}
            lines.append(json.dumps(record).replace('"__N__"', literal))
    source = tmp_path / "numbers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    taken = runner.invoke(CLI, ["--db", postgres_url, "intake", "--json", str(source)])
    summary = json.loads(taken.stdout)
    # every attribute is taken; an amount is read from the text written, as one in quotes:
    # -0.0 and 0.1 are taken, 1e20, 1.5e300 and 30 digits are out of range, and 1.5e-7 is
    # finer than CNY is paid in
    refused_amounts = {d["source"] for d in summary["dead_letters"]}
    assert summary["opened"] == len(literals) + 2
    assert len(refused_amounts) == 4
    verified = runner.invoke(CLI, ["--db", postgres_url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    report = json.loads(verified.stdout)
    assert (report["checked"], report["broken"]) == (summary["opened"], [])


def test_mbox_of_ten_good_and_one_poison_mail_on_postgres(
    postgres_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for n in range(10):
        box.add(message_from_bytes(good_mail(n)))
        if n == 4:
            box.add(message_from_bytes(POISON_MAILS["charset=base64"]))
    box.close()
    result = CliRunner().invoke(
        CLI, ["--db", postgres_url, "intake", "--channel", "email", "--json", str(path)]
    )
    summary = json.loads(result.stdout)
    assert (result.exit_code, summary["opened"], summary["dead_lettered"]) == (3, 10, 1)
    assert summary["dead_letters"][0]["source"] == "inbox.mbox#6"


BATCH_INTAKE = """
import sys
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
desk = Desk(storage=Plugins().open_storage(sys.argv[1]))
for start in range(0, 20_000, 100):
    desk.intake_many([{
        "channel": "bulk", "external_id": f"X{n:05d}", "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": f"C{n % 97}"}, "text": f"第{n}号投诉 𠮷野家 😀",
    } for n in range(start, start + 100)])
    print(start + 100, flush=True)
"""


@pytest.mark.slow
def test_a_killed_batched_intake_keeps_every_acknowledged_complaint_whole(
    postgres_url: str,
) -> None:
    """SIGKILL part-way through intake_many: every batch acknowledged is stored, each case
    whole (its events chain to the version its row holds), and the audit is clean."""
    writer = subprocess.Popen(
        [sys.executable, "-c", BATCH_INTAKE, postgres_url], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    acknowledged = 0
    while acknowledged < 500:
        acknowledged = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    acknowledged = max([acknowledged, *(int(line) for line in writer.stdout)])
    writer.wait()
    writer.stdout.close()
    with PostgresStorage(postgres_url) as storage:
        ids = list(storage.case_ids())
        assert acknowledged <= len(ids) < 20_000, "the kill must land part-way"
        assert len(ids) % 100 == 0, "a batch is stored whole or not at all"
        keys = {storage.get(case_id).complaint.external_id for case_id in ids}
        assert {f"X{n:05d}" for n in range(acknowledged)} <= keys
        for case_id in ids[:: len(ids) // 50]:
            events = storage.events(case_id)
            assert verify_chain(case_id, events) is None
            assert len(events) == storage.get(case_id).version
    verified = CliRunner().invoke(CLI, ["--db", postgres_url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output


def test_a_record_refused_with_a_long_reason_is_kept_as_on_sqlite(
    postgres_url: str, tmp_path: Path
) -> None:
    """A reason quoting a long cell (kilobytes of text that does not compress) was more
    than PostgreSQL's index on dead letters takes: the letter could not be kept and the run
    ended there, at that row, however often it was run again."""
    cell = "".join(hashlib.sha256(str(n).encode()).hexdigest() for n in range(100))
    source = tmp_path / "rows.csv"
    source.write_text(f"id,date,text\n1,{cell},broken\n2,2026-11-23,fine\n", encoding="utf-8")
    mapping = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    mapping += ["-o", "columns.text=text"]

    def run(db: str) -> tuple[int, object, list[tuple[str, str]]]:
        runner = CliRunner()
        args = ["--db", db, "intake", "--json", "--channel", "csv", *mapping, str(source)]
        result = runner.invoke(CLI, args)
        listed = runner.invoke(CLI, ["--db", db, "dead-letters", "list", "--json"])
        letters = [(d["source"], d["reason"]) for d in json.loads(listed.stdout)]
        summary = json.loads(result.stdout) if result.exit_code == 3 else result.output
        return result.exit_code, summary, letters

    on_postgres, on_sqlite = run(postgres_url), run(f"sqlite:///{tmp_path / 'cases.db'}")
    assert on_postgres == on_sqlite
    assert on_postgres[0] == 3
    assert cell[:60] in on_postgres[2][0][1]  # quoted, cut short (complaintkit.brief)
    assert run(postgres_url)[2] == on_postgres[2]  # run again: the letter is kept once
