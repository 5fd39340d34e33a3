"""A calendar's ``holiday_categories`` or ``working_days`` and an escalation action of
another shape were told what was expected with an empty hint line, the value shown as
Python spells it (``{'owner': None}``): ``holiday_categories: optional``, ``working_days:
[2026-09-27]``, ``reassign: 5``, ``reassign: [li.na]``. Each now says what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_OFFICE = "timezone: Asia/Hong_Kong, hours: 24x7"
_LADDER = (
    "escalation:\n  ladders:\n    - name: l\n      levels:\n        - name: a\n"
    "          trigger: {sla: resolution, elapsed: 0.8}\n          actions: [ACTION]\n"
)

#: a slip over docs/policy/base.yaml → (the path told, words of its hint)
SLIPS = {
    f"calendars:\n  hk: {{{_OFFICE}, holiday_country: HK, holiday_categories: optional}}\n": (
        "calendars.hk.holiday_categories",
        "holiday_categories: [",
    ),
    f"calendars:\n  hk: {{{_OFFICE}, working_days: [2026-09-27]}}\n": (
        "calendars.hk.working_days",
        "working_days: {",
    ),
    _LADDER.replace("ACTION", "{reassign: 5}"): (
        "escalation.ladders[0].levels[0].actions[0].reassign",
        "reassign: {owner: ",
    ),
    _LADDER.replace("ACTION", "{reassign: [li.na, null]}"): (
        "escalation.ladders[0].levels[0].actions[0].reassign",
        "reassign: {owner: ",
    ),
}


@pytest.mark.parametrize("slip", list(SLIPS))
def test_the_slip_is_told_what_to_write(tmp_path: Path, slip: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(f"complaintkit: 1\nextends: ./base.yaml\n{slip}", "utf-8")
    path, words = SLIPS[slip]
    told = {p.location.path: p for p in check_policy(policy)}
    assert words in told[path].hint
    assert "None" not in told[path].message
