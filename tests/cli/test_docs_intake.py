"""docs/intake.md runs: its console sessions give the output shown, its Python signs."""

from __future__ import annotations

import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.notify.signing import request_problem
from complaintkit.plugins import Plugins, plugin_manager

DOC = (Path(__file__).parents[2] / "docs" / "intake.md").read_text(encoding="utf-8")
MINUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


def sessions() -> list[tuple[str, list[str]]]:
    """Every ``$ complaintkit …`` command of the console blocks with the lines it prints."""
    out: list[tuple[str, list[str]]] = []
    for block in blocks("console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            else:
                out[-1][1].append(line)
    return out


def test_console_sessions_print_what_the_doc_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (csv_text,) = blocks("csv")
    Path("rows.csv").write_text(csv_text, encoding="utf-8")
    (mbox_text,) = blocks("mbox")
    Path("inbox.mbox").write_text(mbox_text, encoding="utf-8")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    for command, expected in sessions():
        program, *args = shlex.split(command)
        assert program == "complaintkit"
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        printed = MINUTE.sub("<time>", result.output).splitlines()
        assert printed == [MINUTE.sub("<time>", line) for line in expected], command


def test_signing_example_is_accepted() -> None:
    (example,) = [block for block in blocks("python") if "X-Complaintkit-Signature" in block]
    namespace: dict[str, object] = {}
    exec(compile(example, "docs/intake.md", "exec"), namespace)  # our own docs example
    headers = namespace["headers"]
    body = namespace["body"]
    assert isinstance(headers, dict)
    assert isinstance(body, bytes)
    now = datetime.fromtimestamp(int(headers["X-Complaintkit-Timestamp"]), UTC)
    signature, stamp = headers["X-Complaintkit-Signature"], headers["X-Complaintkit-Timestamp"]
    assert request_problem("S", body, signature, stamp, now) is None
