"""A customer pressing "accept" again while a plugin fails their answer leaves one dead letter.

The answer is kept as ``answer:<case id>:<offer id>`` for staff to record; the store keeps a
letter of one source, input and reason once, but a plugin's error rarely says the same
twice (an object's address, a time taken, a connection's port), so every press — a double
click, a reload, a retry on the 503 — was another letter holding the same answer, each
for staff to record. The same answer to the same offer is now kept once, whatever the
error says; another answer (they change their mind) is a letter of its own.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from offered_voucher import asking, offered

from complaintkit.api.app import create_app
from complaintkit.testing.server import running_server
from loopback import loopback_client
from vip_list import VipList

_tries = itertools.count(1)


def _unreachable_each_time_in_other_words(value: object) -> bool:
    """A VIP list that does not answer, never saying so the same way twice."""
    raise TimeoutError(f"the VIP list did not answer (try {next(_tries)}, {object()!r})")


def test_the_same_answer_pressed_again_is_kept_once(tmp_path: Path) -> None:
    plugin = VipList()
    desk = asking(tmp_path, plugin)
    case = offered(desk)
    plugin.test = _unreachable_each_time_in_other_words
    path = f"/status/{case.status_token}/offers/comp-1"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        for _ in range(3):
            assert client.post(path, json={"answer": "accept"}).status_code == 503
        form = client.post(
            f"{path}?lang=zh", data={"answer": "accept"}, headers={"Accept": "text/html"}
        )
        assert form.status_code == 503
        assert client.post(path, json={"answer": "decline"}).status_code == 503
    letters = desk.storage.dead_letters()
    answers = sorted(json.loads(letter.raw)["answer"] for letter in letters)
    assert answers == ["accept", "decline"]
    assert {letter.source for letter in letters} == {f"answer:{case.id}:comp-1"}
    assert all("'vip-list'" in letter.reason for letter in letters)
