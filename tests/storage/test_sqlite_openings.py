"""``SQLiteStorage.openings``, which counts a batch's customer-history facts from one query,
answers every customer and instant as ``count`` does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk, Taken
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CUSTOMERS = ["C1", "C2", "Zo\u00eb", "\U0001f600", 'q"\\']
ASKED = [*CUSTOMERS, "nobody", "bad\x00", "\ud800"]
ZONES = [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))]
#: Instants a microsecond apart around each case's opening, and far from it.
_OFFSET = st.one_of(
    st.integers(min_value=-3, max_value=3).map(lambda us: timedelta(microseconds=us)),
    st.integers(min_value=-200_000, max_value=200_000).map(lambda s: timedelta(seconds=s)),
)
_INSTANT = st.builds(
    lambda days, offset, zone: (T0 + timedelta(days=days) + offset).astimezone(zone),
    st.integers(min_value=3, max_value=6),  # after the complaints' receipt at T0
    _OFFSET,
    st.sampled_from(ZONES),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(CUSTOMERS), _INSTANT), max_size=10),
    st.lists(st.sampled_from(ASKED), min_size=1, max_size=4, unique=True),
    _INSTANT,
    st.lists(st.tuples(st.sampled_from(ASKED), _INSTANT), min_size=1, max_size=8),
)
def test_openings_count_as_count_does(
    opened: list[tuple[str, datetime]],
    batch: list[str],
    since: datetime,
    questions: list[tuple[str, datetime]],
) -> None:
    with TemporaryDirectory() as folder:
        storage = SQLiteStorage(f"sqlite:///{Path(folder) / 'cases.db'}?synchronous=normal")
        clock = ManualClock(T0)
        desk = Desk(storage=storage, clock=clock)
        for n, (customer, at) in enumerate(opened):
            clock.set(at)
            desk.intake(make_complaint(f"k{n}", customer=customer))
        counted = storage.openings(batch, since)
        for customer, at in [*questions, *((c, since) for c in batch)]:
            query = CaseQuery(customer_id=customer, opened_since=at)
            assert counted(customer, at) == storage.count(query)
        storage.close()


def test_a_damaged_opening_is_counted_as_sqlite_counts_it(tmp_path: Path) -> None:
    """Text in the ``opened_at`` column sorts after every number in SQLite: counted always."""
    storage = SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}")
    case = Desk(storage=storage, clock=ManualClock(T0)).intake(make_complaint("k"))
    storage._db.execute("UPDATE cases SET opened_at = 'soon' WHERE id = ?", (case.id,))
    later = T0 + timedelta(days=400)
    assert storage.openings(["C1"], T0)("C1", later) == 1
    assert storage.count(CaseQuery(customer_id="C1", opened_since=later)) == 1
    storage.close()


def test_a_batch_on_sqlite_counts_the_stored_and_the_batchs_complaints(tmp_path: Path) -> None:
    """The demo policy's repeat-complaint rule sees stored cases and the batch's own, as
    one-by-one intake does."""
    complaints = [
        make_complaint(f"k{n}", customer=f"C{n % 3}", text="孩子喝了牛奶以后肚子疼")
        for n in range(12)
    ]
    policy = load_policy(Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml")
    one_by_one = Desk(policy, storage=f"sqlite:///{tmp_path / 'a.db'}", clock=ManualClock(T0))
    batched = Desk(policy, storage=f"sqlite:///{tmp_path / 'b.db'}", clock=ManualClock(T0))
    expected = [one_by_one.intake(c) for c in complaints]
    outcomes = [*batched.intake_many(complaints[:5]), *batched.intake_many(complaints[5:])]
    got = [o.case for o in outcomes if isinstance(o, Taken)]
    assert [(c.tags, c.severity, c.priority) for c in got] == [
        (c.tags, c.severity, c.priority) for c in expected
    ]
    assert "repeat" in expected[-1].tags
