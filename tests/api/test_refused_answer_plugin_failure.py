"""Telling staff of a refused answer fails on a plugin: the customer still gets the refusal.

An answer the Desk refuses (a cap has no room for it) is recorded on the case as a
``compensation_answer_refused`` event, for the notification rules to tell its owner. When
such a rule tests a field with a plugin's operator that raises, recording it failed; the
customer got a raw JSON 422, "the request could not be processed: PluginError", even from
the page's form, instead of "please contact us" — the refusal in the server's log only.
Now the refusal is recorded on the case all the same, and the owner's letter alone is a
dead letter naming the plugin.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from test_refused_answer_alerts_staff import REFUSED, STAFF, T0, _offer, _open, _policy

from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client
from vip_list import VipList, unreachable


def _desk(folder: Path) -> Desk:
    path = _policy(folder)
    policy = yaml.safe_load(path.read_text(encoding="utf-8"))
    (rule,) = policy["notifications"]["rules"]
    rule["when"] = {"field": "case.owner", "vip_owner": "x"}
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    storage = f"sqlite:///{folder / 'c.db'}"
    plugins = VipList(unreachable).plugins()
    return Desk(path, storage=storage, clock=ManualClock(T0), plugins=plugins)


@pytest.mark.parametrize("form", [False, True], ids=["json", "form"])
def test_the_customer_is_refused_as_before_and_the_plugin_logged(
    tmp_path: Path, form: bool, caplog: pytest.LogCaptureFixture
) -> None:
    desk = _desk(tmp_path)
    first, second = _open(desk, 1), _open(desk, 2)
    _offer(desk, first)
    desk.transition(first, "investigating", actor=STAFF)
    desk.resolve(first, "replaced", actor=STAFF)
    desk.close(first, actor=STAFF)  # its offer lapses: the room goes to the second case
    _offer(desk, second)
    desk.accept_compensation(second, "comp-1", actor=STAFF)
    desk.reopen(first, actor=STAFF, reason="the customer came back")
    before = desk.get(first)
    path = f"/status/{before.status_token}/offers/comp-1"
    with (
        caplog.at_level(logging.ERROR),
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        if form:
            sent = client.post(path, data={"answer": "accept"}, headers={"Accept": "text/html"})
        else:
            sent = client.post(path, json={"answer": "accept"})
    assert sent.status_code == 409, sent.text
    if form:
        assert say("answer_refused", "en") in sent.text
    else:
        assert "contact us" in sent.json()["error"]
    assert "vip" not in sent.text
    assert REFUSED in [event.kind for event in desk.history(first)]
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "notify:log"
    assert "'vip-list'" in letter.reason
    assert "'vip-list'" in caplog.text
