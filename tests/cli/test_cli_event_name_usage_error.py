"""``cases event CASE ''`` (``$EVENT`` unset), or a NAME that is no event name (``Site
Visit``, one the library records itself, a case status), ended with exit 1 as if the case
had failed the step: the store was opened and the case read for an argument that could
never be recorded. NAME is refused as a usage error (exit 2) naming it, before the store
is opened, quoted short when long; a good name is still recorded."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('events') / 'cases.db'}"
    desk = Desk(storage=url)
    case = desk.intake(make_complaint("EV1"))
    desk.storage.close()
    return url, case.id


def _events(url: str, case_id: str) -> int:
    desk = Desk(storage=url)
    try:
        return len(desk.history(case_id))
    finally:
        desk.storage.close()


@pytest.mark.parametrize(
    "name", ["", " ", "Site Visit", "site-visit", "a\x00", "opened", "sla_paused", "received"]
)
@pytest.mark.parametrize("as_json", [False, True])
def test_no_event_name_is_a_usage_error(store: tuple[str, str], name: str, as_json: bool) -> None:
    url, case_id = store
    before = _events(url, case_id)
    args = ["--db", url, "cases", "event", case_id, name, "--actor", "li.na"]
    result = CliRunner().invoke(CLI, [*args, *(["--json"] if as_json else [])])
    assert result.exit_code == 2, result.output
    if as_json:
        assert "'NAME'" in json.loads(result.stdout)["error"]["message"]
    else:
        assert result.stderr.splitlines()[-1].startswith("Error: Invalid value for 'NAME': ")
    assert _events(url, case_id) == before


def test_a_huge_name_is_quoted_short(store: tuple[str, str]) -> None:
    url, case_id = store
    args = ["--db", url, "cases", "event", case_id, "e" * 100_000, "--actor", "li.na"]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 2, result.output[:300]
    assert max(map(len, result.output.splitlines())) < 300


def test_an_event_name_is_still_recorded(store: tuple[str, str]) -> None:
    url, case_id = store
    before = _events(url, case_id)
    args = ["--db", url, "cases", "event", case_id, "site_visit", "--actor", "li.na"]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 0, result.output
    assert _events(url, case_id) == before + 1
