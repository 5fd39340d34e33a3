"""``dead-letters retry`` SIGKILLed as it removes a letter it took in, on PostgreSQL: the
letter's case and its removal commit together, so the record is a letter still (and the
next retry takes it in), never a case and a letter both. The kill is placed, not timed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

KILLED_AT_PURGE = """
import os, signal, sys
from complaintkit_postgres import PostgresStorage
def die(self, ids):
    os.kill(os.getpid(), signal.SIGKILL)
PostgresStorage.purge_dead_letters = die
from complaintkit.cli import main
sys.argv = ["complaintkit", *sys.argv[1:]]
main()
"""

ROWS = "id,date,narrative,issue\nA-1,2026-11-23T09:00:00+08:00,,the parcel is late\n"
MAPPING = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
FIX = ["-o", "columns.text=narrative|issue"]


def test_a_retry_killed_as_it_removes_the_letter_leaves_no_case(
    postgres_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(ROWS, encoding="utf-8")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=True)))
    intake = ["intake", "--channel", "csv", str(source), *MAPPING, "-o", "columns.text=narrative"]
    refused = CliRunner().invoke(cli, ["--db", postgres_url, *intake])
    assert refused.exit_code == 3, refused.output
    retry = ["--db", postgres_url, "dead-letters", "retry", "--all", *FIX]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_PURGE, *retry], capture_output=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with PostgresStorage(postgres_url) as storage:
        assert (len(storage.dead_letters()), list(storage.case_ids())) == (1, [])
    again = CliRunner().invoke(cli, [*retry, "--json"])
    assert again.exit_code == 0, again.output
    assert [r["outcome"] for r in json.loads(again.stdout)] == ["taken"]
    with PostgresStorage(postgres_url) as storage:
        assert (storage.dead_letters(), len(list(storage.case_ids()))) == ([], 1)
