"""A customer's answer to an offer that a plugin fails is kept, and they are told so.

An escalation ladder may test a field with a plugin's operator, read again at every
change; one that raises fails the answer as the Desk records it, and nothing is stored.
The customer who pressed "接受" on their status page got a raw JSON 422, "the request could
not be processed: PluginError", instead of their page — and their answer was gone: no
event, no dead letter, nothing for staff to act on while the offer sat unanswered. Now the
answer is kept as the dead letter ``answer:<case id>:<offer id>`` (never the token) whose
reason names the plugin, and the customer gets their page (or JSON) saying it was kept, a
503 that names no plugin: what failed inside the desk is staff's business.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from offered_voucher import asking, offered

from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.testing.server import running_server
from loopback import loopback_client
from vip_list import VipList, unreachable


@pytest.mark.parametrize("form", [False, True], ids=["json", "form"])
def test_an_answer_a_plugin_fails_is_kept_and_the_customer_told(
    tmp_path: Path, form: bool, caplog: pytest.LogCaptureFixture
) -> None:
    plugin = VipList()
    desk = asking(tmp_path, plugin)
    case = offered(desk)
    plugin.test = unreachable
    path = f"/status/{case.status_token}/offers/comp-1"
    with (
        caplog.at_level(logging.ERROR),
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        if form:
            response = client.post(
                f"{path}?lang=zh", data={"answer": "accept"}, headers={"Accept": "text/html"}
            )
        else:
            response = client.post(path, json={"answer": "accept"})
    assert response.status_code == 503, response.text
    if form:
        assert response.headers["content-type"].startswith("text/html")
        assert say("answer_kept", "zh") in response.text
    else:
        assert response.json()["error"]
    assert "vip" not in response.text  # the plugin is not the customer's business
    (letter,) = desk.storage.dead_letters()
    assert letter.source == f"answer:{case.id}:comp-1"
    kept = json.loads(letter.raw)
    assert (kept["case_id"], kept["offer_id"], kept["answer"]) == (case.id, "comp-1", "accept")
    assert case.status_token not in letter.raw.decode()
    assert "'vip-list'" in letter.reason
    after = desk.get(case.id)
    assert after.version == case.version  # nothing recorded on the case
    assert "the VIP list is unreachable" in caplog.text
