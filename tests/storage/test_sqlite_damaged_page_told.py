"""A page damaged under what a plugin reads as it is told of a new case (the batch watcher
reading the store's report tables for a recall) was logged as that plugin's failure, with a
traceback per case, and ``intake`` went on and exited 0: the store was damaged, every batch
check was skipped, and nothing said so but a log of tracebacks blaming a built-in plugin.
The store failing is no plugin's bug: the run stops at it, exit 1, with the error naming
the file and what to do; the cases committed before it are kept, and a second run takes
in the rest and opens none of them twice."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_sqlite_damaged_page_advice import damaged_leaf, said_damaged

from complaintkit.cli import build_cli

POLICY = "policies/retail/supermarket.yaml"


def test_intake_stops_at_a_damaged_page_a_plugin_reads_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    damaged_leaf(path, "case_facts")
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps(
                {
                    "channel": "web",
                    "external_id": f"new{n}",
                    "received_at": "2026-11-23T09:30:00+08:00",
                    "customer": {"id": f"c{n}"},
                    "text": "结账时同一笔扣了两次",
                }
            )
            + "\n"
            for n in range(5)
        ),
        encoding="utf-8",
    )
    url = f"sqlite:///{path}"
    result = CliRunner().invoke(
        build_cli(), ["--db", url, "--policy", POLICY, "intake", str(source)]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    said_damaged(result.output, path)
