"""An agent's step that a plugin fails is answered naming the plugin, as a 503.

A policy's escalation ladder may test a field with a plugin's operator; one that raises,
or answers no ``True``/``False``, fails the change it decides the escalation of, and nothing
is stored. From Python and the command line that is a ``PluginError`` naming the operator,
its plugin and the field. Over HTTP the agent got a 422 — "mend the body", which was fine —
saying only "the request could not be processed: PluginError": not which plugin, nor that
the server's side is what must be mended before the step is sent again.

A notification rule's operator failing costs only the rule's letter (a dead letter naming
the plugin): the step is stored and answered as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.testing.server import running_server
from loopback import loopback_client
from vip_list import HEAD, LADDER, VipList, says_no, unreachable

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}
POLICY = (
    HEAD
    + """\
templates:
  answered: {zh: {subject: "关于 {case.id}", body: "您好"}}
notifications:
  default_language: zh
  notifiers: {log: {type: log}}
"""
)
RULE = """
  rules:
    - {"on": responded, when: {field: case.owner, vip_owner: x}, notify: [customer], via: log, template: answered}
"""


def _opened(folder: Path, policy_text: str) -> tuple[Desk, VipList, Case]:
    """A desk whose plugin answers ``False`` until its ``test`` is changed, and a case."""
    policy = folder / "policy.yaml"
    policy.write_text(policy_text, encoding="utf-8")
    plugin = VipList()
    desk = Desk(policy, storage=f"sqlite:///{folder / 'cases.db'}", plugins=plugin.plugins())
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "P-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1", "contact": "c1@shop.example"},
            "text": "店员态度差",
        }
    )
    return desk, plugin, case


@pytest.mark.parametrize("keyed", [False, True], ids=["plain", "Idempotency-Key"])
@pytest.mark.parametrize("test", [unreachable, says_no], ids=["raises", "answers text"])
def test_a_step_a_plugin_fails_is_a_503_naming_it_and_nothing_is_stored(
    tmp_path: Path, test: Callable[[object], Any], keyed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    desk, plugin, case = _opened(tmp_path, POLICY + LADDER)
    plugin.test = test
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with (
        caplog.at_level(logging.ERROR, logger="complaintkit.api.app"),
        running_server(app) as url,
        loopback_client(base_url=url) as client,
    ):
        response = client.post(
            f"/cases/{case.id}/respond",
            json={"message": "非常抱歉"},
            headers={**AUTH, "Idempotency-Key": "k-1"} if keyed else AUTH,
        )
    assert response.status_code == 503, response.text
    answer = response.json()
    assert answer["plugins"] == ["vip-list"]
    assert "'vip-list'" in answer["error"], answer
    assert "'vip_owner'" in answer["error"], answer
    assert answer["field"] is None  # no field of the body to mend
    assert answer["request_id"] in caplog.text  # the traceback is in the server's log
    after = desk.get(case.id)
    assert (after.version, after.status) == (case.version, case.status)
    assert "responded" not in [event.kind for event in desk.history(case.id)]


@pytest.mark.parametrize("test", [unreachable, says_no], ids=["raises", "answers text"])
def test_a_step_a_notification_rules_plugin_fails_is_stored_its_letter_a_dead_letter(
    tmp_path: Path, test: Callable[[object], Any]
) -> None:
    desk, plugin, case = _opened(tmp_path, POLICY + RULE)
    plugin.test = test
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        response = client.post(
            f"/cases/{case.id}/respond", json={"message": "非常抱歉"}, headers=AUTH
        )
    assert response.status_code == 200, response.text
    assert "responded" in [event.kind for event in desk.history(case.id)]
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "notify:log"
    assert "'vip-list'" in letter.reason
    assert "notifications.rules[0]" in letter.reason
