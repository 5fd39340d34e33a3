"""docs/history.md runs: its files are written out and its commands give the output shown."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "history.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


def commands() -> list[tuple[str, list[str]]]:
    """Each ``$ complaintkit …`` line of the console blocks with the lines shown after it."""
    found: list[tuple[str, list[str]]] = []
    for block in blocks("console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif line.strip():
                found[-1][1].append(line)
    return found


def test_the_history_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (complaints,) = blocks("jsonl")
    (export,) = blocks("csv")
    mapping, candidate = blocks("yaml")
    (tmp_path / "complaints.jsonl").write_text(complaints, encoding="utf-8")
    (tmp_path / "old-desk.csv").write_text(export, encoding="utf-8")
    (tmp_path / "old-desk.yaml").write_text(mapping, encoding="utf-8")
    (tmp_path / "candidates").mkdir()
    (tmp_path / "candidates" / "first-response-4h.yaml").write_text(candidate, encoding="utf-8")
    (tmp_path / "policies").symlink_to(ROOT / "policies")
    monkeypatch.chdir(tmp_path)
    ran = commands()
    assert len(ran) == 6
    for command, shown in ran:
        words = [_case_named(word) for word in shlex.split(command)]
        assert words[0] == "complaintkit"
        result = CliRunner().invoke(build_cli(), words[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}"
        lines = [line.rstrip() for line in result.output.splitlines()]
        for expected in shown:
            assert expected.rstrip() in lines, f"{command}: {expected!r} not in\n{result.output}"
    written = json.loads((tmp_path / "case-T-1.json").read_text(encoding="utf-8"))
    assert written["verdict"]["intact"] is True  # the export --out wrote


def _case_named(word: str) -> str:
    """``$CASE`` as the export example uses it: the id of the imported ticket T-1."""
    if word != "$CASE":
        return word
    listed = CliRunner().invoke(
        build_cli(), ["--db", "sqlite:///history.db", "cases", "list", "--json"]
    )
    found = json.loads(listed.stdout)
    return next(str(row["id"]) for row in found if "milk" in json.dumps(row))
