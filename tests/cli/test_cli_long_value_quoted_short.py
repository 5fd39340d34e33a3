"""An argument of 100,000 characters (a file's content pasted, ``$(cat big)``) was repeated
whole in the error or warning about it: ``calendar show NAME``, ``outbox requeue ID``,
``--via``, ``report --incident`` and ``report --category`` wrote a line of 100,000
characters to stderr (or into the JSON error). Each now quotes the value as ids are quoted
(``cli.quoted``): its ends and its length, on one short line. A report filter longer than
any stored id (``MAX_ID_CHARS``), which selected nothing with exit 0 and was echoed whole in
the JSON report's scope, is a usage error naming the option."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
HUGE = "q" * 99_990 + "0123456789"
#: The longest line such an error may be: the usage line and a quoted value's ends.
LONGEST_LINE = 300


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('long') / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("LONG1"))
    desk.storage.close()
    return url


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [
        (("calendar", "show", HUGE, "--year", "2026"), 2),
        (("outbox", "requeue", HUGE), 2),
        (("outbox", "requeue", "--all", "--via", HUGE), 0),
        (("report", "--incident", HUGE), 2),
        (("report", "--category", HUGE), 2),
        (("report", "--severity", HUGE), 2),
        (("report", "--channel", HUGE), 2),
        (("report", "--product", HUGE), 2),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_a_huge_value_is_quoted_by_its_ends(
    db: str, command: tuple[str, ...], exit_code: int, as_json: bool
) -> None:
    args = ["--db", db, *command, *(["--json"] if as_json else [])]
    result = CliRunner().invoke(CLI, args, catch_exceptions=False)
    assert result.exit_code == exit_code, result.output[:500]
    longest = max(len(line) for line in result.output.splitlines())
    assert longest <= LONGEST_LINE, result.output[:500]
    assert "qqq" in result.output
    assert "789'" in result.output
    if as_json and result.exit_code == 2:
        assert json.loads(result.stdout)["error"]["exit_code"] == 2
