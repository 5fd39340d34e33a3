"""Output to a standard output whose encoding cannot write every character (a Chinese
Windows console or file in GBK, a Latin-1 locale, ``PYTHONIOENCODING``): a complaint's emoji
or Chinese ended the command in a ``UnicodeEncodeError`` traceback, exit 1, the listing cut
off. Text now shows such a character as its escape (``\\U0001f621``), and ``--json`` is
ASCII JSON, which reads back to the same text in any such encoding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage

SUBJECT = "牛奶变质 😡 Über"
TEXT = "买的牛奶过期了 🥛"


@pytest.fixture(name="db", scope="module")
def db_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'cases.db'}"
    with SQLiteStorage(url) as storage:
        Desk(storage=storage).intake(
            {
                "channel": "email",
                "external_id": "m1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "c1"},
                "subject": SUBJECT,
                "text": TEXT,
            }
        )
    return url


def _run(db: str, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "complaintkit", "--db", db, *args],
        check=False,
        capture_output=True,
        timeout=120,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(sys.path),
            "PYTHONIOENCODING": encoding,
            "COLUMNS": "200",
        },
    )


@pytest.mark.parametrize("encoding", ["gbk", "latin-1"])
def test_a_listing_shows_what_the_encoding_cannot_write_as_escapes(db: str, encoding: str) -> None:
    ended = _run(db, encoding, "cases", "list")
    assert ended.returncode == 0, ended.stderr.decode(encoding, "replace")
    assert b"Traceback" not in ended.stderr
    shown = ended.stdout.decode(encoding)
    assert "\\U0001f621" in shown
    assert (
        SUBJECT.replace("😡", "\\U0001f621").encode(encoding, "backslashreplace").decode(encoding)
        in shown
    )


@pytest.mark.parametrize("encoding", ["gbk", "latin-1"])
def test_json_reads_back_to_the_stored_text_in_any_encoding(db: str, encoding: str) -> None:
    ended = _run(db, encoding, "cases", "list", "--json")
    assert ended.returncode == 0, ended.stderr.decode(encoding, "replace")
    [case] = json.loads(ended.stdout.decode(encoding))
    [complaint] = case["complaints"]
    assert (complaint["subject"], complaint["text"]) == (SUBJECT, TEXT)
