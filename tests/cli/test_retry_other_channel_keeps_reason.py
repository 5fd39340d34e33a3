"""``dead-letters retry --channel X`` reading a letter with a channel that is not its own
and failing kept the new failure as the letter's reason: why its own channel refused it
(the header to fix) was lost. The letter keeps its reason; the run says both."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.poison import good_mail

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
REASON = "Message-ID: header is missing; it is the idempotency key"


def _letter(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    raw = good_mail(1).replace(b"Message-ID: <m1@example.com>\r\n", b"")
    with SQLiteStorage(db) as storage:
        storage.dead_letter("email:inbox.mbox#1", raw, REASON, T0)
    return db


def test_a_retry_with_another_channel_keeps_the_letters_reason(tmp_path: Path) -> None:
    db = _letter(tmp_path)
    args = ["--db", db, "dead-letters", "retry", "--all", "--channel", "jsonl"]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 3, result.output
    assert "jsonl" in result.stdout
    assert REASON in result.stdout
    with SQLiteStorage(db) as storage:
        (letter,) = storage.dead_letters()
    assert letter.reason == REASON
    assert letter.retries == 1


def test_the_json_output_says_both_reasons(tmp_path: Path) -> None:
    db = _letter(tmp_path)
    args = ["--db", db, "dead-letters", "retry", "--all", "--channel", "jsonl", "--json"]
    (outcome,) = json.loads(CliRunner().invoke(CLI, args).stdout)
    assert outcome["outcome"] == "refused"
    assert outcome["letter_reason"] == REASON
    assert REASON not in outcome["reason"]


def test_a_retry_with_its_own_channel_keeps_the_cause_that_holds_now(tmp_path: Path) -> None:
    db = _letter(tmp_path)
    with SQLiteStorage(db) as storage:
        storage.refused_again(storage.dead_letters()[0].id, "an older cause")
    CliRunner().invoke(CLI, ["--db", db, "dead-letters", "retry", "--all"])
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters()[0].reason == REASON


def test_a_letter_read_as_several_records_says_where_each_failure_is(tmp_path: Path) -> None:
    """Read as JSON lines, the message's lines were each refused, and the reason said
    'line: is not JSON: …' once per line, naming none of them."""
    db = _letter(tmp_path)
    args = ["--db", db, "dead-letters", "retry", "--all", "--channel", "jsonl", "--json"]
    (outcome,) = json.loads(CliRunner().invoke(CLI, args).stdout)
    assert "(lines 1, 2, 3, 4, 5, 7)" in outcome["reason"]  # line 6 is blank
    assert outcome["reason"].count("is not JSON") == 1
