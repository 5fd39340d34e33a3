"""Any text in a command's free-form arguments ends in an exit code — 0, 1 or 2 — with a
one-line error, never a traceback; with ``--json`` the output is JSON either way."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
#: Commands with a slot (X) for any text.
COMMANDS: list[tuple[str, ...]] = [
    ("cases", "show", "X"),
    ("cases", "list", "--customer", "X"),
    ("cases", "list", "--owner", "X"),
    ("cases", "list", "--due-within", "X"),
    ("cases", "respond", "X", "X", "--actor", "li.na"),
    ("cases", "note", "CASE", "X", "--actor", "X"),
    ("cases", "move", "CASE", "investigating", "--reason", "X", "--actor", "li.na"),
    ("cases", "explain", "X"),
    ("tick", "--now", "X"),
    ("dead-letters", "show", "X"),
    ("dead-letters", "list", "--source", "X"),
    ("outbox", "--case", "X"),
    ("report", "--since", "X"),
    ("report", "--until", "X"),
    ("report", "--category", "X"),
    ("report", "--by", "X"),
    ("report", "--incident", "X"),
]
texts = st.text(max_size=30) | st.sampled_from(
    ["", " ", "-", "--json", "²", "9" * 5000, "2026-13-45", "2026-11-23T09:00:00", "1e9h", "\x00"]
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("CLI1"))
    desk.intake(make_complaint("CLI2", customer="C2"))
    desk.storage.close()
    return url, case.id


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), text=texts, as_json=st.booleans())
def test_any_text_in_any_argument_is_an_exit_code(
    store: tuple[str, str], command: tuple[str, ...], text: str, as_json: bool
) -> None:
    url, case_id = store
    args = [text if part == "X" else case_id if part == "CASE" else part for part in command]
    args = ["--db", url, *args, *(["--json"] if as_json else [])]
    result = CliRunner().invoke(CLI, args, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if as_json and result.exit_code != 2 and result.stdout.strip():
        json.loads(result.stdout)
