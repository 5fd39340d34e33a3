"""``dead-letters list`` shows when each letter was refused on the policy's home clock, its
offset saying so, as ``cases list`` and the report show instants: a letter refused at
21:58 in Shanghai read ``13:58`` with no zone, UTC's wall clock, which staff there took
for their own afternoon."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.policies import MINIMAL_POLICY

SHANGHAI_POLICY = MINIMAL_POLICY + (
    "calendars:\n"
    "  office: {timezone: Asia/Shanghai, hours: {mon-sun: ['00:00-24:00']}}\n"
    "sla: {calendar: office, metrics: {}, targets: []}\n"
)
AT = datetime(2026, 12, 6, 13, 58, tzinfo=UTC)  # 21:58 in Shanghai


def test_letters_are_listed_on_the_policy_clock(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        storage.dead_letter("jsonl:in.jsonl:1", b"{", "line: is not JSON", AT)
        (letter,) = storage.dead_letters()
        storage.refused_on_retry(letter, "line: is not JSON", AT.replace(hour=15))
    policy = tmp_path / "policy.yaml"
    policy.write_text(SHANGHAI_POLICY, encoding="utf-8")
    done = CliRunner().invoke(
        build_cli(), ["--db", db, "--policy", str(policy), "dead-letters", "list"]
    )
    assert done.exit_code == 0, done.output
    assert "2026-12-06 21:58 +0800  jsonl:in.jsonl:1" in done.output
    assert "(retried once, last 2026-12-06 23:58 +0800)" in done.output
