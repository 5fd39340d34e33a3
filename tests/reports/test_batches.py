"""Batch detection: N complaints about one product or batch within a window."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from reports_day import T0, H, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.batches import BatchWatcher
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from incident_policy import incident_policy


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    return Desk(storage=url, clock=ManualClock(T0), plugins=local_plugins())


def arrive(desk: Desk, key: str, hours: float, product: str, **attributes: str) -> str:
    at = T0 + hours * H
    desk.clock.set(at)  # type: ignore[attr-defined]
    return desk.intake(complaint(key, "web", at, product, **attributes)).id


def test_detects_a_planted_batch_and_nothing_else(desk: Desk) -> None:
    rng = random.Random(3)
    # background: 40 products, each complained about at most twice in 3 days
    for i in range(80):
        arrive(desk, f"bg{i}", i * 1.9, f"SKU-{i % 40}")
    planted = [arrive(desk, f"milk{i}", 10 + i * rng.uniform(5, 20), "SKU-MILK") for i in range(4)]
    batches = detect_batches(open_source(desk.storage), WindowRule("product", 3, 72), Scope())
    assert [(b.value, b.count, b.case_ids) for b in batches] == [("SKU-MILK", 4, tuple(planted))]


def test_spread_out_complaints_are_not_a_batch(desk: Desk) -> None:
    for i in range(6):
        arrive(desk, f"k{i}", i * 40, "SKU-KETTLE")
    assert detect_batches(open_source(desk.storage), WindowRule("product", 3, 72), Scope()) == []


def test_batch_by_complaint_attribute(desk: Desk) -> None:
    ids = [arrive(desk, f"b{i}", i, f"SKU-{i}", batch="LOT-7") for i in range(3)]
    arrive(desk, "other", 4, "SKU-9", batch="LOT-8")
    batches = detect_batches(
        open_source(desk.storage), WindowRule("attributes.batch", 3, 24), Scope()
    )
    assert [(b.value, b.case_ids) for b in batches] == [("LOT-7", tuple(ids))]


def test_watcher_flags_the_case_that_completes_a_batch_once(desk: Desk) -> None:
    seen = []

    class Notifier:
        @hookimpl
        def case_event(self, event, case):  # type: ignore[no-untyped-def]
            if event.kind == "incident_detected":
                seen.append((case.id, event.data["count"]))

    desk.plugins.pm.register(BatchWatcher([WindowRule("product", 3, 48)]))
    desk.plugins.pm.register(Notifier())
    ids = [arrive(desk, f"m{i}", i * 10, "SKU-MILK") for i in range(5)]
    arrive(desk, "other", 51, "SKU-BREAD")
    assert seen == [(ids[2], 3)]
    kinds = [e.kind for e in desk.history(ids[2])]
    assert kinds[-1] == "incident_detected"
    assert desk.history(ids[2])[-1].data["case_ids"] == ids[:3]


def test_bad_batch_key_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"attributes\.NAME"):
        WindowRule("sku", 3, 24)


def test_batch_window_is_inclusive_of_its_edge(desk: Desk) -> None:
    for i in range(3):
        arrive(desk, f"e{i}", i * 36, "SKU-EDGE")
    found = detect_batches(open_source(desk.storage), WindowRule("product", 3, 72), Scope())
    assert [b.count for b in found] == [3]
    assert found[0].last_at - found[0].first_at == timedelta(hours=72)


BATCH_POLICY = incident_policy("{key: product, min_cases: 3, window_hours: 48}")


def test_policy_incidents_section_makes_the_desk_watch_batches(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BATCH_POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage="memory:", clock=ManualClock(T0))
    ids = [arrive(desk, f"p{i}", i * 10, "SKU-MILK") for i in range(4)]
    flagged = [i for i in ids if desk.history(i)[-1].kind == "incident_detected"]
    assert flagged == [ids[2]]


def test_imported_cases_are_left_out_of_the_batch_replay(desk: Desk) -> None:
    """Imported cases are history, never watched for batches: the report lists no incident
    intake never raised, whether the key is the product or an attribute."""
    for i in range(4):
        imported = {**complaint(f"old{i}", "old-desk", T0 + i * H, "SKU-OLD", lot="L-1")}
        imported["history"] = {"status": "closed", "closed_at": (T0 + 30 * H).isoformat()}
        desk.clock.set(T0 + 40 * H)  # type: ignore[attr-defined]
        desk.intake(imported)
    live = [arrive(desk, f"new{i}", 50 + i, "SKU-NEW", lot="L-2") for i in range(3)]
    source = open_source(desk.storage)
    for rule in (WindowRule("product", 3, 72), WindowRule("attributes.lot", 3, 72)):
        batches = detect_batches(source, rule, Scope())
        assert [b.case_ids for b in batches] == [tuple(live)]


def _live_ids(desk: Desk, case_ids: list[str]) -> list[str]:
    return [
        e.data["id"]
        for case_id in case_ids
        for e in desk.storage.events(case_id)
        if e.kind == "incident_detected"
    ]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_scoped_report_lists_the_incidents_intake_raised(tmp_path: Path, backend: str) -> None:
    """An incident open at ``since``, or holding cases outside a filter, is the one intake
    raised (same id, counted from its first case), listed when any of its cases is in scope;
    ``until`` stops it where intake stood then."""
    path = tmp_path / "policy.yaml"
    path.write_text(BATCH_POLICY, encoding="utf-8")
    url = "memory:" if backend == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(path), storage=url, clock=ManualClock(T0))
    ids = [arrive(desk, f"k{i}", i, "SKU-MILK") for i in range(6)]
    arrive(desk, "web-only", 7, "SKU-BREAD")
    [raised] = _live_ids(desk, ids)
    source, rule = open_source(desk.storage), WindowRule("product", 3, 48)

    def listed(scope: Scope) -> list[tuple[str, int]]:
        return [(b.id, b.count) for b in detect_batches(source, rule, scope)]

    assert listed(Scope()) == [(raised, 6)]
    assert listed(Scope(since=T0 + 2 * H)) == [(raised, 6)]
    assert listed(Scope(since=T0 + 4 * H)) == [(raised, 6)]
    assert listed(Scope(until=T0 + 4 * H)) == [(raised, 4)]
    assert listed(Scope(since=T0 + 6 * H)) == []
    assert listed(Scope(product="SKU-BREAD")) == []
