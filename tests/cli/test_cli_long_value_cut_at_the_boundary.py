"""Any error the CLI ends with — click's own (a choice, a number, a path that does not
exist, an unknown option), a file the system refused (File name too long) — repeated a
100,000-character argument whole, on one line of stderr or in the ``--json`` error's
message. Every error's message is now cut in its middle where the command line's errors
end (``cli.group``), as a dead letter's reason is (``brief``), to ``ERROR_LINE_CHARS`` a line, saying how much was left
out; its start (what is wrong) and end (what to do) stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.errors import ERROR_LINE_CHARS
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
HUGE = "z" * 100_000
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
#: The longest line an error may be: its cut message, the option's name and the JSON key.
LONGEST_LINE = ERROR_LINE_CHARS + 100

COMMANDS = [
    ("cases", "list", "--status", HUGE),
    ("cases", "list", "--limit", HUGE),
    ("cases", "list", f"--{HUGE}"),
    ("tick", "--count", HUGE),
    ("report", "--lang", HUGE),
    ("report", "--html", f"{HUGE}.html"),
    ("explain", HUGE, "c.json"),
    ("intake", HUGE),
    ("intake", "-o", HUGE, "rows.csv"),
    ("demo", "--out", HUGE),
    ("check", POLICY, "--types", HUGE),
    ("dead-letters", "show", HUGE),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c)[:40])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_huge_value_is_cut_in_any_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], as_json: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    SQLiteStorage(db).close()
    args = ["--db", db, *command, *(["--json"] if as_json else [])]
    result = CliRunner().invoke(CLI, args, catch_exceptions=False)
    assert result.exit_code in (1, 2), result.output[:500]
    assert max(len(line) for line in result.output.splitlines()) <= LONGEST_LINE
    assert "characters left out" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["c.db"]  # nothing written
    if as_json:
        assert json.loads(result.stdout)["error"]["exit_code"] == result.exit_code


def test_a_huge_group_option_is_cut(tmp_path: Path) -> None:
    result = CliRunner().invoke(CLI, ["--policy", HUGE, "cases", "list"])
    assert result.exit_code == 2, result.output[:500]
    assert max(len(line) for line in result.output.splitlines()) <= LONGEST_LINE
