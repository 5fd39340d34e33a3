"""``complaintkit intake`` with options the channel cannot use: a one-line error and exit 1,
never a dead letter nobody can retry, never a traceback."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels.read_with import split_options, with_options
from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
MAPPING = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
MAPPING += ["-o", "columns.text=narrative"]
ROWS = "id,date,narrative\n1,2026-11-23,The parcel arrived broken\n"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cases.db'}"


def dead_letters(db: str) -> list[object]:
    listed = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list", "--json"])
    letters: list[object] = json.loads(listed.stdout)
    return letters


@pytest.mark.parametrize(
    "options",
    [
        [*MAPPING, "-o", "delimiter=ab"],
        [*MAPPING, "-o", "encoding=nope"],
        [*MAPPING, "-o", "encoding=rot13"],
        [*MAPPING, "-o", "encoding=idna"],
        [*MAPPING, "-o", "encoding=punycode"],
    ],
)
def test_a_csv_option_the_channel_cannot_use_is_an_error_not_a_dead_letter(
    db: str, tmp_path: Path, options: list[str]
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    result = CliRunner().invoke(
        CLI, ["--db", db, "intake", "--channel", "csv", *options, str(rows)]
    )
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert "complaintkit." not in line  # no internal name (the escaping error handler's)
    assert dead_letters(db) == []


def test_a_folder_that_is_no_maildir_is_an_error_not_a_dead_letter(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir()
    args = ["--db", db, "intake", "--channel", "email", "-o", "format=maildir", str(folder)]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert dead_letters(db) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bad.yaml", b"external_id: id\ntext: [narrative\n"),
        ("bad.json", b'{"external_id": "id",\n "text": }'),
        ("latin.yaml", b"text: caf\xe9\n"),
    ],
)
def test_a_column_mapping_file_that_cannot_be_parsed_is_a_one_line_error(
    db: str, tmp_path: Path, name: str, content: bytes
) -> None:
    (tmp_path / name).write_bytes(content)
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    columns = f"columns={tmp_path / name}"
    result = CliRunner().invoke(
        CLI, ["--db", db, "intake", "--channel", "csv", "-o", columns, str(rows)]
    )
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: column mapping {str(tmp_path / name)!r}: ")
    assert "line " in line


GOOD_MAIL = (
    b"From: a@b.example\r\nMessage-ID: <m1@b>\r\nSubject: s\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n\r\nThe kettle leaks.\r\n"
)
GOOD_LINE = (
    '{"external_id": "A-1", "received_at": "2026-11-23T09:30:00+08:00", '
    '"customer": {"id": "c1"}, "text": "漏水"}\n'
)


@pytest.mark.parametrize("name", ["", "  ", "x" * 257], ids=["empty", "blank", "too-long"])
@pytest.mark.parametrize(
    ("channel", "options", "file", "content"),
    [
        ("csv", MAPPING, "rows.csv", ROWS.encode()),
        ("jsonl", [], "in.jsonl", GOOD_LINE.encode()),
        ("email", [], "a.eml", GOOD_MAIL),
    ],
    ids=["csv", "jsonl", "email"],
)
def test_a_channel_name_no_complaint_can_have_is_an_error_not_a_dead_letter_per_record(
    db: str, tmp_path: Path, name: str, channel: str, options: list[str], file: str, content: bytes
) -> None:
    """'-o channel=' (an unset "$CHANNEL") made every record a dead letter, each refused as
    'channel: is required', though no record was at fault; the server refuses it at start."""
    source = tmp_path / file
    source.write_bytes(content)
    args = ["--db", db, "intake", "--channel", channel, *options, "-o", f"channel={name}"]
    result = CliRunner().invoke(CLI, [*args, str(source)])
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: channel ")
    assert dead_letters(db) == []


def test_an_option_with_bytes_not_utf8_is_kept_with_the_letters_it_refused(
    tmp_path: Path,
) -> None:
    """An argument holding bytes that are not UTF-8 reaches Python as lone surrogates: the
    letters' sources, which keep the options, could not be stored, and the run ended in a
    traceback with its refused records in no letter. (A channel name so written is now
    refused at the start; a column's second choice, say, is not.)"""
    options = {"columns": {"text": "narrative|notes-\udcff"}}  # sys.argv's b"notes-\xff"
    source = with_options("csv:rows.csv:2", options)
    store = SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}")
    store.dead_letter(source, "1,someday,broken", "received_at: not a date", NOW)
    (letter,) = store.dead_letters()
    store.close()
    assert split_options(letter.source) == ("csv:rows.csv:2", options)  # retried so


def test_a_message_piped_in_is_taken_in_and_a_bad_one_kept_as_from_stdin(db: str) -> None:
    """A mail server delivers a message by piping it to a command ('| complaintkit intake
    --channel email -'): it was refused as "mail source '-' does not exist", and lost."""
    args = ["--db", db, "intake", "--channel", "email", "-"]
    taken = CliRunner().invoke(CLI, args, input=GOOD_MAIL)
    assert taken.exit_code == 0, taken.output
    assert taken.stdout.startswith("1 taken in")
    no_id = GOOD_MAIL.replace(b"Message-ID: <m1@b>\r\n", b"")
    refused = CliRunner().invoke(CLI, args, input=no_id)
    assert refused.exit_code == 3, refused.output
    (letter,) = dead_letters(db)
    assert isinstance(letter, dict)
    assert letter["source"] == "email:<stdin>"
    assert "Message-ID" in letter["reason"]
    mbox = b"From a@b.example Mon Nov 23 09:30:00 2026\n" + GOOD_MAIL.replace(b"m1@b", b"m2@b")
    again = CliRunner().invoke(CLI, args, input=mbox)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("1 taken in (1 new")
