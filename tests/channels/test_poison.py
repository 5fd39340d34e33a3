"""Hostile records mixed into good ones: every good record is a case, every bad one a dead
letter with its raw bytes, location and reason, and the run goes on."""

from __future__ import annotations

import json
import mailbox
from email import message_from_bytes
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import Rejected, mail_message, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mail import MailChannel
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.poison import POISON_LINES, POISON_MAILS, good_line, good_mail

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

#: The field (or header) each poison line's reason must name.
NAMED = {
    "lone surrogate": "text",
    "NaN": "attributes.score",
    "Infinity amount": "amount.amount",
    "nesting 1000 deep": "line",
    "integer over 4300 digits": "attributes.n",
    "invalid UTF-8": "line",
    "received_at year 1": "received_at",
    "received_at year 9999": "received_at",
    "NUL character": "subject",
    "amount 1e20": "amount.amount",
    "contact list": "customer.contact",
}


def mixed_jsonl(path: Path, poison: list[bytes]) -> Path:
    """Good lines with each poison line after one of them: good, bad, good, bad, …, good."""
    lines = [good_line(0)]
    for n, bad in enumerate(poison, start=1):
        lines += [bad, good_line(n)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("name", sorted(POISON_LINES))
def test_each_poison_line_is_one_dead_letter_naming_its_field(name: str, tmp_path: Path) -> None:
    source = mixed_jsonl(tmp_path / "in.jsonl", [POISON_LINES[name]])
    desk = Desk(storage="memory:")
    summary = take_in(desk, "jsonl", JsonLinesChannel().read(str(source)))
    assert (summary.opened, summary.already_known) == (2, 0)
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "jsonl:in.jsonl:2"
    assert letter.raw == POISON_LINES[name]
    assert letter.reason.startswith(f"{NAMED[name]}: "), letter.reason


def test_poison_lines_dead_lettered_listed_and_retried_after_a_fix(tmp_path: Path) -> None:
    poison = [POISON_LINES[name] for name in sorted(POISON_LINES)]
    source = mixed_jsonl(tmp_path / "in.jsonl", poison)
    db = ["--db", f"sqlite:///{tmp_path / 'cases.db'}"]
    runner = CliRunner()

    result = runner.invoke(CLI, [*db, "intake", "--json", str(source)])
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert (summary["opened"], summary["dead_lettered"]) == (len(poison) + 1, len(poison))

    listed = json.loads(runner.invoke(CLI, [*db, "dead-letters", "list", "--json"]).stdout)
    assert [d["source"] for d in listed] == [f"jsonl:in.jsonl:{2 * n}" for n in range(1, 12)]
    assert all(d["reason"] for d in listed)

    # the fix: the producer rewrites the contact-list line with one address
    contact = next(d for d in listed if d["reason"].startswith("customer.contact"))
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        fixed = POISON_LINES["contact list"].replace(b", attacker@y.example", b"")
        storage.purge_dead_letters([contact["id"]])
        kept_at = storage.dead_letters()[0].at
        assert kept_at is not None
        storage.dead_letter(contact["source"], fixed, contact["reason"], kept_at)
    retried = runner.invoke(CLI, [*db, "dead-letters", "retry", "--all", "--json"])
    assert retried.exit_code == 3  # the others are still refused
    outcomes = {r["source"]: r["outcome"] for r in json.loads(retried.stdout)}
    assert outcomes.pop(contact["source"]) == "taken"
    assert set(outcomes.values()) == {"refused"}
    left = json.loads(runner.invoke(CLI, [*db, "dead-letters", "list", "--json"]).stdout)
    assert len(left) == len(poison) - 1


def test_an_unforeseen_exception_costs_one_record_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = mixed_jsonl(tmp_path / "in.jsonl", [good_line(99).replace(b"late", b"BOOM")])

    def explode(self: JsonLinesChannel, raw: bytes) -> object:
        if b"BOOM" in raw:
            raise RecursionError("maximum recursion depth exceeded")
        return original(self, raw)

    original = JsonLinesChannel.complaint
    monkeypatch.setattr(JsonLinesChannel, "complaint", explode)
    items = list(JsonLinesChannel().read(str(source)))
    assert [type(i).__name__ for i in items] == ["Complaint", "Rejected", "Complaint"]
    rejected = items[1]
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("could not be read: RecursionError")


def test_a_channel_that_raises_midway_keeps_what_it_yielded(tmp_path: Path) -> None:
    def flaky() -> object:
        yield from JsonLinesChannel().read(str(mixed_jsonl(tmp_path / "in.jsonl", [])))
        raise OSError("connection reset by broker")

    desk = Desk(storage="memory:")
    summary = take_in(desk, "broker", flaky())  # type: ignore[arg-type]
    assert summary.opened == 1
    (letter,) = desk.storage.dead_letters()
    assert "stopped after 1 records: OSError" in letter.reason


# --- CSV ------------------------------------------------------------------------------

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}


def test_csv_row_with_one_invalid_byte_is_the_only_dead_letter(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes(
        b"id,date,text\r\n"
        b"1,2026-11-23,parcel late\r\n"
        b'2,2026-11-23,"caf\xff broken"\r\n'
        b"3,2026-11-23,screen cracked\r\n"
    )
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(source)))
    assert summary.opened == 2
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "csv:rows.csv:3"
    assert letter.raw == b'id,date,text\r\n2,2026-11-23,"caf\xff broken"\r\n'
    assert "not valid utf-8" in letter.reason


def test_csv_dead_letter_can_be_read_again_on_its_own(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes(b"id,date,text\n1,2026-11-23,\n2,2026-11-23,ok\n")
    desk = Desk(storage="memory:")
    take_in(desk, "csv", CsvChannel(COLUMNS).read(str(source)))
    (letter,) = desk.storage.dead_letters()
    again = tmp_path / "again.csv"
    again.write_bytes(letter.raw.replace(b"2026-11-23,", b"2026-11-23,now with text"))
    (item,) = CsvChannel(COLUMNS).read(str(again))
    assert not isinstance(item, Rejected)
    assert item.text == "now with text"


# --- e-mail ---------------------------------------------------------------------------


def test_mbox_of_ten_good_and_one_base64_charset_gives_ten_cases_one_dead_letter(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for n in range(5):
        box.add(message_from_bytes(good_mail(n)))
    box.add(message_from_bytes(POISON_MAILS["charset=base64"]))
    for n in range(5, 10):
        box.add(message_from_bytes(good_mail(n)))
    box.close()
    desk = Desk(storage="memory:")
    summary = take_in(desk, "email", MailChannel().read(str(path)))
    assert summary.opened == 10
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "email:inbox.mbox#6"
    assert "'base64', which is not a text charset" in letter.reason
    assert b"charset=base64" in letter.raw


@pytest.mark.parametrize("name", sorted(POISON_MAILS))
def test_each_poison_mail_in_a_maildir_is_one_dead_letter(name: str, tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "inbox")
    for raw in (good_mail(1), POISON_MAILS[name], good_mail(2)):
        folder.add(raw)
    desk = Desk(storage="memory:")
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "inbox")))
    assert summary.opened == 2
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == POISON_MAILS[name]
    header = "Date" if "Date" in name else "Content-Type" if "nesting" in name else "part 0"
    assert letter.reason.startswith(header), letter.reason


def test_deep_mime_past_the_container_count_still_costs_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_message, "MAX_CONTAINERS", 10_000)  # let the parser recurse
    for n, raw in enumerate((good_mail(1), POISON_MAILS["MIME nesting 1000 deep"])):
        (tmp_path / f"{n}.eml").write_bytes(raw)
    items = list(MailChannel(format="eml").read(str(tmp_path)))
    assert [type(i).__name__ for i in items] == ["Complaint", "Rejected"]


def test_stdin_with_an_invalid_byte_costs_one_line(tmp_path: Path) -> None:
    stdin = good_line(1) + b"\n" + POISON_LINES["invalid UTF-8"] + b"\n" + good_line(2) + b"\n"
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(CLI, ["--db", db, "intake", "--json", "-"], input=stdin)
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert (summary["opened"], summary["dead_lettered"]) == (2, 1)
    assert summary["dead_letters"][0]["source"] == "<stdin>:2"
