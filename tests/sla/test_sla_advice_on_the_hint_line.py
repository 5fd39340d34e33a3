"""Every problem ``validate`` prints has a hint line saying what to write; the calendar and
duration readers' problems had it in their message and an empty hint (``cannot read '3
business dayz'; write e.g. …``), and a holiday subdivision without a country was told only
``needs holiday_country as well``. Their advice is now on the hint line."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
OFFICE = 'timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}'

#: a slip in the policy below → (the path it is told at, words of its hint)
SLIPS = {
    f"calendars:\n  office: {{{OFFICE}, holiday_contry: CN}}\n": (
        "calendars.office.holiday_contry",
        "did you mean 'holiday_country'?",
    ),
    f"calendars:\n  office: {{{OFFICE}, holiday_subdivision: SCT}}\n": (
        "calendars.office.holiday_subdivision",
        "add holiday_country",
    ),
    f"calendars:\n  office: {{{OFFICE}, holiday_country: GB, holiday_subdivision: XYZ}}\n": (
        "calendars.office.holiday_subdivision",
        "e.g. ",
    ),
    "calendars:\n  office: {timezone: Aia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}\n": (
        "calendars.office.timezone",
        "did you mean 'Asia/Shanghai'?",
    ),
    "calendars:\n  office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18]:00']}}\n": (
        "calendars.office.hours.mon-fri[0]",
        "write HH:MM-HH:MM",
    ),
    "sla:\n  targets:\n    - resolution: 3 business dayz\n": (
        "sla.targets[0].resolution",
        "write e.g. '24h'",
    ),
}


@pytest.mark.parametrize("slip", SLIPS)
def test_the_advice_is_on_the_hint_line(tmp_path: Path, slip: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: ./base.yaml\n{slip}", "utf-8")
    where, advice = SLIPS[slip]
    (found,) = [p for p in check_policy(path) if p.location.path == where]
    assert advice in found.hint
    assert advice not in found.message
    assert found.location.line == 4 if slip.startswith("calendars") else 5
