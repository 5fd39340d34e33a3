"""docs/audit.md's session runs, and prints what the page says it prints."""

from __future__ import annotations

import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

DOC = Path(__file__).parents[2] / "docs" / "audit.md"


def session() -> list[tuple[str, list[str]]]:
    """The page's console block as (command, expected output lines)."""
    (block,) = re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def same_ids(lines: list[str]) -> list[str]:
    return [re.sub(r"CK-[0-9A-Z]+", "CK-…", line) for line in lines]


def test_the_session_on_the_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [make_complaint(f"J{n}", text=f"第{n}件 parcel late").to_json() for n in range(3)]
    Path("complaints.jsonl").write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in lines), encoding="utf-8"
    )
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    for command, expected in session():
        words = shlex.split(command)
        if words[0] == "export":
            env.update(word.partition("=")[::2] for word in words[1:])
            continue
        if words[0] == "complaintkit":
            result = CliRunner().invoke(cli, words[1:], env=env, catch_exceptions=False)
            output = result.output
        elif words[0] == "sqlite3":  # the sqlite3 shell may be missing; the module is not
            with sqlite3.connect(words[1]) as db:
                db.execute(words[2])
            output = ""
        else:  # our own page's shell line, run as written
            done = subprocess.run(
                command,
                shell=True,
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                check=True,
            )
            output = done.stdout
        assert same_ids(output.splitlines()) == same_ids(expected), command
