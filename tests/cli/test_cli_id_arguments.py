"""An id the store looks up (a case, a compensation, a customer, an owner) that no stored
id can be — blank, padded with blanks, holding a NUL, longer than any id — is a usage
error naming the argument or option (exit 2), as click's own are, not "no case ''"
(exit 1) or "no cases match" (exit 0); and nothing is written."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.complaint import MAX_ID_CHARS
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
ACTOR = ("--actor", "li.na")
#: Commands with a slot (X) for the id, and the name their error gives the slot.
COMMANDS: list[tuple[tuple[str, ...], str]] = [
    (("cases", "show", "X"), "'CASE_ID'"),
    (("cases", "explain", "X"), "'CASE_ID'"),
    (("cases", "respond", "X", "a reply", *ACTOR), "'CASE_ID'"),
    (("cases", "note", "X", "a note", *ACTOR), "'CASE_ID'"),
    (("cases", "event", "X", "site_visit", *ACTOR), "'CASE_ID'"),
    (("cases", "assign", "X", "qa.zhou", *ACTOR), "'CASE_ID'"),
    (("cases", "move", "X", "investigating", *ACTOR), "'CASE_ID'"),
    (("cases", "resolve", "X", "refunded", *ACTOR), "'CASE_ID'"),
    (("cases", "follow-up", "X", "--score", "5", *ACTOR), "'CASE_ID'"),
    (("cases", "close", "X", *ACTOR), "'CASE_ID'"),
    (("cases", "compensate", "X", *ACTOR), "'CASE_ID'"),
    (("cases", "offer", "X", "comp-1", *ACTOR), "'CASE_ID'"),
    (("cases", "offer", "CASE", "X", *ACTOR), "'COMPENSATION_ID'"),
    (("cases", "approve", "CASE", "X", "--role", "supervisor", *ACTOR), "'COMPENSATION_ID'"),
    (("cases", "list", "--customer", "X"), "'--customer'"),
    (("cases", "list", "--owner", "X"), "'--owner'"),
    (("outbox", "--case", "X"), "'--case'"),
]
#: Texts no stored id is: blank, padded, with a NUL, longer than any id.
no_id = st.one_of(
    st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u00a0", max_size=5),
    st.text(min_size=1, max_size=8).map(lambda text: f"a{text}\x00"),
    st.sampled_from([" CK-1", "CK-1 ", "CK-1\n", "\tCK-1"]),
    st.integers(MAX_ID_CHARS + 1, 20_000).map(lambda size: "9" * size),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ids') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("ID1"))
    desk.storage.close()
    return url, case.id


def _events(url: str, case_id: str) -> int:
    desk = Desk(storage=url)
    try:
        return len(desk.history(case_id))
    finally:
        desk.storage.close()


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), given_id=no_id, as_json=st.booleans())
def test_an_id_no_store_holds_is_a_usage_error_naming_it(
    store: tuple[str, str],
    command: tuple[tuple[str, ...], str],
    given_id: str,
    as_json: bool,
) -> None:
    url, case_id = store
    parts, named = command
    before = _events(url, case_id)
    fills = {"X": given_id, "CASE": case_id}
    args = ["--db", url, *(fills.get(part, part) for part in parts)]
    result = CliRunner().invoke(CLI, [*args, *(["--json"] if as_json else [])])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if as_json:
        error = json.loads(result.stdout)["error"]
        assert error["exit_code"] == 2
        assert named in error["message"]
    else:
        line = result.stderr.splitlines()[-1]
        assert line.startswith(f"Error: Invalid value for {named}: "), line
        assert len(line) < 300, line  # a huge id is not printed whole
    assert _events(url, case_id) == before


@pytest.mark.parametrize("good", ["CK-\u6295\u8bc9-1", "a\tb", "C 5005"])
def test_an_id_a_store_may_hold_is_still_looked_up(store: tuple[str, str], good: str) -> None:
    """Inner blanks and tabs are in stored customer ids; such an id is looked up, and
    found absent as before."""
    url, _ = store
    shown = CliRunner().invoke(CLI, ["--db", url, "cases", "show", good])
    assert shown.exit_code == 1, shown.output
    listed = CliRunner().invoke(CLI, ["--db", url, "cases", "list", "--customer", good])
    assert listed.exit_code == 0, listed.output
