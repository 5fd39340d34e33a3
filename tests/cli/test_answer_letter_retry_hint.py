"""``dead-letters retry`` on a customer's answer to an offer says why that answer was kept,
in words true of it. An answer is kept when its form arrived broken, and also when a plugin
failed it as the Desk recorded it (``api/offer_answers``); the retry told staff of every
such letter that "its form arrived broken", sending them to look for a fault in a form the
customer sent whole, while what needs mending first is the plugin its reason names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FIELDS = {"case_id": "CK-1", "offer_id": "comp-1", "answer": "accept"}


def _retried(tmp_path: Path, reason: str) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        storage.dead_letter("answer:CK-1:comp-1", json.dumps(FIELDS).encode(), reason, T0)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", db, "dead-letters", "retry", "--all"])
    return result.stdout


def test_an_answer_a_plugin_failed_is_not_said_to_have_arrived_broken(tmp_path: Path) -> None:
    reason = (
        "the answer could not be recorded: operator 'vip_owner' from plugin 'vip-list' "
        "failed on case.owner: RuntimeError: the VIP list is unreachable"
    )
    said = _retried(tmp_path, reason)
    assert "arrived broken" not in said
    assert "'vip-list'" in said
    assert "complaintkit cases accept CK-1 comp-1" in said


def test_an_answer_whose_form_arrived_broken_says_so(tmp_path: Path) -> None:
    said = _retried(tmp_path, "the form's closing boundary never came: it may be cut short")
    assert "closing boundary" in said
    assert "complaintkit cases accept CK-1 comp-1" in said
