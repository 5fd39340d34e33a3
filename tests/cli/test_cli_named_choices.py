"""A status, delivery state, fishbone branch or nature given on the command line, as a
person types it. ``cases move ID RESOLVED`` or ``waiting-on-customer`` was refused, and
every refusal printed the twelve statuses three times (usage line, heading, message).
Such a name is taken however it is cased or joined; a slip is offered the name meant; the
usage line shows ``STATUS``. And ``cases note ID ''`` ended with exit 1 after opening the
store: words that must say something are refused as a usage error (exit 2) naming the
argument, before anything is read or stored."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.cli.choice import Named
from complaintkit.desk import Desk
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
STATUSES = [s.value for s in Status]


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('named') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("NC1"))
    desk.storage.close()
    return url, case.id


def _history(url: str, case_id: str) -> int:
    desk = Desk(storage=url)
    try:
        return len(desk.history(case_id))
    finally:
        desk.storage.close()


def _run(url: str, *args: str) -> click.testing.Result:
    return CliRunner().invoke(CLI, ["--db", url, *args])


@pytest.mark.parametrize("given_as", ["Investigating", "INVESTIGATING", " investigating "])
def test_a_status_in_any_case_is_taken(store: tuple[str, str], given_as: str) -> None:
    url, case_id = store
    result = _run(url, "cases", "move", case_id, given_as, "--actor", "li.na", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "investigating"


def test_a_status_joined_by_hyphens_is_taken(store: tuple[str, str]) -> None:
    url, case_id = store
    result = _run(url, "cases", "list", "--status", "Received", "--json")
    assert result.exit_code == 0, result.output
    assert [case["id"] for case in json.loads(result.stdout)] == [case_id]
    assert _run(url, "cases", "list", "--status", "follow-up").exit_code == 0


def test_a_slip_is_offered_the_status_meant(store: tuple[str, str]) -> None:
    url, case_id = store
    before = _history(url, case_id)
    result = _run(url, "cases", "move", case_id, "investgating", "--actor", "li.na")
    assert result.exit_code == 2, result.output
    usage, *_, error = result.stderr.splitlines()
    assert usage.endswith(" cases move [OPTIONS] CASE_ID STATUS"), usage
    assert error.startswith("Error: Invalid value for 'STATUS': 'investgating' is no status")
    assert "did you mean 'investigating'?" in error
    assert all(status in error for status in STATUSES)
    assert result.stderr.count("waiting_on_third_party") == 1
    assert _history(url, case_id) == before


def test_resolved_in_capitals_still_names_the_resolve_command(store: tuple[str, str]) -> None:
    url, case_id = store
    result = _run(url, "cases", "move", case_id, "RESOLVED", "--actor", "li.na")
    assert result.exit_code == 2, result.output
    assert "cases resolve" in result.stderr


def test_a_state_of_the_outbox_is_named_so(store: tuple[str, str]) -> None:
    url, _ = store
    result = _run(url, "outbox", "--state", "Dead")
    assert result.exit_code == 0, result.output
    refused = _run(url, "outbox", "--state", "delivred")
    assert refused.exit_code == 2
    assert "'delivred' is no state (did you mean 'delivered'?)" in refused.stderr


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (["cases", "note", "{id}", ""], "'TEXT'"),
        (["cases", "note", "{id}", " \u3000\u200b "], "'TEXT'"),
        (["cases", "respond", "{id}", "  "], "'MESSAGE'"),
        (["cases", "respond", "{id}", "", "--update"], "'MESSAGE'"),
        (["cases", "resolve", "{id}", "\t"], "'RESOLUTION'"),
        (["cases", "reject", "{id}", "comp-1", "--role", "lead", "--reason", " "], "'--reason'"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_words_saying_nothing_are_a_usage_error(
    store: tuple[str, str], command: list[str], field: str, as_json: bool
) -> None:
    url, case_id = store
    before = _history(url, case_id)
    args = [part.replace("{id}", case_id) for part in command]
    result = _run(url, *args, "--actor", "li.na", *(["--json"] if as_json else []))
    assert result.exit_code == 2, result.output
    if as_json:
        assert field in json.loads(result.stdout)["error"]["message"]
    else:
        assert result.stderr.splitlines()[-1].startswith(f"Error: Invalid value for {field}: ")
    assert _history(url, case_id) == before


def test_a_note_saying_something_is_still_recorded(store: tuple[str, str]) -> None:
    url, case_id = store
    before = _history(url, case_id)
    result = _run(url, "cases", "note", case_id, "客户来电催促", "--actor", "li.na")
    assert result.exit_code == 0, result.output
    assert _history(url, case_id) == before + 1


@given(
    st.sampled_from(STATUSES),
    st.lists(st.booleans(), min_size=30, max_size=30),
    st.sampled_from(["_", "-", " "]),
    st.sampled_from(["", " ", "\t"]),
)
def test_any_casing_and_joining_of_a_status_is_that_status(
    status: str, upper: list[bool], joint: str, blank: str
) -> None:
    typed = "".join(c.upper() if up else c for c, up in zip(status, upper, strict=False))
    typed = blank + typed.replace("_", joint) + blank
    assert Named(STATUSES, "STATUS").convert(typed, None, None) == status


@given(st.text(max_size=40))
def test_any_other_text_is_refused_as_a_usage_error(text: str) -> None:
    folded = text.strip().casefold().replace("-", "_").replace(" ", "_")
    named = Named(STATUSES, "STATUS")
    if folded in STATUSES:
        assert named.convert(text, None, None) == folded
    else:
        with pytest.raises(click.BadParameter):
            named.convert(text, None, None)
