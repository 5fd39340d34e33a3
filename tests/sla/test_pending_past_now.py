"""The pending list the engine fires from (``Pending.items`` given ``now``) against the
whole list: it may leave out what falls due after another item past ``now``, so it must
keep every item due by ``now``, in the same order, and the first instant past it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.sla.pending import Item
from complaintkit.sla.work import Work

H = timedelta(hours=1)

_TARGETS = st.sampled_from(
    [
        "4h",
        "10h",
        "2 business days",
        {"within": "3个工作日", "ends": "close_of_business", "roll": "next_business_day"},
    ]
)
_FRACTIONS = st.lists(st.sampled_from([0.25, 0.5, 0.75, 0.8, 0.9]), unique=True, max_size=3)


def _policy(
    first: Any, resolution: Any, warnings: list[float], levels: list[tuple[str, float]]
) -> dict[str, Any]:
    ladder = [
        {"name": f"l{i}", "trigger": {"sla": sla, "elapsed": at}, "actions": [{"add_tags": ["x"]}]}
        for i, (sla, at) in enumerate(levels)
    ]
    return {
        "calendars": {"office": OFFICE},
        "sla": {
            "calendar": "office",
            "warnings": warnings,
            "targets": [{"first_response": first, "resolution": resolution}],
        },
        "escalation": {"ladders": [{"name": "standard", "levels": ladder}]} if ladder else {},
    }


def _split(items: list[Item], now: datetime) -> tuple[list[Item], datetime | None]:
    past = [item[0] for item in items if item[0] > now]
    return [item for item in items if item[0] <= now], past[0] if past else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=_TARGETS,
    resolution=_TARGETS,
    warnings=_FRACTIONS,
    levels=st.lists(
        st.tuples(
            st.sampled_from(["first_response", "resolution"]),
            st.sampled_from([0.3, 0.5, 0.8, 1.0, 1.5]),
        ),
        max_size=3,
    ),
    ticks=st.lists(st.integers(0, 60 * 60 * 60), min_size=1, max_size=3),
    late=st.integers(0, 60 * 60 * 80),
)
def test_the_list_past_now_keeps_what_is_due_and_the_next(
    first: Any,
    resolution: Any,
    warnings: list[float],
    levels: list[tuple[str, float]],
    ticks: list[int],
    late: int,
) -> None:
    desk, _ = make_desk(_policy(first, resolution, warnings, levels))
    case_id = desk.intake(complaint()).id
    for seconds in sorted(ticks):  # some warnings and levels already given
        desk.tick(START + timedelta(seconds=seconds))
    case = desk.get(case_id)
    assert desk.sla is not None
    for now in (START + timedelta(seconds=late), START + timedelta(seconds=max(ticks) + late)):
        whole = desk.sla.due.items(Work(case))
        assert _split(desk.sla.due.items(Work(case), now), now) == _split(whole, now)
