"""An agent reading or working on a case whose stored row was altered outside complaintkit
was answered 503 "storage is unavailable; retry later" for as long as the damage stayed:
retried for ever, never told what was wrong nor which case. Now an agent's request on a
damaged case is a 409 naming the case and what is wrong, saying retrying will not help
until it is repaired. The customer's status page and the public intake still say only that
storage is unavailable: the store's damage is staff's business."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
BEARER = {"Authorization": f"Bearer {AGENT}"}


def test_an_agent_is_told_which_case_is_damaged_and_the_customer_is_not(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    desk = Desk(storage=f"sqlite:///{db}")
    case = desk.intake(make_complaint("DMG-1"))
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("UPDATE cases SET body = '{\"x\": 1}' WHERE id = ?", (case.id,))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        answers = [
            client.get(f"/cases/{case.id}", headers=BEARER),
            client.post(f"/cases/{case.id}/note", json={"text": "查看"}, headers=BEARER),
            client.post(f"/cases/{case.id}/respond", json={"message": "您好"}, headers=BEARER),
        ]
        page = client.get(f"/status/{case.status_token}", headers={"Accept": "application/json"})
    desk.storage.close()
    for answer in answers:
        assert answer.status_code == 409, answer.text
        said = answer.json()
        assert f"case {case.id}" in said["error"]
        assert "is damaged" in said["error"]
        assert "retrying will not help" in said["error"]
        assert said["field"] == "case_id"
    assert page.status_code in (200, 503)
    assert "damaged" not in page.text
