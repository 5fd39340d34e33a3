"""Open work over a scope is the same whether SQLite chooses the cases in SQL or every
open case is read and tested one by one (the generic source: the definition)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports.scope import Scope
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.reports.storage_source import StorageReportSource
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).parents[2]
T0 = datetime(2026, 11, 2, 1, tzinfo=UTC)
TEXTS = ["外卖送错了 还洒了", "牛奶过期了", "价格标错了多收钱", "吃了以后拉肚子", "快递三天没到"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStorage:
    path = tmp_path_factory.mktemp("open-work") / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(
        ROOT / "src/complaintkit/demo/policy.yaml", storage=f"sqlite:///{path}", clock=clock
    )
    for n in range(60):
        received = T0 + timedelta(hours=7 * n)
        clock.set(received + timedelta(minutes=5))
        case = desk.intake(
            {
                "channel": "web" if n % 3 else "phone",
                "external_id": f"o-{n}",
                "received_at": received.isoformat(),
                "customer": {"id": f"c{n % 7}"},
                "text": TEXTS[n % len(TEXTS)],
                "product": f"SKU-{n % 4}",
            }
        )
        if n % 4 == 0:
            desk.transition(case.id, "withdrawn", actor="customer")
    return desk.storage  # type: ignore[return-value]


SCOPES = [
    Scope(),
    Scope(since=T0 + timedelta(days=3)),
    Scope(until=T0 + timedelta(days=5)),
    Scope(since=T0 + timedelta(days=2), until=T0 + timedelta(days=9)),
    Scope(channel="phone"),
    Scope(product="SKU-1", since=T0 + timedelta(days=1)),
    Scope(category="product"),
    Scope(severity="critical", until=T0 + timedelta(days=8)),
    Scope(since=T0 + timedelta(days=400)),
]


@pytest.mark.parametrize("scope", SCOPES)
def test_open_work_in_sql_is_the_open_work_case_by_case(store: SQLiteStorage, scope: Scope) -> None:
    now = T0 + timedelta(days=20)
    fast = SQLiteReportSource(store)
    try:
        chosen = fast.open_work(scope, now, timedelta(days=1), top=1000)
    finally:
        fast.close()
    defined = StorageReportSource(store).open_work(scope, now, timedelta(days=1), top=1000)
    assert chosen == defined
    in_scope = list(StorageReportSource(store).open_cases(scope))
    assert sum(row.open for row in chosen[0]["owner"]) == len(in_scope)
