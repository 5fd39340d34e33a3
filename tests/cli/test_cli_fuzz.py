"""Any text in a command's free-form arguments ends in an exit code — 0, 1 or 2 — with a
one-line error, never a traceback; with ``--json`` the output is JSON either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
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
    ("cases", "respond", "X", "a reply", "--actor", "li.na"),
    ("report", "--since", "X"),
    ("report", "--until", "X"),
    ("report", "--category", "X"),
    ("report", "--by", "X"),
    ("report", "--incident", "X"),
    ("check", "POLICY", "--examples", "X"),
]
texts = st.text(max_size=30) | st.sampled_from(
    [
        "",
        " ",
        "-",
        "--json",
        "²",
        "9" * 5000,
        "2026-13-45",
        "2026-11-23T09:00:00",
        "1e9h",
        "\x00",
        "0",
        "-5",
        "\udcff",  # the byte 0xFF as Python reads an argument that is not UTF-8
        "CK-\udce9t\udce9",
    ]
)


@pytest.mark.parametrize(
    "options",
    [
        ["columns=map.yaml", "columns.external_id=id"],  # a value, then a mapping
        ["columns.external_id=id", "columns=map.yaml"],  # a mapping, then a value
        [".text=narrative"],
        ["columns.=id"],
        ["novalue"],
    ],
)
def test_channel_options_that_contradict_or_lack_a_name_are_usage_errors(
    tmp_path: Path, options: list[str]
) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("id,date,narrative\n1,2026-11-23,late\n", encoding="utf-8")
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "intake", "--channel", "csv"]
    for option in options:
        args += ["-o", option]
    result = CliRunner().invoke(CLI, [*args, str(source)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "--option" in result.output


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    channel=st.sampled_from(["csv", "jsonl", "email", "nope"]),
    options=st.lists(
        st.tuples(
            st.sampled_from(["columns", "columns.text", "timezone", "format", "x.y", ".", ""])
            | st.text(max_size=6),
            st.text(max_size=8),
        ),
        max_size=4,
    ),
)
def test_any_channel_options_are_an_exit_code(
    store: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    channel: str,
    options: list[tuple[str, str]],
) -> None:
    url, _ = store
    source = tmp_path_factory.getbasetemp() / "fuzz-rows.csv"
    source.write_text("id,date,narrative\n1,2026-11-23,late\n", encoding="utf-8")
    args = ["--db", url, "intake", "--channel", channel, "--json"]
    for key, value in options:
        args += ["-o", f"{key}={value}"]
    result = CliRunner().invoke(CLI, [*args, str(source)], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2, 3), result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("CLI1"))
    desk.intake(make_complaint("CLI2", customer="C2"))
    desk.storage.close()
    return url, case.id


def _a_long_search(command: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` asks ``check`` for more than a few examples: it reads a count as
    ``int`` does (``" 0099999"``, ``"9_9"``, other scripts' digits), and a valid count of
    tens of thousands is a search of many minutes, not a refusal."""
    if command[0] != "check":
        return False
    try:
        return int(text) > 10
    except ValueError:
        return False


# `check` runs the policy's own property search (hypothesis) inside this one: nested on
# purpose, when text is a valid --examples count
@settings(
    max_examples=200,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.nested_given],
)
@given(command=st.sampled_from(COMMANDS), text=texts, as_json=st.booleans())
def test_any_text_in_any_argument_is_an_exit_code(
    store: tuple[str, str], command: tuple[str, ...], text: str, as_json: bool
) -> None:
    assume(not _a_long_search(command, text))
    url, case_id = store
    fills = {"X": text, "CASE": case_id, "POLICY": POLICY}
    args = [fills.get(part, part) for part in command]
    args = ["--db", url, *args, *(["--json"] if as_json else [])]
    result = CliRunner().invoke(CLI, args, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if as_json and result.exit_code != 2 and result.stdout.strip():
        json.loads(result.stdout)


@pytest.mark.parametrize(
    "command",
    [
        ("cases", "show", "X"),
        ("cases", "list", "--customer", "X"),
        ("cases", "list", "--owner", "X"),
        ("cases", "note", "X", "a note", "--actor", "li.na"),
        ("outbox", "--case", "X"),
        ("report", "--channel", "X"),
        ("report", "--category", "X"),
        ("report", "--severity", "X"),
        ("report", "--product", "X"),
    ],
)
def test_an_argument_that_is_not_utf8_is_one_error_line(
    store: tuple[str, str], command: tuple[str, ...]
) -> None:
    """A shell hands Python the bytes of an argument that is not UTF-8 (``$'\\xff'``, a
    Latin-1 terminal) as lone surrogates; SQLite cannot encode them and the commands that
    looked a case, customer or owner up ended in a UnicodeEncodeError traceback. It is a
    usage error (exit 2) naming the option or argument that holds it."""
    url, _ = store
    args = ["--db", url, *("CK-\udce9t\udce9" if part == "X" else part for part in command)]
    result = CliRunner().invoke(CLI, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output
    line = result.stderr.splitlines()[-1]
    before = command[command.index("X") - 1]
    named = f"'{before}'" if before.startswith("--") else "'CASE_ID'"
    assert line.startswith(f"Error: Invalid value for {named}: "), line
    assert "'CK-\\udce9t\\udce9' is not UTF-8" in line, line
    as_json = CliRunner().invoke(CLI, [*args, "--json"], catch_exceptions=False)
    assert json.loads(as_json.stdout)["error"]["exit_code"] == 2
