"""A warning or level at a fraction of the budget falls due at that share of it as written:
``elapsed: 0.7`` of 24 hours is 16:48, not 16:47:59.999999, though 0.7 is no binary
float and 0.7 times the budget in microseconds comes out just below it; a share that is no
whole number of microseconds falls due at the first microsecond it has been used."""

from __future__ import annotations

import math
from datetime import timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

from complaintkit.sla.metrics import fraction_of

US = timedelta(microseconds=1)
H = timedelta(hours=1)


@given(st.integers(1, 36525 * 24 * 3600), st.integers(1, 3000))
def test_a_fraction_of_a_budget_is_the_first_microsecond_its_exact_share_is_used(
    seconds: int, thousandths: int
) -> None:
    written = thousandths / 1000  # as YAML reads `elapsed: 0.7`
    budget = timedelta(seconds=seconds)
    exact = Fraction(seconds * 1_000_000) * Fraction(thousandths, 1000)
    assert fraction_of(budget, written) == US * math.ceil(exact)


def test_seventy_percent_of_a_day_is_sixteen_hours_forty_eight() -> None:
    assert fraction_of(24 * H, 0.7) == timedelta(hours=16, minutes=48)


def test_a_level_at_seventy_percent_of_a_day_falls_due_at_sixteen_forty_eight() -> None:
    desk, clock = make_desk(
        {
            "sla": {"warnings": [0.7], "targets": [{"first_response": "24h"}]},
            "escalation": {
                "ladders": [
                    {
                        "name": "std",
                        "levels": [
                            {
                                "name": "seventy",
                                "trigger": {"sla": "first_response", "elapsed": 0.7},
                                "actions": [{"add_tags": ["seventy"]}],
                            }
                        ],
                    }
                ]
            },
        }
    )
    case_id = desk.intake(complaint()).id
    clock.set(START + timedelta(hours=16, minutes=48) - US)
    desk.tick()
    assert [e.kind for e in desk.history(case_id) if e.kind in ("escalated", "sla_warning")] == []
    clock.set(START + timedelta(hours=17))
    desk.tick()
    fired = [e for e in desk.history(case_id) if e.kind in ("escalated", "sla_warning")]
    assert sorted(e.kind for e in fired) == ["escalated", "sla_warning"]
    due = START + timedelta(hours=16, minutes=48)
    assert all(e.data["due_at"] == due.isoformat() for e in fired), [e.data for e in fired]
