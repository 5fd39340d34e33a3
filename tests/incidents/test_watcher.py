"""Live incident alerts through the Desk: one per threshold crossing, whatever the batching."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from incident_policy import incident_policy
from opened import OPENED

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)

POLICY = incident_policy("{key: product, min_cases: 3, window_hours: 48}")
RULE = WindowRule("product", 3, 48)


class Alerts:
    """Collects every incident_detected event, as a notifier would see it."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        if event.kind == "incident_detected":
            self.seen.append(dict(event.data))


@pytest.fixture(scope="module")
def policy_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return path


def make_desk(policy_path: Path, url: str = "memory:") -> tuple[Desk, Alerts]:
    alerts = Alerts()
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    plugins.pm.register(alerts)
    desk = Desk(load_policy(policy_path), storage=url, clock=ManualClock(T0), plugins=plugins)
    OPENED.append(desk.storage)
    return desk, alerts


def complaint(n: int, product: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"c{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": f"cust{n}"},
        "text": "the milk was sour",
        "product": product,
    }


@pytest.fixture(params=["memory", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"


def test_five_taken_one_at_a_time_give_one_alert(policy_path: Path, url: str) -> None:
    desk, alerts = make_desk(policy_path, url)
    for n in range(5):
        desk.intake(complaint(n, "SKU-MILK"))
    assert [a["count"] for a in alerts.seen] == [3]


def test_five_in_one_batch_give_one_alert(policy_path: Path, url: str) -> None:
    desk, alerts = make_desk(policy_path, url)
    desk.intake_many([complaint(n, "SKU-MILK") for n in range(5)])
    assert len(alerts.seen) == 1


def test_exactly_three_in_one_batch_give_one_alert(policy_path: Path, url: str) -> None:
    desk, alerts = make_desk(policy_path, url)
    desk.intake_many([complaint(n, "SKU-MILK") for n in range(3)])
    assert len(alerts.seen) == 1


def test_the_alert_is_the_incident_the_report_lists(policy_path: Path, url: str) -> None:
    desk, alerts = make_desk(policy_path, url)
    desk.intake_many([complaint(n, "SKU-MILK") for n in range(5)])
    [incident] = detect_batches(open_source(desk.storage), RULE, Scope())
    assert [a["id"] for a in alerts.seen] == [incident.id]
    assert incident.count == 5


def test_a_new_process_continues_the_incident_instead_of_raising_it_again(
    policy_path: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    first, first_alerts = make_desk(policy_path, url)
    first.intake_many([complaint(n, "SKU-MILK") for n in range(4)])
    first.storage.close()
    second, second_alerts = make_desk(policy_path, url)
    second.intake_many([complaint(n, "SKU-MILK") for n in range(4, 8)])
    assert (len(first_alerts.seen), second_alerts.seen) == (1, [])
    [incident] = detect_batches(open_source(second.storage), RULE, Scope())
    assert incident.count == 8


def take(desk: Desk, arrivals: Sequence[tuple[float, str]], sizes: Sequence[int]) -> None:
    """Feed (hours, product) arrivals in order, in batches of the given sizes."""
    clock = desk.clock
    assert isinstance(clock, ManualClock)
    n, at = 0, 0
    while n < len(arrivals):
        size = sizes[at % len(sizes)]
        batch = arrivals[n : n + size]
        clock.set(T0 + batch[0][0] * H)
        if size == 1:
            desk.intake(complaint(n, batch[0][1]))
        else:
            desk.intake_many([complaint(n + i, p) for i, (_, p) in enumerate(batch)])
        n, at = n + size, at + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gaps=st.lists(st.sampled_from([0.0, 0.0, 1.0, 5.0, 30.0, 80.0]), min_size=1, max_size=30),
    products=st.data(),
    sizes=st.lists(st.integers(1, 8), min_size=1, max_size=5),
)
def test_one_alert_per_incident_for_every_batch_size_and_arrival_order(
    policy_path: Path, gaps: list[float], products: st.DataObject, sizes: list[int]
) -> None:
    hours = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    keys = products.draw(
        st.lists(
            st.sampled_from(["SKU-A", "SKU-B", "SKU-C"]), min_size=len(hours), max_size=len(hours)
        )
    )
    arrivals = list(zip(hours, keys, strict=True))
    # a batch takes its cases at one clock reading: the first arrival's time
    batched, one_by_one = make_desk(policy_path), make_desk(policy_path)
    take(batched[0], arrivals, sizes)
    take(one_by_one[0], arrivals, [1])
    expected = sorted(i.id for i in detect_batches(open_source(batched[0].storage), RULE, Scope()))
    assert sorted(a["id"] for a in batched[1].seen) == expected
    assert len(one_by_one[1].seen) == len(
        detect_batches(open_source(one_by_one[0].storage), RULE, Scope())
    )
