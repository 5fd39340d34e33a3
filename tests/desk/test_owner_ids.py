"""An owner id is one line of visible text with no blank at either end: it is printed as a
row of ``cases list``, a column of reports and an address of notifications, and looked up by
``--owner``. A newline or control character would forge a row or hide who owns the case,
so ``assign`` refuses one naming the field, whoever calls it: the Desk (``InvalidInput``),
the API (422) or the command line (a usage error, exit code 2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.owner_id import check_owner_id
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
REFUSED = ["li.na\n", "li\nna", "li\rna", "li\tna", "li\x1bna", "li\x7fna", "li\x85na",
           "li\u2028na", "li\u202ena", "li\u200bna", " li.na", "li.na "]  # fmt: skip
ACCEPTED = ["li.na", "王芳", "Zhou Wei", "qa-team/zhou", "\u0645\u06cc\u200c\u0646\u0627"]


@pytest.mark.parametrize("owner", REFUSED)
def test_the_desk_refuses_an_owner_that_is_not_one_visible_line(owner: str) -> None:
    desk = Desk()
    case = desk.intake(make_complaint("OW1"))
    with pytest.raises(InvalidInput) as refused:
        desk.assign(case.id, owner, actor="lead")
    assert refused.value.field == "owner"
    assert desk.get(case.id).owner != owner


@pytest.mark.parametrize("owner", ACCEPTED)
def test_names_in_any_script_with_inner_spaces_are_owners(owner: str) -> None:
    desk = Desk()
    case = desk.intake(make_complaint("OW2"))
    assert desk.assign(case.id, owner, actor="lead").owner == owner


def test_a_team_is_held_to_the_same_rule() -> None:
    desk = Desk()
    case = desk.intake(make_complaint("OW3"))
    with pytest.raises(InvalidInput) as refused:
        desk.assign(case.id, "li.na", team="quality\nfake row", actor="lead")
    assert refused.value.field == "team"


def _one_visible_line(owner: str) -> bool:
    visible = owner.replace("\u200c", "").replace("\u200d", "").isprintable()
    return visible and owner == owner.strip() and bool(owner) and len(owner) <= 256


@given(st.text(max_size=20))
def test_an_id_is_accepted_exactly_when_it_is_one_visible_line(owner: str) -> None:
    if _one_visible_line(owner):
        assert check_owner_id(owner) == owner
        assert len(owner.splitlines()) == 1
    else:
        with pytest.raises(InvalidInput) as refused:
            check_owner_id(owner)
        assert refused.value.field == "owner"


@pytest.fixture(name="served")
def served_fixture() -> Iterator[tuple[httpx.Client, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("OW4"))
    app = create_app(desk, agent_tokens={AGENT: "lead"})
    auth = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=auth) as client:
        yield client, case.id


def test_the_api_answers_422_naming_the_owner(served: tuple[httpx.Client, str]) -> None:
    client, case_id = served
    for owner in ("li\nna", "li.na\x00", " li.na"):
        answer = client.post(f"/cases/{case_id}/assign", json={"owner": owner})
        assert answer.status_code == 422
        assert answer.json()["field"] == "owner"
    assert client.post(f"/cases/{case_id}/assign", json={"owner": "li.na"}).status_code == 200


def test_the_cli_calls_it_a_usage_error_naming_owner(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=db)
    case = desk.intake(make_complaint("OW5"))
    desk.storage.close()
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", db, "cases", "assign", case.id]
    refused = CliRunner().invoke(cli, [*base, "li\nna", "--actor", "lead"])
    assert refused.exit_code == 2, refused.output
    assert "OWNER" in refused.stderr
    assert "Traceback" not in refused.output
    team = CliRunner().invoke(cli, [*base, "li.na", "--team", "q\ra", "--actor", "lead"])
    assert team.exit_code == 2
    assert "--team" in team.stderr
    done = CliRunner().invoke(cli, [*base, "li.na", "--actor", "lead", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["case_id"] == case.id
    assert Desk(storage=db).get(case.id).owner == "li.na"
