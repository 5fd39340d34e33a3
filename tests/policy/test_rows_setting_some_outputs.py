"""A classification row setting only some outputs (``then: {priority: high}``) left the
case's category and severity None — an 'uncategorised' case, under every hit policy, while
``validate`` said nothing and a missing default is an error for that very reason. Outputs no
matching row set now come from the classification defaults (the last table's to set one);
what a row sets is never replaced, and ``explain`` shows the case the Desk opens.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk.desk import Desk
from complaintkit.desk.provisional import explain_complaint
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage

HEAD = """complaintkit: 1
name: bm
version: "1"
categories: {product: {}, other: {}, late: {}}
severities: {critical: {}, minor: {}}
priorities: {urgent: {}, high: {}, low: {}}
teams: {desk: {default_owner: zhang.wei}, quality: {default_owner: li.na}}
"""
ROUTING = """routing:
  rules:
    - {id: other-to-desk, when: {field: case.category, ==: other}, then: {team: desk}}
  default: {team: quality}
"""


def _table(hit_policy: str, default: str) -> str:
    return f"""  - hit_policy: {hit_policy}
    rules:
      - id: vip
        when: {{field: customer.tier, ==: vip}}
        then: {{priority: high}}
        {"priority: 1" if hit_policy == "priority" else ""}
    default: {default}
"""


def _complaint(tier: str) -> Complaint:
    return Complaint.from_json(
        {
            "external_id": f"x-{tier}",
            "channel": "web",
            "received_at": "2026-12-01T09:00:00+08:00",
            "customer": {"id": "c", "tier": tier},
            "text": "hello",
        }
    )


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hit_policy=st.sampled_from(["first", "unique", "priority", "collect"]),
    as_list=st.booleans(),
)
def test_outputs_no_row_sets_come_from_the_default(
    tmp_path: Path, hit_policy: str, as_list: bool
) -> None:
    default = "{category: other, severity: minor, priority: low}"
    if as_list:  # the defaults in a first table, the partial row in a second
        tables = (  # a row of its own id: a row id is the policy's, not a table's
            _table("first", default)
            .replace("customer.tier, ==: vip", "customer.tier, ==: z")
            .replace("id: vip", "id: z")
        )
        tables += _table(hit_policy, "{}")
    else:
        tables = _table(hit_policy, default)
    path = tmp_path / f"p-{hit_policy}-{as_list}.yaml"
    path.write_text(f"{HEAD}classification:\n{tables}{ROUTING}", "utf-8")
    policy = load_policy(path)
    desk = Desk(
        policy, storage=MemoryStorage(), clock=ManualClock(datetime(2026, 12, 2, tzinfo=UTC))
    )
    for tier, priority in (("vip", "high"), ("plain", "low")):
        complaint = _complaint(tier)
        case = desk.intake(complaint)
        assert (case.category, case.severity, case.priority) == ("other", "minor", priority)
        assert case.team == "desk"  # routing reads the category the default gave
        outcome = explain_complaint(policy, complaint).outcome
        assert (outcome["category"], outcome["severity"], outcome["priority"]) == (
            case.category,
            case.severity,
            case.priority,
        )
        assert outcome["team"] == case.team


def test_a_value_a_row_sets_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"{HEAD}classification:\n"
        "  rules:\n"
        "    - {id: late, when: {field: customer.tier, ==: vip}, then: {category: late}}\n"
        "  default: {category: other, severity: minor, priority: low}\n" + ROUTING,
        "utf-8",
    )
    policy = load_policy(path)
    shown = explain_complaint(policy, _complaint("vip"))
    assert shown.outcome["category"] == "late"
    assert (shown.outcome["severity"], shown.outcome["priority"]) == ("minor", "low")
    assert "from the classification default: {severity: minor, priority: low}" in str(shown)
