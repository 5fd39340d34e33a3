"""A stored event of a kind this complaintkit does not know and not marked custom (written
by a newer complaintkit, which knows it) was folded as nothing: ``replay`` compared the
case as if it never happened and said nothing, ``audit verify`` only that the case row
disagreed with its events. The case is now refused, naming the event and its kind, and the
other cases go on; the audit names it as a ``kind`` finding."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk, records
from complaintkit.errors import UnknownEventKind
from complaintkit.model import history
from complaintkit.model.custom_events import RECORDED
from complaintkit.model.drafts import Draft
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage
from demo_store import copied, play_demo

NEWER = "survey_sent"  # a kind a later complaintkit might record itself


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _case_ids(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return [str(row[0]) for row in connection.execute("SELECT id FROM cases ORDER BY id")]


def _written_by_a_newer_version(db: Path, case_id: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Record a ``NEWER`` event on the case as a version knowing it would (not custom, the
    hash chain, ledger and case row all written as usual); its event number."""
    with monkeypatch.context() as newer:
        newer.setattr(history, "RECORDED", RECORDED | {NEWER})
        newer.setattr(
            records,
            "custom_draft",
            lambda name, actor, reason, data: Draft(name, data, reason, actor),
        )
        with SQLiteStorage(f"sqlite:///{db}") as storage:
            desk = Desk(load_policy(demo_policy_path()), storage=storage)
            case = desk.record_event(case_id, NEWER, actor="li.na", data={"via": "sms"})
    return case.version


def _run(*args: str) -> Any:
    return CliRunner().invoke(build_cli(), list(args), catch_exceptions=False)


def test_replay_names_the_case_with_a_newer_kind_and_compares_the_others(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copied(demo_db, tmp_path)
    cases = _case_ids(db)
    victim = cases[1]
    seq = _written_by_a_newer_version(db, victim, monkeypatch)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    problem = result.damaged[0][1]
    assert f"case {victim} event {seq} has kind '{NEWER}'" in problem
    assert "does not know" in problem
    assert "upgrade" in problem
    assert "`complaintkit audit verify` lists every damaged record" in problem  # or edited
    assert result.comparison.cases == len(cases) - 1
    text = _run("--db", f"sqlite:///{db}", "replay", str(demo_policy_path()))
    assert text.exit_code == 1
    assert f"damaged case {victim}: " in text.output
    assert f"'{NEWER}'" in text.output


def test_audit_names_the_newer_kind_as_its_own_finding(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copied(demo_db, tmp_path)
    victim = _case_ids(db)[2]
    seq = _written_by_a_newer_version(db, victim, monkeypatch)
    result = _run("--db", f"sqlite:///{db}", "audit", "verify", "--json")
    assert result.exit_code != 0
    broken = json.loads(result.stdout)["broken"]
    assert [(f["code"], f["case_id"], f["seq"]) for f in broken] == [("kind", victim, seq)]
    assert f"'{NEWER}'" in broken[0]["problem"]
    assert "upgrade" in broken[0]["problem"]


def test_the_kind_is_known_to_the_version_that_wrote_it(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same store read by a version knowing the kind replays (what the test plays)."""
    db = copied(demo_db, tmp_path)
    _written_by_a_newer_version(db, _case_ids(db)[1], monkeypatch)
    monkeypatch.setattr(history, "RECORDED", RECORDED | {NEWER})
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins())
    assert result.damaged == []


def test_a_long_kind_is_named_cut_short() -> None:
    error = UnknownEventKind("CK-1", 4, "x" * 500)
    assert "case CK-1 event 4 has kind 'xxx" in str(error)
    assert len(str(error)) < 400
