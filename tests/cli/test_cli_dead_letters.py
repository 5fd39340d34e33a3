"""``complaintkit dead-letters list|show|retry|purge``."""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.poison import POISON_MAILS, good_mail
from complaintkit.testing.server import running_server
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> str:
    SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}").close()  # an empty store
    return f"sqlite:///{tmp_path / 'cases.db'}"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(CLI, ["--db", db, "dead-letters", *args])


def test_list_show_and_purge(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(POISON_MAILS["charset=zlib"])
    (folder / "b.eml").write_bytes(good_mail(1))
    intake = CliRunner().invoke(CLI, ["--db", db, "intake", "--channel", "email", str(folder)])
    assert intake.exit_code == 3
    (listed,) = json.loads(run(db, "list", "--json").stdout)
    assert listed["source"] == "email:a.eml"
    assert "'zlib', which is not a text charset" in listed["reason"]
    raw = run(db, "show", str(listed["id"]), "--raw")
    assert raw.stdout_bytes == POISON_MAILS["charset=zlib"]
    shown = json.loads(run(db, "show", str(listed["id"]), "--json").stdout)
    assert shown["reason"] == listed["reason"]
    assert run(db, "purge", str(listed["id"])).output == "1 dead letters purged\n"
    assert run(db, "list").output == "no dead letters\n"


def test_retry_of_a_still_bad_record_keeps_it_and_exits_3(db: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"external_id": "x"}\n', encoding="utf-8")
    CliRunner().invoke(CLI, ["--db", db, "intake", str(source)])
    retried = run(db, "retry", "--all", "--json")
    assert retried.exit_code == 3
    (outcome,) = json.loads(retried.stdout)
    assert outcome["outcome"] == "refused"
    assert "channel: is required" in outcome["reason"]
    assert len(json.loads(run(db, "list", "--json").stdout)) == 1


def test_retry_skips_failed_deliveries(db: str) -> None:
    with SQLiteStorage(db) as storage:
        storage.dead_letter("notify:webhook", b"{}", "HTTP 500", AT)
    (outcome,) = json.loads(run(db, "retry", "--all", "--json").stdout)
    assert outcome["outcome"] == "skipped"


def test_retry_of_an_http_body_reads_it_as_the_server_would(db: str) -> None:
    body = {"external_id": "H-1", "customer": {"id": "c"}, "text": "漏水", "channel": "web"}
    with SQLiteStorage(db) as storage:
        storage.dead_letter("http:web:0123abcd", json.dumps(body).encode(), "policy bug", AT)
    (outcome,) = json.loads(run(db, "retry", "--all", "--json").stdout)
    assert outcome["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        case = storage.find_by_key("web", "H-1")
        assert case is not None
        assert case.complaint.received_at == AT  # when it first arrived


def test_a_letter_whose_instant_is_no_instant_is_listed_shown_retried_and_purged(
    db: str,
) -> None:
    """An ``at`` edited to what is no instant failed every command reading the letters (a
    report too): the letter shows its instant as unknown, and is handled like any other."""
    body = {"external_id": "H-2", "customer": {"id": "c"}, "text": "漏水", "channel": "web"}
    with SQLiteStorage(db) as storage:
        storage.dead_letter("csv:rows.csv:3", b"a,b", "text: is blank", AT)
        storage.dead_letter("http:web:0123abcd", json.dumps(body).encode(), "policy bug", AT)
    with closing(sqlite3.connect(db.removeprefix("sqlite:///"))) as raw, raw:
        raw.execute("UPDATE dead_letters SET at = 'yesterday'")
    first, second = json.loads(run(db, "list", "--json").stdout)
    assert (first["source"], first["at"], second["at"]) == ("csv:rows.csv:3", None, None)
    listed = run(db, "list")
    assert (listed.exit_code, listed.output.splitlines()[0].split()[:2]) == (0, ["1", "unknown"])
    assert "at: unknown (the stored instant is not one)" in run(db, "show", "1").output
    assert json.loads(run(db, "show", "1", "--json").stdout)["at"] is None
    report = CliRunner().invoke(CLI, ["--db", db, "report", "--json"])
    assert report.exit_code == 0, report.output
    retried = json.loads(run(db, "retry", str(second["id"]), "--json").stdout)
    assert retried[0]["outcome"] == "taken"  # received when retried: when it came is unknown
    assert run(db, "purge", "--all").output == "1 dead letters purged\n"


def test_unknown_ids_and_missing_selection_are_usage_errors(db: str) -> None:
    assert run(db, "show", "99").exit_code == 2
    assert run(db, "retry").exit_code == 2
    assert run(db, "purge").exit_code == 2


def test_count_groups_by_channel_and_the_field_the_reason_names(db: str) -> None:
    with SQLiteStorage(db) as storage:
        storage.dead_letter("jsonl:a.jsonl:1", b"", "customer.contact: must be exactly one", AT)
        storage.dead_letter("jsonl:a.jsonl:4", b"", "customer.contact: must be exactly one", AT)
        storage.dead_letter("email:a.eml", b"", "Date: 'x' is not an RFC 5322 date", AT)
        storage.dead_letter("notify:webhook", b"", "receiver answered 500", AT)
    counted = json.loads(run(db, "count", "--json").stdout)
    assert counted == [
        {"channel": None, "source": "jsonl", "cause": "customer.contact", "count": 2},
        {"channel": None, "source": "notify", "cause": "receiver answered 500", "count": 1},
        {"channel": "email", "source": None, "cause": "Date", "count": 1},
    ]
    assert run(db, "count").output.splitlines()[-1] == "4 dead letters"


def test_a_complaint_refused_after_reading_is_retried_from_its_json(
    db: str, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(good_mail(1))
    with SQLiteStorage(db) as storage:  # another customer's complaint holds the key
        squatter = {
            "channel": "email",
            "external_id": "m1@example.com",
            "received_at": AT.isoformat(),
            "customer": {"id": "squatter"},
            "text": "first",
        }
        Desk(storage=storage).intake(squatter)
    intake = CliRunner().invoke(CLI, ["--db", db, "intake", "--channel", "email", str(folder)])
    assert intake.exit_code == 3
    (letter,) = json.loads(run(db, "list", "--json").stdout)
    assert letter["source"] == "complaint:email:m1@example.com (a.eml)"  # where it was read
    (outcome,) = json.loads(run(db, "retry", "--all", "--json").stdout)
    assert outcome["outcome"] == "refused"
    assert "already held by another customer" in outcome["reason"]


def test_retrying_a_409_keeps_the_letter_instead_of_calling_it_already_known(db: str) -> None:
    """A second, different complaint reusing a key over HTTP is refused (409) and kept; a
    retry must refuse it again as the server did, not drop it as a duplicate. (Signed:
    unsigned, such a complaint is a case of its own, ``api.unsigned_keys``.)"""
    secret = "intake-secret-of-the-shop"
    app = create_app(Desk(None, storage=db), secret=secret)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        first = {"external_id": "WX-1", "customer": {"id": "u7"}, "text": "漏水"}
        second = {**first, "text": "second, different complaint"}
        answers = []
        for body in (first, second):
            raw, stamp = json.dumps(body).encode(), int(time.time())
            signed = {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(secret, raw, stamp)}
            answers.append(client.post("/complaints", content=raw, headers=signed))
        conflict = answers[1]
        assert [a.status_code for a in answers] == [201, 409]
    assert "another customer" not in conflict.json()["error"]
    assert "different content" in conflict.json()["error"]
    retried = run(db, "retry", "--all", "--json")
    assert retried.exit_code == 3
    (outcome,) = json.loads(retried.stdout)
    assert outcome["outcome"] == "refused"
    assert "different content" in outcome["reason"]
    (kept,) = json.loads(run(db, "list", "--json").stdout)
    assert json.loads(run(db, "show", str(kept["id"]), "--raw").stdout_bytes) == second


def test_retry_all_goes_on_past_a_letter_it_cannot_read_again(db: str) -> None:
    good = {"channel": "web", "external_id": "J-1", "customer": {"id": "c"}, "text": "late"}
    good["received_at"] = AT.isoformat()
    with SQLiteStorage(db) as storage:
        storage.dead_letter("csv:after record 0", b"", "the channel stopped", AT)
        storage.dead_letter("jsonl:in.jsonl:2", json.dumps(good).encode(), "policy bug", AT)
    retried = run(db, "retry", "--all")
    assert retried.exit_code == 3
    lines = retried.stdout.splitlines()
    assert "refused" in lines[0]
    assert "complaintkit-retry-" not in retried.output  # no temporary file named
    assert "taken" in lines[1]
    assert lines[-1] == "1 taken, 1 refused, 0 skipped"
    (kept,) = json.loads(run(db, "list", "--json").stdout)
    assert kept["source"] == "csv:after record 0"


def test_a_letter_the_channel_cannot_open_is_refused_under_its_own_name(db: str) -> None:
    with SQLiteStorage(db) as storage:
        storage.dead_letter(
            "csv:rows.csv:2", b"x,y\n1,2\n", "text: column 'narrative' is blank", AT
        )
    mapping = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    retried = run(db, "retry", "--all", "--json", *mapping, "-o", "columns.text=narrative")
    assert retried.exit_code == 3
    (outcome,) = json.loads(retried.stdout)
    assert outcome["outcome"] == "refused"
    assert "csv:rows.csv:2" in outcome["reason"]
    assert "complaintkit-retry-" not in outcome["reason"]


def test_an_import_run_twice_keeps_each_refused_row_once(db: str, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,date,narrative\n1,2026-11-23,\n2,2026-11-23,late\n", encoding="utf-8")
    mapping = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    args = ["--db", db, "intake", "--channel", "csv", *mapping, "-o", "columns.text=narrative"]
    for _ in range(2):
        assert CliRunner().invoke(CLI, [*args, str(rows)]).exit_code == 3
    assert len(json.loads(run(db, "list", "--json").stdout)) == 1


def test_retry_reads_with_the_channel_options_the_intake_used(db: str, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,date,narrative,issue\n2,2026-11-23,,Late delivery\n", encoding="utf-8")
    mapping = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    args = ["--db", db, "intake", "--channel", "csv", "-o", "channel=old-desk", *mapping]
    intake = CliRunner().invoke(CLI, [*args, "-o", "columns.text=narrative", str(rows)])
    assert intake.exit_code == 3
    (letter,) = json.loads(run(db, "list", "--json").stdout)
    assert letter["source"].startswith("csv:rows.csv:2")
    retried = run(db, "retry", "--all", "--json", "-o", "columns.text=narrative|issue")
    assert json.loads(retried.stdout)[0]["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        assert storage.find_by_key("old-desk", "2") is not None
        assert storage.find_by_key("csv", "2") is None


def test_count_cuts_a_long_cause_like_every_one_row_view(db: str) -> None:
    """A failed delivery's reason is its cause: a receiver's 100,000-character answer was
    printed on one line, burying the other rows (JSON keeps it whole)."""
    reason = "gave up after 8 attempt(s): " + "x" * 100_000
    with SQLiteStorage(db) as storage:
        storage.dead_letter("notify:hook", b"{}", reason, AT)
    rows = run(db, "count").output.splitlines()
    assert max(len(row) for row in rows) < 500
    assert "more characters" in rows[0]
    assert json.loads(run(db, "count", "--json").stdout)[0]["cause"] == reason


@pytest.mark.parametrize("format", ["maildir", "mbox", "eml"])
def test_a_mail_letter_is_read_again_whatever_container_it_came_from(
    db: str, tmp_path: Path, format: str
) -> None:
    """The letter holds one message, not the container: kept with -o format=maildir, its
    retry opened the message's file as a Maildir ('NotADirectoryError: …/cur'), every time."""
    source = tmp_path / "inbox"
    if format == "maildir":
        for sub in ("cur", "new", "tmp"):
            (source / sub).mkdir(parents=True)
        (source / "new" / "1.msg").write_bytes(POISON_MAILS["charset=zlib"])
    elif format == "mbox":
        source.write_bytes(b"From a@b.c Mon Nov 23 09:00:00 2026\n" + POISON_MAILS["charset=zlib"])
    else:
        source.write_bytes(POISON_MAILS["charset=zlib"])
    args = ["--db", db, "intake", "--channel", "email", "-o", f"format={format}", str(source)]
    assert CliRunner().invoke(CLI, args).exit_code == 3
    (letter,) = json.loads(run(db, "list", "--json").stdout)
    (outcome,) = json.loads(run(db, "retry", "--all", "--json").stdout)
    assert (outcome["outcome"], outcome["reason"]) == ("refused", letter["reason"])


def _jsonl(*rows: tuple[str, str, str]) -> str:
    return "".join(
        json.dumps(
            {
                "channel": "csv",
                "external_id": key,
                "received_at": "2026-10-02T09:00:00+00:00",
                "customer": {"id": who},
                "text": text,
            }
        )
        + "\n"
        for key, who, text in rows
    )


@pytest.mark.parametrize(
    ("name", "channel", "rows", "lines"),
    [
        (
            "again.csv",
            "csv",
            'id,when,text,who\nT-1,2026-10-02,Mouldy bread,C9\nT-2,2026-10-02,"Sour\nmilk",C2\n',
            (2, 3),
        ),
        (
            "again.jsonl",
            "jsonl",
            _jsonl(("T-1", "C9", "Mouldy bread"), ("T-2", "C2", "Sour")),
            (1, 2),
        ),
    ],
)
def test_a_complaint_the_desk_refuses_after_a_file_read_it_is_listed_and_retried_by_line(
    db: str, tmp_path: Path, name: str, channel: str, rows: str, lines: tuple[int, int]
) -> None:
    """T-1 is held by another customer, T-2 by the same customer with another text: each
    is a dead letter named by the file and line it was read from, in list and in retry."""
    columns = tmp_path / "cols.json"
    columns.write_text(
        '{"external_id": "id", "received_at": "when", "text": "text", "customer.id": "who"}',
        encoding="utf-8",
    )
    first = tmp_path / "first.csv"
    first.write_text(
        "id,when,text,who\nT-1,2026-10-02,Mouldy bread,C1\nT-2,2026-10-02,Sour milk,C2\n",
        encoding="utf-8",
    )
    (tmp_path / name).write_text(rows, encoding="utf-8")
    intake = ["--db", db, "intake", "-o", f"columns={columns}"]
    assert CliRunner().invoke(CLI, [*intake, "--channel", "csv", str(first)]).exit_code == 0
    options = ["--channel", "csv", "-o", f"columns={columns}"] if channel == "csv" else []
    again = CliRunner().invoke(CLI, ["--db", db, "intake", *options, str(tmp_path / name)])
    assert again.exit_code == 3
    places = [
        f"complaint:csv:{key} ({name}:{line})"  # the key's channel, whichever read it
        for key, line in zip(("T-1", "T-2"), lines, strict=True)
    ]
    listed = run(db, "list").output.splitlines()
    assert [" ".join(line.split()[4:6]) for line in listed] == places
    assert "already held by another customer" in listed[0]
    assert "reused with different content" in listed[1]
    retried = run(db, "retry", "--all").output.splitlines()
    assert [" ".join(line.split()[2:4]) for line in retried[:2]] == places
    assert retried[2] == "0 taken, 2 refused, 0 skipped"
