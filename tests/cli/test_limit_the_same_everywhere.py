"""``--limit`` read differently from command to command: ``outbox --limit
99999999999999999999`` listed every delivery while ``cases list`` refused the same value
("not in the range 1<=x<=9223372036854775807"), and each refused ``0`` in words of its own.
Every ``--limit`` is now one option type: any whole number from its least up (a huge one
lists everything), refused in the same words wherever it is given."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli.examples import commands
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
LISTS = (
    ["cases", "list"],
    ["cases", "list", "--by", "owner"],
    ["outbox"],
    ["dead-letters", "list"],
)
HUGE = "99999999999999999999"


def limits() -> list[tuple[str, click.Option]]:
    return [
        (path, param)
        for path, command in commands(CLI)
        for param in command.params
        if isinstance(param, click.Option) and "--limit" in param.opts
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('limit') / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(
        {
            "channel": "web",
            "external_id": "L-1",
            "received_at": "2026-12-01T10:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "complaint",
        }
    )
    desk.storage.close()
    return url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(CLI, ["--db", db, *args])


def refusal(result: Result) -> str:
    assert result.exit_code == 2, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.output
    return line


def test_every_limit_option_takes_a_huge_number_and_refuses_the_same_values_alike() -> None:
    found = limits()
    assert len(found) >= 4
    for value in (HUGE, "9" * 400):
        for path, param in found:
            assert param.type.convert(value, param, None) >= 1, path
    for value in ("-1", "ten", "1.5", ""):
        said = set()
        for _path, param in found:
            if getattr(param.type, "min", None) != 1:  # replay's: 0 names them all
                continue
            with pytest.raises(click.BadParameter) as refused:
                param.type.convert(value, param, None)
            said.add(refused.value.format_message().split(" is not ")[-1])
        assert len(said) == 1, said


@pytest.mark.parametrize("command", LISTS, ids=" ".join)
def test_a_huge_limit_lists_every_row_on_every_list(db: str, command: list[str]) -> None:
    result = run(db, *command, "--limit", HUGE, "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.parametrize("limit", ["0", "-1", "ten", "-" + "9" * 400])
def test_a_limit_that_is_no_count_is_refused_in_the_same_words_by_every_list(
    db: str, limit: str
) -> None:
    said = {refusal(run(db, *command, "--limit", limit)) for command in LISTS}
    assert len(said) == 1, said
    (line,) = said
    assert "--limit" in line
    assert len(line) < 200


def test_cases_list_lists_its_cases_under_a_huge_limit(db: str) -> None:
    result = run(db, "cases", "list", "--limit", HUGE, "--json")
    listed = json.loads(result.stdout)
    assert [case["complaints"][0]["external_id"] for case in listed] == ["L-1"]
