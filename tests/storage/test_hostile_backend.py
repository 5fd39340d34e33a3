"""complaintkit's promises held against a third-party backend that fails where it should
not (``hostile_backend.Hostile``): nothing lost (a complaint it could not store is a dead
letter, or the error stops the run and taking the source in again takes it in), nothing
done twice, and an error naming the backend and its plugin, not a bare traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile_backend import Broken, Hostile

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import PluginError, StorageError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import CaseQuery
from complaintkit.testing import step_retry_contract as contract
from complaintkit.testing.storage_contract import T0, make_complaint

KEYS = "abcd"
SUPERMARKET = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
NAMED = "storage backend Hostile (hostile_backend) of plugin 'acme'"


class Acme:
    """Registers ``hostile:``, one store per URL, so a test sees the store a run used."""

    def __init__(self) -> None:
        self.stores: dict[str, Hostile] = {}

    @hookimpl
    def register_storage(self, register: Register) -> None:
        register("hostile", lambda url: self.stores.setdefault(url, Hostile(url)))


@pytest.fixture
def acme() -> Acme:
    return Acme()


def _run(acme: Acme, *arguments: str) -> Result:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(acme, name="acme")
    return CliRunner().invoke(build_cli(Plugins(pm)), ["--db", "hostile:", *arguments])


def _source(tmp_path: Path) -> str:
    source = tmp_path / "in.jsonl"
    lines = (json.dumps(make_complaint(key).to_json()) for key in KEYS)
    source.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return str(source)


def _stored_once(store: Hostile) -> None:
    """Each complaint of the source is one case, opened once."""
    assert all(store.find_by_key("web", key) is not None for key in KEYS)
    assert store.count(CaseQuery()) == len(KEYS)
    opened = [e for e in store.events_since(None, 100).events if e.kind == "opened"]
    assert len(opened) == len(KEYS)


def test_each_complaint_the_backend_fails_to_store_is_a_dead_letter_naming_it(
    acme: Acme, tmp_path: Path
) -> None:
    store = acme.stores["hostile:"] = Hostile()
    store.fail("intake", times=99)
    result = _run(acme, "intake", _source(tmp_path))
    assert result.exit_code == 3, result.output
    letters = store.dead_letters()
    assert len(letters) == len(KEYS)
    assert all(f"{NAMED} raised Broken: intake failed in intake" in d.reason for d in letters)
    store.faults.clear()
    again = _run(acme, "intake", _source(tmp_path))
    assert again.exit_code == 0, again.output
    _stored_once(store)


@pytest.mark.parametrize("point", ["intake", "commit"])
def test_a_batch_failing_once_part_way_stores_each_complaint_once(
    acme: Acme, tmp_path: Path, point: str
) -> None:
    store = acme.stores["hostile:"] = Hostile()
    store.fail(point, passing=2)
    result = _run(acme, "intake", _source(tmp_path))
    assert result.exit_code == 0, result.output
    _stored_once(store)
    assert store.dead_letters() == []


def test_a_commit_that_keeps_failing_is_an_error_naming_the_backend(
    acme: Acme, tmp_path: Path
) -> None:
    """Not even the dead letters can be kept: the run fails saying why, having stored
    nothing, and taking the source in again once the store is fixed takes it all in."""
    store = acme.stores["hostile:"] = Hostile()
    store.fail("commit", times=99)
    result = _run(acme, "intake", _source(tmp_path))
    assert result.exit_code == 1, result.output
    assert f"Error: {NAMED} raised Broken: commit failed in transaction" in result.output
    assert "Traceback" not in result.output
    assert (store.count(CaseQuery()), store.dead_letters()) == (0, [])
    store.faults.clear()
    assert _run(acme, "intake", _source(tmp_path)).exit_code == 0
    _stored_once(store)


def test_events_the_backend_cannot_read_are_an_error_naming_it(acme: Acme) -> None:
    store = acme.stores["hostile:"] = Hostile()
    case = Desk(storage=store, clock=ManualClock(T0)).intake(make_complaint("a"))
    store.fail("events", times=99)
    result = _run(acme, "cases", "show", case.id)
    assert result.exit_code == 1, result.output
    assert f"{NAMED} raised Broken: events failed in events" in result.output


def test_a_feed_the_backend_cannot_page_is_an_error_naming_it() -> None:
    store = Hostile()
    desk = Desk(storage=store, clock=ManualClock(T0))
    desk.intake(make_complaint("a"))
    store.fail("events_since")
    with pytest.raises(PluginError, match=r"Hostile \(hostile_backend\) raised .* in events_since"):
        desk.events_since(None)
    assert [e.kind for e in desk.events_since(None).events][:1] == ["opened"]


def test_a_step_whose_save_failed_is_recorded_once_when_sent_again() -> None:
    store = Hostile()
    desk = Desk(storage=store, clock=ManualClock(T0))
    case = desk.intake(make_complaint("a"))
    store.fail("save")
    with pytest.raises(PluginError, match=r"raised Broken: save failed in save"):
        desk.respond(case.id, "we are on it", actor="li.na")
    assert store.get(case.id).version == case.version
    desk.respond(case.id, "we are on it", actor="li.na")
    assert [e.kind for e in store.events(case.id)].count("responded") == 1


def test_a_step_whose_commit_failed_runs_again_under_its_key() -> None:
    """Its answer was kept though its commit failed: the retry was answered 200 from it,
    and the step was never recorded."""
    store = Hostile()
    desk = Desk(storage=store, clock=ManualClock(contract.T0))
    served = contract.Served(store, desk, create_app(desk, agent_tokens={contract.AGENT: "li.na"}))
    case_id = contract.opened_case(served, "HOSTILE-1")
    store.fail("commit")
    refused = served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-1")
    assert refused.status_code != 200, refused.text
    assert served.recorded(case_id, "noted") == 0
    retried = served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-1")
    assert retried.status_code == 200, retried.text
    assert served.recorded(case_id, "noted") == 1
    served.stop()


def test_a_tick_whose_save_fails_part_way_undoes_its_batch_and_the_next_does_it_once() -> None:
    """No clock event, no notification of the failed pass stays: the next pass records
    and queues each once, and a pass after it finds nothing left to do."""
    store, clock = Hostile(), ManualClock(T0)
    desk = Desk(load_policy(SUPERMARKET), storage=store, clock=clock)
    ids = [desk.intake(make_complaint(key, text="sour milk, I got sick")).id for key in KEYS]
    clock.advance(timedelta(days=30))
    before = {case_id: len(store.events(case_id)) for case_id in ids}
    queued = len(store.deliveries())
    store.fail("save", passing=1)
    with pytest.raises(PluginError, match=r"raised Broken: save failed in save"):
        desk.tick()
    assert {case_id: len(store.events(case_id)) for case_id in ids} == before
    assert len(store.deliveries()) == queued
    assert desk.tick().cases == len(KEYS)
    added = {case_id: len(store.events(case_id)) - before[case_id] for case_id in ids}
    sent = len(store.deliveries()) - queued
    assert desk.tick().cases == 0
    assert {case_id: len(store.events(case_id)) - before[case_id] for case_id in ids} == added
    assert len(store.deliveries()) - queued == sent > 0


class Translating(Hostile):
    """Turns its driver's error in a block into a ``StorageError``, as PostgreSQL's store
    turns a write refused by a read-only transaction into one."""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with super().transaction():
                yield
        except Broken as exc:
            raise StorageError("the store refused the write") from exc


def test_a_backend_turning_its_own_error_in_a_block_into_a_storage_error_still_does() -> None:
    """Its methods' errors reach its own code running around them as they were raised, so
    it can tell them apart; what leaves that code is named."""
    store = Translating()
    case = Desk(storage=store, clock=ManualClock(T0)).intake(make_complaint("a"))
    store.fail("save", times=2)
    with pytest.raises(StorageError, match="refused the write"), store.transaction():
        store.save(case, [])
    with pytest.raises(PluginError, match=r"raised Broken: save failed in save"):
        store.save(case, [])
