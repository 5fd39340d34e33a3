"""An option that takes one value, given twice with different values, is a usage error
naming it and both values: click kept the last and dropped the first silently, so
``cases close ID --reason "refunded" … --reason "duplicate"`` recorded one reason of two
and ``report --since A --since B`` reported on a period nobody asked for alone."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('twice') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("TWICE1"))
    desk.storage.close()
    return url, case.id


@pytest.mark.parametrize(
    ("args", "option", "values"),
    [
        (
            ["cases", "note", "CASE", "a note", "--actor", "li.na", "--actor", "王芳"],
            "--actor",
            ("li.na", "王芳"),
        ),
        (["cases", "list", "--limit=2", "--limit", "3"], "--limit", ("2", "3")),
        (
            ["report", "--since", "2026-01-01T00:00:00+08:00", "--since=2026-02-01T00:00:00Z"],
            "--since",
            ("2026-01-01T00:00:00+08:00", "2026-02-01T00:00:00Z"),
        ),
        (["outbox", "--case", "CK-1", "--case", "CK-2"], "--case", ("CK-1", "CK-2")),
        (["dead-letters", "list", "--source", "a", "--source", "b"], "--source", ("a", "b")),
    ],
)
def test_an_option_given_twice_with_two_values_is_a_usage_error(
    store: tuple[str, str], args: list[str], option: str, values: tuple[str, str]
) -> None:
    url, case_id = store
    args = [case_id if a == "CASE" else a for a in args]
    result = CliRunner().invoke(CLI, ["--db", url, *args])
    assert result.exit_code == 2, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert option in line, line
    assert all(repr(v) in line for v in values), line
    as_json = CliRunner().invoke(CLI, ["--db", url, *args, "--json"])
    assert as_json.exit_code == 2
    assert option in json.loads(as_json.stdout)["error"]["message"]


def test_history_is_unchanged_by_a_refused_repeat(store: tuple[str, str]) -> None:
    url, case_id = store
    before = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case_id, "--json"]).stdout
    CliRunner().invoke(
        CLI, ["--db", url, "cases", "note", case_id, "n", "--actor", "a", "--actor", "b"]
    )
    after = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case_id, "--json"]).stdout
    assert after == before


@pytest.mark.parametrize(
    "args",
    [
        ["cases", "list", "--limit", "3", "--limit=3"],  # the same value: nothing is dropped
        ["cases", "list", "--json", "--json"],  # a flag
        ["cases", "note", "CASE", "x", "--actor", "--actor"],  # the value "--actor"
        ["cases", "note", "CASE", "x", "--actor", "a", "--", "--actor"],  # after --: text
    ],
)
def test_what_is_not_two_values_of_one_option_is_accepted(
    store: tuple[str, str], args: list[str]
) -> None:
    url, case_id = store
    args = [case_id if a == "CASE" else a for a in args]
    result = CliRunner().invoke(CLI, ["--db", url, *args])
    assert result.exit_code != 2 or "given twice" not in result.output, result.output


@settings(max_examples=40, deadline=None)
@given(
    whys=st.lists(
        st.text(min_size=1, max_size=8).filter(lambda t: not t.startswith("-")),
        min_size=2,
        max_size=4,
    )
)
def test_an_option_meant_to_repeat_still_repeats(whys: list[str]) -> None:
    args = ["cases", "root-cause", "CK-NONE"]
    for why in whys:
        args += ["--why", why]
    result = CliRunner().invoke(CLI, ["--db", "memory:", *args])
    assert "given twice" not in result.output
