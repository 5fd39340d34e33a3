"""``complaintkit intake PIPE`` (a named pipe a producer writes complaints into) waited in
silence until a writer opened it: a person who named it by mistake saw a command hang. It
now says on stderr that it reads a named pipe, waiting for a writer, and how to stop; and
it still takes in what the writer writes."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COMPLAINT = {
    "channel": "web",
    "external_id": "PIPE-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c-1"},
    "text": "水管漏水三天了",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_said_and_read(tmp_path: Path) -> None:
    pipe = tmp_path / "complaints.jsonl"
    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("w", encoding="utf-8") as writer:  # waits for the intake to open it
            writer.write(json.dumps(COMPLAINT, ensure_ascii=False) + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{tmp_path / 'c.db'}", "intake", str(pipe)]
    )
    writer.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert "a named pipe" in result.stderr
    assert "Ctrl-C stops" in result.stderr
    assert "1 taken in" in result.stdout


def test_a_file_is_not_said_to_be_a_pipe(tmp_path: Path) -> None:
    source = tmp_path / "complaints.jsonl"
    source.write_text(json.dumps(COMPLAINT, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{tmp_path / 'c.db'}", "intake", str(source)]
    )
    assert result.exit_code == 0, result.output
    assert "named pipe" not in result.stderr
