"""Two batch rules on one key: an early warning (3 in two days) and a recall threshold (5 in
a week). Both opened on the same first case, so both incidents had one id: the second was
taken for already raised and never recorded, and ``report --incident`` found only one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from incident_policy import incident_policy

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
WARNING, RECALL = WindowRule("product", 3, 48), WindowRule("product", 5, 168)
POLICY = incident_policy(
    "{key: product, min_cases: 3, window_hours: 48}",
    "{key: product, min_cases: 5, window_hours: 168}",
)


def test_each_rule_on_one_key_raises_its_own_incident(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(T0)
    desk = Desk(load_policy(path), storage="memory:", clock=clock)
    for n in range(5):
        clock.set(T0 + timedelta(hours=n))
        desk.intake(
            {
                "channel": "web",
                "external_id": f"c{n}",
                "received_at": T0.isoformat(),
                "customer": {"id": f"cust{n}"},
                "text": "the milk was sour",
                "product": "SKU-MILK",
            }
        )
    source = open_source(desk.storage)
    [warning] = detect_batches(source, WARNING, Scope())
    [recall] = detect_batches(source, RECALL, Scope())
    assert warning.id != recall.id
    recorded = [
        (e.data["id"], e.data["rule"]["min_cases"])
        for case in desk.find()
        for e in desk.history(case.id)
        if e.kind == "incident_detected"
    ]
    assert sorted(recorded) == sorted([(warning.id, 3), (recall.id, 5)])
