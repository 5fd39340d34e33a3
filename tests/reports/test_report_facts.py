from datetime import UTC, datetime, timedelta

from complaintkit.desk import Desk
from complaintkit.model.clocks import Clocks, ClockState
from complaintkit.reports.facts import clock_outcomes
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)


def stopped(met_at: datetime | None = None, breached_at: datetime | None = None) -> ClockState:
    hour = timedelta(hours=1)
    return ClockState(
        "stopped", "1h", None, False, hour, T0, T0, met_at=met_at, breached_at=breached_at
    )


def test_clock_outcomes_skip_the_sla_engines_bookkeeping(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    case.clocks = Clocks.from_json(
        {
            "first_response": stopped(met_at=T0 + timedelta(hours=1)).to_json(),
            "resolution": stopped(breached_at=T0 + timedelta(days=1)).to_json(),
            "_escalation": {"ladder": "standard", "fired": [1]},
            "_marks": {},
        }
    )
    outcomes = clock_outcomes(case, T0 + timedelta(days=2))
    assert outcomes == {"first_response": "met", "resolution": "breached"}
