"""A case routed to a team that a later policy no longer declares (``vip`` renamed, or
merged into ``desk``) was handed to a new owner without a word when no team was named:
``Desk.assign``, the API's assign step and ``cases assign`` left it in a team nobody reads,
while naming that team was refused. It is now refused naming the case's team and the teams
the policy declares; naming a declared team hands it over."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
version: "{version}"
categories: {{service: {{label: 服务}}}}
severities: {{minor: {{label: 一般}}}}
priorities: {{normal: {{label: 普通}}}}
teams:
  desk: {{label: 客服组, default_owner: 小王}}
  {second}
classification: {{rules: [], default: {{category: service, severity: minor, priority: normal}}}}
routing: {{rules: [], default: {{team: {routed}}}}}
"""
AGENT = "agent-token-0123456789"


def _moved_on(tmp_path: Path) -> tuple[Path, str, str]:
    """A case of team vip, stored under version 1, and version 2 without vip."""
    first, second = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    vip = "vip: {label: 贵宾组, default_owner: 王芳}"
    first.write_text(POLICY.format(version=1, second=vip, routed="vip"), "utf-8")
    second.write_text(POLICY.format(version=2, second="", routed="desk"), "utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(first, storage=db)
    case = desk.intake(make_complaint("TG1"))
    desk.storage.close()
    assert case.team == "vip"
    return second, db, case.id


def test_the_desk_refuses_naming_the_team_and_the_declared_ones(tmp_path: Path) -> None:
    policy, db, case_id = _moved_on(tmp_path)
    desk = Desk(policy, storage=db)
    with pytest.raises(InvalidInput) as refused:
        desk.assign(case_id, "李四", actor="lead")
    assert refused.value.field == "team"
    assert "'vip'" in refused.value.message
    assert "desk" in refused.value.message
    assert desk.get(case_id).owner == "王芳"  # unchanged
    moved = desk.assign(case_id, "李四", team="desk", actor="lead")
    assert (moved.team, moved.owner) == ("desk", "李四")


def test_the_api_answers_422_naming_the_team(tmp_path: Path) -> None:
    policy, db, case_id = _moved_on(tmp_path)
    app = create_app(Desk(policy, storage=db), agent_tokens={AGENT: "lead"})
    auth = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=auth) as client:
        answer = client.post(f"/cases/{case_id}/assign", json={"owner": "李四"})
        assert answer.status_code == 422
        assert answer.json()["field"] == "team"
        assert "vip" in answer.text
        moved = {"owner": "李四", "team": "desk"}
        assert client.post(f"/cases/{case_id}/assign", json=moved).status_code == 200


def test_the_cli_refuses_without_a_traceback(tmp_path: Path) -> None:
    policy, db, case_id = _moved_on(tmp_path)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    base = ["--db", db, "--policy", str(policy), "cases", "assign", case_id, "李四"]
    refused = CliRunner().invoke(cli, [*base, "--actor", "lead"])
    assert refused.exit_code != 0
    assert "vip" in refused.stderr
    assert "known: desk" in refused.stderr
    assert "Traceback" not in refused.output
    done = CliRunner().invoke(cli, [*base, "--team", "desk", "--actor", "lead"])
    assert done.exit_code == 0, done.output
