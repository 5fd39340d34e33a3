"""A hand-over to a team that lists ``members`` must name one of them, as a routing row and
an escalation's ``reassign`` must (docs/policies.md): ``Desk.assign``, the API's assign
step and ``cases assign`` gave a vip case to someone outside the team without a word. The
team is the one named, or the case's own when none is named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {service: {label: 服务}}
severities: {minor: {label: 一般}}
priorities: {urgent: {label: 紧急}, normal: {label: 普通}}
teams:
  desk: {label: 客服组, default_owner: 小王}
  vip: {label: 贵宾组, default_owner: 王芳, members: [王芳, 张伟]}
classification: {rules: [], default: {category: service, severity: minor, priority: normal}}
routing: {rules: [], default: {team: vip}}
"""
MEMBERS = ["王芳", "张伟"]
AGENT = "agent-token-0123456789"


@pytest.fixture(name="policy", scope="module")
def policy_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return path


@settings(max_examples=30, deadline=None)
@given(
    owner=st.sampled_from([*MEMBERS, "李四", "小王", "王芳x"]),
    team=st.sampled_from([None, "vip", "desk"]),
)
def test_an_owner_outside_a_team_with_members_is_refused_naming_them(
    policy: Path, owner: str, team: str | None
) -> None:
    desk = Desk(policy)
    case = desk.intake(make_complaint("TM1"))
    assert (case.team, case.owner) == ("vip", "王芳")
    joins = team if team is not None else case.team
    if joins == "vip" and owner not in MEMBERS:
        with pytest.raises(InvalidInput) as refused:
            desk.assign(case.id, owner, team=team, actor="lead")
        assert refused.value.field == "owner"
        assert "vip" in refused.value.message
        assert all(member in refused.value.message for member in MEMBERS)
        assert owner in refused.value.message
        assert (desk.get(case.id).team, desk.get(case.id).owner) == ("vip", "王芳")  # unchanged
    else:
        moved = desk.assign(case.id, owner, team=team, actor="lead")
        assert (moved.team, moved.owner) == (joins, owner)


@pytest.fixture(name="served")
def served_fixture(policy: Path) -> Iterator[tuple[httpx.Client, str]]:
    desk = Desk(policy)
    case = desk.intake(make_complaint("TM2"))
    app = create_app(desk, agent_tokens={AGENT: "lead"})
    auth = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=auth) as client:
        yield client, case.id


def test_the_api_answers_422_naming_the_owner(served: tuple[httpx.Client, str]) -> None:
    client, case_id = served
    answer = client.post(f"/cases/{case_id}/assign", json={"owner": "李四"})
    assert answer.status_code == 422
    assert answer.json()["field"] == "owner"
    assert "王芳, 张伟" in answer.text
    assert client.post(f"/cases/{case_id}/assign", json={"owner": "张伟"}).status_code == 200
    moved = {"owner": "李四", "team": "desk"}
    assert client.post(f"/cases/{case_id}/assign", json=moved).status_code == 200


def test_the_cli_refuses_naming_the_team_and_its_members(policy: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(policy, storage=db)
    case = desk.intake(make_complaint("TM3"))
    desk.storage.close()
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", db, "--policy", str(policy), "cases", "assign", case.id]
    refused = CliRunner().invoke(cli, [*base, "李四", "--actor", "lead"])
    assert refused.exit_code != 0
    assert "王芳, 张伟" in refused.stderr
    assert "Traceback" not in refused.output
    assert Desk(policy, storage=db).get(case.id).owner == "王芳"
    done = CliRunner().invoke(cli, [*base, "张伟", "--actor", "lead"])
    assert done.exit_code == 0, done.output
    assert Desk(policy, storage=db).get(case.id).owner == "张伟"
