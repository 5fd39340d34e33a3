"""A server without ``--secret`` once refused a complaint under a key another complaint
held (409, ``KeyReused`` or ``KeyConflict``) and kept it as a dead letter. Such a server
now takes it in as a case of its own, under the key it sent followed by ``~`` and a digest
(``api.unsigned_keys``); but ``dead-letters retry`` read the old letter and refused it
again on the same grounds, for ever. An unsigned HTTP letter is now retried as the server
would take it in today; a signed one is still refused, as a signed server refuses it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.channels.read_with import with_options
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HELD = {"external_id": "ORD-1", "customer": {"id": "c-17"}, "text": "冰箱坏了"}
REFUSED = "external_id: 'ORD-1' on channel 'http' is reused with different content"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake({**HELD, "channel": "http", "received_at": AT.isoformat()})
    desk.storage.close()
    return url


def retry(db: str) -> Result:
    return CliRunner().invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", "--json"])


@pytest.mark.parametrize(
    "other",
    [
        {**HELD, "text": "冰箱又坏了"},  # the same customer: KeyReused
        {**HELD, "customer": {"id": "c-99"}, "text": "我的订单也是 ORD-1"},  # KeyConflict
    ],
)
def test_an_unsigned_letter_under_a_held_key_is_taken_in_under_its_own(
    db: str, other: dict[str, object]
) -> None:
    with SQLiteStorage(db) as storage:
        storage.dead_letter("http:http:0123abcd", json.dumps(other).encode(), REFUSED, AT)
    result = retry(db)
    assert result.exit_code == 0, result.output
    (outcome,) = json.loads(result.stdout)
    assert outcome["outcome"] == "taken"
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []
        [case] = [c for c in storage.find(CaseQuery()) if c.complaint.text == other["text"]]
        assert case.complaint.external_id.startswith("ORD-1~")
        held = storage.find_by_key("http", "ORD-1")
        assert held is not None
        assert held.complaint.text == HELD["text"]


def test_an_unsigned_letter_repeating_the_held_complaint_is_already_known(db: str) -> None:
    with SQLiteStorage(db) as storage:
        storage.dead_letter("http:http:0123abcd", json.dumps(HELD).encode(), "policy bug", AT)
    (outcome,) = json.loads(retry(db).stdout)
    assert outcome["outcome"] == "taken"
    assert "0 new cases" in outcome["reason"]


def test_a_signed_letter_under_a_held_key_is_still_refused(db: str) -> None:
    other = {**HELD, "text": "冰箱又坏了", "received_at": AT.isoformat()}
    with SQLiteStorage(db) as storage:
        source = with_options("http:http:0123abcd", {"signed": True})
        storage.dead_letter(source, json.dumps(other).encode(), REFUSED, AT)
    result = retry(db)
    assert result.exit_code == 3
    (outcome,) = json.loads(result.stdout)
    assert outcome["outcome"] == "refused"
    assert "ORD-1" in outcome["reason"]
