"""A JSON export whose ``received_at`` is written month first (``03/11/2019``), or a mail
folder whose ``Date`` headers a broken client wrote (``Thu, 32 Nov 2026``), has every
record refused quoting its instant (``received_at: '03/11/2019' is not an ISO 8601
timestamp``). The report counted those letters by that quote: a row per day, for one
cause, where ``dead-letters count`` counts one. The instant is now written ``'…'``, as a
CSV column's unread date is, so each cause is one row; ``dead-letters list`` still shows
each instant."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.reports import build_report, open_source
from complaintkit.storage.sqlite import SQLiteStorage

MONTH_FIRST = ("03/11/2019", "03/12/2019", "11/30/2019")
BROKEN_DATES = ("Thu, 32 Nov 2026 09:00:00 +0800", "Fri, 33 Nov 2026 10:00:00 +0800")


def _mbox(dates: tuple[str, ...]) -> str:
    return "\n".join(
        f"From MAILER-DAEMON Thu Nov 26 09:00:00 2026\nFrom: wang@a.cn\n"
        f"To: care@shop.example\nSubject: complaint\nDate: {date}\n"
        f"Message-ID: <m{i}@shop.example>\nContent-Type: text/plain; charset=utf-8\n\n牛奶坏了\n"
        for i, date in enumerate(dates)
    )


def test_unread_instants_of_one_cause_are_one_row(tmp_path: Path) -> None:
    records = [
        {"channel": "web", "external_id": f"w-{i}", "received_at": day, "text": "送错了"}
        | {"customer": {"id": f"c-{i}"}}
        for i, day in enumerate(MONTH_FIRST)
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (tmp_path / "export.jsonl").write_text(lines, encoding="utf-8")
    (tmp_path / "in.mbox").write_text(_mbox(BROKEN_DATES), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    for args in (["export.jsonl"], ["in.mbox", "--channel", "email"]):
        done = CliRunner().invoke(
            build_cli(), ["--db", db, "intake", str(tmp_path / args[0]), *args[1:]]
        )
        assert done.exit_code == 3, done.output
    storage = SQLiteStorage(db)
    try:
        with closing(open_source(storage)) as source:
            counted = build_report(source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert sorted(counted.values()) == [len(BROKEN_DATES), len(MONTH_FIRST)]
    assert "received_at: '…' is not an ISO 8601 timestamp" in counted
    assert all(f"'{day}'" in listed for day in MONTH_FIRST + BROKEN_DATES)
