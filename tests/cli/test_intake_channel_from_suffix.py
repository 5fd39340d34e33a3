"""``complaintkit intake`` without ``--channel`` reads a source by what its name says it is:
a CSV file through the CSV channel, an e-mail or mailbox through the mail channel. Read as
JSON lines, every row of a CSV export became a dead letter ("is not JSON") — a million rows,
a million letters to retry."""

import json
import sqlite3
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(url).close()
    return url


def stored(url: str) -> tuple[int, int]:
    """Cases and dead letters in the store."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        (cases,) = db.execute("SELECT count(*) FROM cases").fetchone()
        (letters,) = db.execute("SELECT count(*) FROM dead_letters").fetchone()
    return cases, letters


CSV_HEADER = "id,date,customer,narrative\n"
#: The CSV channel reads by a column mapping, named as ``-o`` options.
MAPPING = (
    "-o",
    "columns.external_id=id",
    "-o",
    "columns.received_at=date",
    "-o",
    "columns.customer.id=customer",
    "-o",
    "columns.text=narrative",
)


def csv_rows(count: int, delimiter: str = ",") -> str:
    rows = [
        delimiter.join((f"R{n}", "2026-11-23T09:00:00+08:00", f"C{n}", f"第{n}件 late"))
        for n in range(count)
    ]
    return CSV_HEADER.replace(",", delimiter) + "\n".join(rows) + "\n"


@pytest.mark.parametrize("name", ["rows.csv", "ROWS.CSV"])
def test_a_csv_file_is_read_through_the_csv_channel(db: str, tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_text(csv_rows(3), encoding="utf-8")
    result = run("--db", db, "intake", str(source), *MAPPING)
    assert result.exit_code == 0, result.output
    assert stored(db) == (3, 0)
    assert "csv channel" in result.stderr  # says which channel it chose, and why


def test_a_tab_separated_file_is_read_by_tabs(db: str, tmp_path: Path) -> None:
    source = tmp_path / "rows.tsv"
    source.write_text(csv_rows(2, "\t"), encoding="utf-8")
    result = run("--db", db, "intake", str(source), *MAPPING)
    assert result.exit_code == 0, result.output
    assert stored(db) == (2, 0)


def test_a_delimiter_given_for_a_tsv_file_is_kept(db: str, tmp_path: Path) -> None:
    source = tmp_path / "rows.tsv"  # named .tsv, written with semicolons: the option says so
    source.write_text(csv_rows(2, ";"), encoding="utf-8")
    result = run("--db", db, "intake", str(source), *MAPPING, "-o", "delimiter=;")
    assert result.exit_code == 0, result.output
    assert stored(db) == (2, 0)


def test_a_csv_file_without_a_mapping_is_refused_whole(db: str, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(csv_rows(3), encoding="utf-8")
    result = run("--db", db, "intake", str(source))
    assert result.exit_code == 1
    assert "columns" in result.stderr
    assert stored(db) == (0, 0)  # no row dead-lettered: the run never began


@pytest.mark.parametrize("name", ["letter.eml", "inbox.mbox"])
def test_a_mail_file_is_read_through_the_mail_channel(db: str, tmp_path: Path, name: str) -> None:
    message = EmailMessage()
    message["From"] = "王芳 <wang@example.com>"
    message["To"] = "service@shop.example"
    message["Subject"] = "外卖送错了"
    message["Date"] = "Mon, 23 Nov 2026 09:30:00 +0800"
    message["Message-ID"] = "<m1@example.com>"
    message.set_content("我点的是牛肉面,送来的是米饭。")
    data = message.as_bytes()
    if name.endswith(".mbox"):
        data = b"From wang@example.com Mon Nov 23 09:30:00 2026\n" + data
    source = tmp_path / name
    source.write_bytes(data)
    result = run("--db", db, "intake", str(source))
    assert result.exit_code == 0, result.output
    assert stored(db) == (1, 0)
    assert "email channel" in result.stderr


def test_a_maildir_is_read_through_the_mail_channel(db: str, tmp_path: Path) -> None:
    maildir = tmp_path / "inbox"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    message = EmailMessage()
    message["From"] = "sam@example.com"
    message["Subject"] = "Late parcel"
    message["Date"] = "Mon, 23 Nov 2026 09:30:00 +0000"
    message["Message-ID"] = "<m2@example.com>"
    message.set_content("My parcel is two weeks late.")
    (maildir / "new" / "1.eml").write_bytes(message.as_bytes())
    result = run("--db", db, "intake", str(maildir))
    assert result.exit_code == 0, result.output
    assert stored(db) == (1, 0)


@pytest.mark.parametrize("name", ["complaints.jsonl", "complaints.ndjson", "complaints.txt"])
def test_other_sources_are_read_as_json_lines_and_not_announced(
    db: str, tmp_path: Path, name: str
) -> None:
    source = tmp_path / name
    source.write_text(json.dumps(make_complaint("J1").to_json()) + "\n", encoding="utf-8")
    result = run("--db", db, "intake", str(source))
    assert result.exit_code == 0, result.output
    assert stored(db) == (1, 0)
    assert "channel" not in result.stderr


def test_a_channel_named_is_the_one_used(db: str, tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"  # JSON lines in a file named .csv: --channel decides
    source.write_text(json.dumps(make_complaint("J1").to_json()) + "\n", encoding="utf-8")
    result = run("--db", db, "intake", "--channel", "jsonl", str(source))
    assert result.exit_code == 0, result.output
    assert stored(db) == (1, 0)
    assert "channel" not in result.stderr


def test_stdin_is_read_as_json_lines(db: str) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    line = json.dumps(make_complaint("J1").to_json()) + "\n"
    result = CliRunner().invoke(cli, ["--db", db, "intake", "-"], input=line)
    assert result.exit_code == 0, result.output
    assert stored(db) == (1, 0)
