"""``dead-letters retry`` beside another retry, a purge, or a channel gone: a letter is
taken in once, a purged letter stays purged, and a missing plugin refuses only its letter."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.cli.dead_letters import _retry
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import DeadLetter
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
GOOD = {"channel": "web", "external_id": "J-1", "customer": {"id": "c"}, "text": "late"}


def _kept(url: str) -> DeadLetter:
    """A letter whose record is good now (its cause was fixed since it was kept)."""
    with SQLiteStorage(url) as storage:
        record = json.dumps(GOOD | {"received_at": AT.isoformat()}).encode()
        storage.dead_letter("jsonl:in.jsonl:2", record, "policy bug", AT)
        (letter,) = storage.dead_letters()
    return letter


def test_two_retries_of_one_letter_take_it_in_once(tmp_path: Path) -> None:
    """Two operators (two processes) both listed the letter, then each retried it: the
    second found it gone, instead of reporting it taken a second time."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    letter = _kept(url)
    first, second = (Desk(EmptyPolicy(), storage=url) for _ in range(2))
    try:
        assert _retry(first, letter, None, {})[0] == "taken"
        outcome, reason = _retry(second, letter, None, {})
        assert outcome == "gone"
        assert "removed since it was listed" in reason
        assert len(list(second.storage.case_ids())) == 1
    finally:
        first.storage.close()
        second.storage.close()


def test_a_letter_purged_while_it_was_retried_is_not_taken_in(tmp_path: Path) -> None:
    """An operator purged it as junk after the retry listed it: the retry takes no case
    in from it."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    letter = _kept(url)
    retrying, purging = (Desk(EmptyPolicy(), storage=url) for _ in range(2))
    try:
        assert purging.storage.purge_dead_letters([letter.id]) == 1
        assert _retry(retrying, letter, None, {})[0] == "gone"
        assert list(retrying.storage.case_ids()) == []
        assert retrying.storage.dead_letters() == []
    finally:
        retrying.storage.close()
        purging.storage.close()


def test_a_letter_of_a_channel_no_longer_installed_is_refused_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    letter = _kept(url)
    with SQLiteStorage(url) as storage:
        storage.dead_letter("nats:orders:7", b'{"external_id": "N-7"}', "policy bug", AT)
    retried = CliRunner().invoke(CLI, ["--db", url, "dead-letters", "retry", "--all", "--json"])
    assert retried.exit_code == 3
    gone, taken = sorted(json.loads(retried.stdout), key=lambda r: str(r["outcome"]))
    assert (gone["outcome"], taken["outcome"]) == ("refused", "taken")
    assert "nats" in gone["reason"]
    assert taken["id"] == letter.id
    listed = json.loads(
        CliRunner().invoke(CLI, ["--db", url, "dead-letters", "list", "--json"]).stdout
    )
    assert [(d["source"], d["reason"]) for d in listed] == [("nats:orders:7", "policy bug")]


def test_a_letter_refused_by_each_retry_lists_how_often_and_when_last(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as storage:
        storage.dead_letter("jsonl:in.jsonl:1", b'{"external_id": "x"}', "text: missing", AT)
    for _ in range(2):
        retried = CliRunner().invoke(CLI, ["--db", url, "dead-letters", "retry", "--all"])
        assert retried.exit_code == 3
    listing = CliRunner().invoke(CLI, ["--db", url, "dead-letters", "list", "--json"])
    (listed,) = json.loads(listing.stdout)
    assert listed["retries"] == 2
    assert datetime.fromisoformat(str(listed["last_retry_at"])) >= AT
    (line,) = CliRunner().invoke(CLI, ["--db", url, "dead-letters", "list"]).stdout.splitlines()
    assert f"retried 2 times, last {listed['last_retry_at'][:16].replace('T', ' ')}" in line
