"""A long value given on the command line was repeated whole in the error about it, up to
the 2,000 characters an error line is cut to: ``--policy`` naming a path of 5,000
characters gave an error line of 2,033. Every error now shows such a value by its start and
end, saying how much was left out (``cli.given_values``), wherever it repeats it: a path
that does not exist, one the system refuses as too long, a folder an output goes in, a
value of ``COMPLAINTKIT_POLICY``, and the ``--json`` error's message alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
NAME = "start-" + "a" * 5_000 + "-end"
#: The longest line such an error may be: its own words and the value's ends.
LONGEST_LINE = 420


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("long")


@pytest.fixture(scope="module")
def db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'cases.db'}"
    Desk(storage=url).storage.close()
    return url


def commands(long: str) -> list[list[str]]:
    return [
        ["--policy", long, "tick"],
        ["intake", long],
        ["report", "--html", long],
        ["demo", "--out", long],
        ["explain", long, long],
        ["validate", long],
        ["audit", "checkpoint", "--out", long],
        ["test", long],
        ["replay", long],
        ["schema", "--out", long],
        ["schema", f"--out={long}"],
        ["cases", "export", "CK-1", "--out", f"{long}/case.json"],
    ]


def longest(result: Result) -> int:
    return max(len(line) for line in result.output.splitlines())


@pytest.mark.parametrize("index", range(len(commands(""))))
@pytest.mark.parametrize("where", ["absolute", "relative"])
def test_a_long_value_is_shown_by_its_ends_in_the_error(
    db: str, folder: Path, index: int, where: str
) -> None:
    long = str(folder / NAME) if where == "absolute" else NAME
    result = CliRunner().invoke(CLI, ["--db", db, *commands(long)[index]])
    assert result.exit_code in (1, 2), result.output[:500]
    assert "Traceback" not in result.output
    assert longest(result) <= LONGEST_LINE, result.output[:3000]
    assert "characters left out" in result.output
    assert "-end" in result.output


@pytest.mark.parametrize("index", [1, 2, 4, 5])
def test_the_json_error_shows_it_by_its_ends_too(db: str, folder: Path, index: int) -> None:
    args = [*commands(str(folder / NAME))[index], "--json"]
    result = CliRunner().invoke(CLI, ["--db", db, *args])
    error = json.loads(result.stdout)["error"]
    assert len(error["message"]) <= LONGEST_LINE, error["message"][:3000]
    assert "characters left out" in error["message"]


def test_a_long_variable_is_shown_by_its_ends(db: str, folder: Path) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", db, "tick"], env={"COMPLAINTKIT_POLICY": str(folder / NAME)}
    )
    assert result.exit_code == 2
    assert longest(result) <= LONGEST_LINE, result.output[:3000]
    assert "characters left out" in result.output
