from complaintkit.desk import Desk
from complaintkit.reports.facts import clock_outcomes
from complaintkit.testing.storage_contract import make_complaint


def test_clock_outcomes_skip_the_sla_engines_bookkeeping(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    case.clocks = {
        "first_response": {"met_at": "2026-11-23T10:00:00+00:00"},
        "resolution": {"breached_at": "2026-11-24T10:00:00+00:00"},
        "_escalation": {"ladder": "standard", "fired": [1]},
        "_marks": {},
    }
    assert clock_outcomes(case) == {"first_response": (True, False), "resolution": (False, True)}
