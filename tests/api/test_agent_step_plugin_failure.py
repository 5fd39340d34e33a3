"""An agent's step that a plugin fails is answered naming the plugin, as a 503.

A policy's notification rule may test a field with a plugin's operator; one that raises,
or answers no ``True``/``False``, fails the change it decides a letter for, and nothing is
stored. From Python and the command line that is a ``PluginError`` naming the operator, its
plugin and the field. Over HTTP the agent got a 422 — "mend the body", which was fine —
saying only "the request could not be processed: PluginError": not which plugin, nor that
the server's side is what must be mended before the step is sent again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import complaintkit
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}
POLICY = """
complaintkit: 1
name: tested-by-a-plugin
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: chen.jing}}
templates:
  answered: {zh: {subject: "关于 {case.id}", body: "您好"}}
notifications:
  default_language: zh
  notifiers: {log: {type: log}}
  rules:
    - {"on": responded, when: {field: case.owner, vip_owner: x}, notify: [customer], via: log, template: answered}
"""


def _raises(value: object) -> bool:
    raise RuntimeError("the VIP list is unreachable")


def _says_no(value: object) -> Any:
    return "no"


class _VipPlugin:
    def __init__(self, test: Callable[[object], Any]) -> None:
        self.test = test

    @complaintkit.hookimpl
    def register_operators(self, register: Callable[..., None]) -> None:
        register("vip_owner", lambda argument: self.test)


@pytest.mark.parametrize("keyed", [False, True], ids=["plain", "Idempotency-Key"])
@pytest.mark.parametrize("test", [_raises, _says_no], ids=["raises", "answers text"])
def test_a_step_a_plugin_fails_is_a_503_naming_it_and_nothing_is_stored(
    tmp_path: Path, test: Callable[[object], Any], keyed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_VipPlugin(test), name="vip-list")
    desk = Desk(policy, storage=f"sqlite:///{tmp_path / 'cases.db'}", plugins=Plugins(pm))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "P-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "店员态度差",
        }
    )
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
    assert "field" not in answer  # no field of the body to mend
    assert answer["request_id"] in caplog.text  # the traceback is in the server's log
    after = desk.get(case.id)
    assert (after.version, after.status) == (case.version, case.status)
    assert "responded" not in [event.kind for event in desk.history(case.id)]
