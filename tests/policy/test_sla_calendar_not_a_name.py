"""``sla.calendar`` names one of the policy's calendars. Written as a mapping — ``{x: 1}``,
or a calendar defined in place — it was refused with a hint for any text ("write one text
here, in quotes …"); the hint now names the calendars the policy declares and where a
calendar's own keys go, at the key's file:line:column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
RETAIL = ROOT / "policies" / "retail" / "supermarket.yaml"
SHIPPED = "  calendar: store\n"


def _validate(tmp_path: Path, calendar: str) -> tuple[str, int]:
    text = RETAIL.read_text(encoding="utf-8")
    assert text.count(SHIPPED) == 1
    line = text[: text.index(SHIPPED)].count("\n") + 1
    policy = tmp_path / "shop.yaml"
    policy.write_text(text.replace(SHIPPED, f"  calendar: {calendar}\n"), encoding="utf-8")
    result = CliRunner().invoke(build_cli(), ["validate", str(policy)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output, line


@pytest.mark.parametrize(
    "calendar",
    ["{x: 1}", "{timezone: Asia/Shanghai, hours: {mon-sun: ['08:00-22:00']}}", "[store]"],
)
def test_a_calendar_that_is_no_name_gets_the_names_the_policy_declares(
    tmp_path: Path, calendar: str
) -> None:
    output, line = _validate(tmp_path, calendar)
    assert re.search(rf"shop\.yaml:{line}:3 \(at sla\.calendar\): error: ", output), output
    (hint,) = re.findall(r"hint: (.*)", output)
    assert "write calendar: store" in hint
    assert "24x7" in hint
    for key in ("timezone", "hours", "holidays"):  # what a calendar itself holds, and where
        assert key in hint
    assert "calendars:" in hint
