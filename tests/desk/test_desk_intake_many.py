import sqlite3
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.audit import verify_chain
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import T0, make_complaint

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"


def taken(outcome: Taken | InvalidInput) -> Taken:
    assert isinstance(outcome, Taken), outcome
    return outcome


@pytest.fixture
def sqlite_desk(tmp_path: Path, manual_clock: ManualClock) -> Any:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        yield Desk(storage=storage, clock=manual_clock)


def test_batch_opens_one_case_each_with_full_histories(sqlite_desk: Desk) -> None:
    outcomes = [
        taken(o) for o in sqlite_desk.intake_many(make_complaint(f"k{n}") for n in range(5))
    ]
    assert [o.created for o in outcomes] == [True] * 5
    assert [o.case.complaint.external_id for o in outcomes] == [f"k{n}" for n in range(5)]
    for outcome in outcomes:
        stored = sqlite_desk.get(outcome.case.id)
        assert stored.to_json() == outcome.case.to_json()
        events = sqlite_desk.history(stored.id)
        assert [e.kind for e in events] == ["opened", "classified", "assigned"]
        assert verify_chain(stored.id, events) is None


def test_same_key_twice_in_one_batch_is_one_case(sqlite_desk: Desk) -> None:
    first, again = (
        taken(o) for o in sqlite_desk.intake_many([make_complaint("a"), make_complaint("a")])
    )
    assert first.case.id == again.case.id
    assert (first.created, again.created) == (True, False)
    assert list(sqlite_desk.storage.case_ids()) == [first.case.id]


def test_key_from_an_earlier_batch_or_intake_returns_the_stored_case(sqlite_desk: Desk) -> None:
    single = sqlite_desk.intake(make_complaint("a"))
    (first,) = sqlite_desk.intake_many([make_complaint("b")])
    outcomes = [
        taken(o) for o in sqlite_desk.intake_many([make_complaint("a"), make_complaint("b")])
    ]
    assert [o.case.id for o in outcomes] == [single.id, taken(first).case.id]
    assert not any(o.created for o in outcomes)
    assert len(list(sqlite_desk.storage.case_ids())) == 2


def test_bad_complaint_is_reported_alone_and_the_rest_are_stored(sqlite_desk: Desk) -> None:
    bad = make_complaint("bad").to_json()
    bad["received_at"] = "2026-11-23T09:00:00"  # no offset
    outcomes = sqlite_desk.intake_many(
        [make_complaint("a"), bad, {"text": "?"}, make_complaint("b")]
    )
    assert isinstance(outcomes[1], InvalidInput)
    assert outcomes[1].field == "received_at"
    assert isinstance(outcomes[2], InvalidInput)
    stored = {taken(outcomes[0]).case.id, taken(outcomes[3]).case.id}
    assert set(sqlite_desk.storage.case_ids()) == stored


def test_plugins_hear_only_the_cases_the_batch_opened(manual_clock: ManualClock) -> None:
    heard: list[str] = []

    class Listener:
        @hookimpl
        def case_event(self, event: CaseEvent, case: Case) -> None:
            heard.append(f"{case.complaint.external_id}:{event.kind}")

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Listener())
    desk = Desk(clock=manual_clock, plugins=Plugins(pm))
    desk.intake(make_complaint("a"))
    heard.clear()
    desk.intake_many([make_complaint("a"), make_complaint("b"), make_complaint("b")])
    assert heard == ["b:opened", "b:classified", "b:assigned"]


def test_batch_assesses_like_one_by_one_intake(tmp_path: Path) -> None:
    """History facts count the customer's earlier complaints in the same batch."""
    complaints = [
        make_complaint(f"k{n}", customer=f"C{n % 3}", text="孩子喝了牛奶以后肚子疼")
        for n in range(9)
    ]
    policy = load_policy(DEMO_POLICY)
    one_by_one = Desk(policy, clock=ManualClock(T0))
    batched = Desk(policy, clock=ManualClock(T0))
    expected = [one_by_one.intake(c) for c in complaints]
    got = [taken(o).case for o in batched.intake_many(complaints)]
    assert [(c.category, c.severity, c.priority, c.tags, c.owner) for c in got] == [
        (c.category, c.severity, c.priority, c.tags, c.owner) for c in expected
    ]
    assert "repeat" in got[-1].tags
    assert "repeat" not in got[0].tags


def test_a_failing_batch_stores_none_of_it(sqlite_desk: Desk) -> None:
    """One transaction: when the write fails part-way, the earlier items are undone too."""
    storage = sqlite_desk.storage
    existing = sqlite_desk.intake(make_complaint("a"))
    scratch = Desk(clock=ManualClock(T0))
    fresh = [taken(o).case for o in scratch.intake_many([make_complaint("b"), make_complaint("c")])]
    fresh[1].status_token = existing.status_token  # a unique column collides on the last item
    items = [(case, scratch.history(case.id)) for case in fresh]
    with pytest.raises(sqlite3.IntegrityError):
        storage.intake_many(items)
    assert list(storage.case_ids()) == [existing.id]
    assert storage.find_by_key("web", "b") is None
