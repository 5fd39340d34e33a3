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

from offered_voucher import POLICY, offered, voucher_desk

import complaintkit
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import running_server
from loopback import loopback_client

LADDER = """\
sla:
  targets: [{first_response: 24h, resolution: 10d}]
escalation:
  ladders:
    - name: vip
      when: {field: case.owner, vip_owner: x}
      levels:
        - {name: lead, trigger: {sla: resolution, elapsed: 0.8}, actions: [{add_tags: [vip]}]}
"""

_tries = itertools.count(1)


class _VipPlugin:
    """Whether the case's owner is a VIP's: unreachable once ``failing``, never saying so
    the same way twice."""

    failing = False

    def vip(self, value: object) -> bool:
        if self.failing:
            raise TimeoutError(f"the VIP list did not answer (try {next(_tries)}, {object()!r})")
        return False

    @complaintkit.hookimpl
    def register_operators(self, register: object) -> None:
        register("vip_owner", lambda argument: self.vip)  # type: ignore[operator]


def failing_desk(folder: Path) -> tuple[Desk, _VipPlugin]:
    plain = voucher_desk(folder)
    (folder / "policy.yaml").write_text(POLICY + LADDER, encoding="utf-8")
    plugin = _VipPlugin()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="vip-list")
    desk = Desk(
        folder / "policy.yaml", storage=plain.storage, clock=plain.clock, plugins=Plugins(pm)
    )
    return desk, plugin


def test_the_same_answer_pressed_again_is_kept_once(tmp_path: Path) -> None:
    desk, plugin = failing_desk(tmp_path)
    case = offered(desk)
    plugin.failing = True
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
