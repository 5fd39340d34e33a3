"""A mail whose From names several people (``王芳 <wang.fang@a.cn>, 李雷 <li.lei@b.cn>``) is
refused, and its reason quotes the header. The report wrote the mailbox names ``…@`` but kept the rest: the names
of the people who wrote stood in the refused-input section, a row per sender. The quote is
now written ``'…'``, as a complaint's list of contacts is, so they are one row;
``dead-letters list`` still shows each letter whole."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.reports import build_report, open_source
from complaintkit.storage.sqlite import SQLiteStorage

SENDERS = (
    "王芳 <wang.fang@a.cn>, 李雷 <li.lei@b.cn>",
    "赵四 <zhao@c.cn>, 钱五 <qian@d.cn>",
    "Han Meimei <han@e.cn>, Lily <lily@f.cn>",
)
NAMES = ("王芳", "李雷", "赵四", "钱五", "Han Meimei", "Lily")


def _mbox(senders: tuple[str, ...]) -> str:
    return "\n".join(
        f"From MAILER-DAEMON Thu Nov 26 09:00:00 2026\nFrom: {sender}\n"
        "To: care@shop.example\nSubject: complaint\n"
        "Date: Thu, 26 Nov 2026 09:00:00 +0800\n"
        f"Message-ID: <m{i}@shop.example>\nContent-Type: text/plain; charset=utf-8\n\n"
        "牛奶坏了\n"
        for i, sender in enumerate(senders)
    )


def test_refused_senders_are_counted_by_cause_naming_no_one(tmp_path: Path) -> None:
    (tmp_path / "in.mbox").write_text(_mbox(SENDERS), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    done = CliRunner().invoke(
        build_cli(), ["--db", db, "intake", str(tmp_path / "in.mbox"), "--channel", "email"]
    )
    assert done.exit_code == 3, done.output  # every mail refused, each a dead letter
    storage = SQLiteStorage(db)
    try:
        assert len(storage.dead_letters()) == len(SENDERS)
        with closing(open_source(storage)) as source:
            counted = build_report(source).dead_letters
        listed = "\n".join(letter.reason for letter in storage.dead_letters())
    finally:
        storage.close()
    assert counted == {"From: must hold exactly one address (got '…')": len(SENDERS)}
    assert all(name in listed for name in NAMES)  # each letter keeps its own
