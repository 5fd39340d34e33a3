"""A warning as a Chinese SOP gives a share (八成, 七成半: tenths), as a fraction (4/5), with
a full stop (0.8 then 。), or "2 hours prior" / "2 hours prior to the deadline". Each got
"see docs/policies.md or the schema"; now the hint names the warning to write."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.sla.warning_points import warning_point

POLICY = """
complaintkit: 1
name: shop
version: "1"
categories: {other: {label: other}}
severities: {minor: {label: minor}}
priorities: {normal: {label: normal}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: amal}}
sla:
  warnings: [WARNING]
  targets:
    - resolution: 48h
"""


def _hint(tmp_path: Any, written: str) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("WARNING", f'"{written}"'), encoding="utf-8")
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    return str(raised.value)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("八成", "write 0.8"),
        ("七成半", "write 0.75"),
        ("八成五", "write 0.85"),
        ("4/5", "write 0.8"),
        ("3/4", "write 0.75"),
        ("0.8\u3002", "write 0.8"),
        ("2 hours prior", "write '2 hours before'"),
        ("30 minutes prior to the deadline", "write '30 minutes before'"),
    ],
)
def test_a_share_written_otherwise_is_told_the_warning(
    tmp_path: Any, written: str, meant: str
) -> None:
    assert meant in _hint(tmp_path, written)
    told = meant.removeprefix("write ").strip("'")
    warning_point(float(told) if told[0].isdigit() and " " not in told else told)


LADDER = """
escalation:
  ladders:
    - name: standard
      levels:
        - name: lead
          trigger: {sla: resolution, elapsed: SHARE}
          actions: [{add_tags: [late]}]
"""


@pytest.mark.parametrize(
    ("written", "meant"), [("八成", "0.8"), ("4/5", "0.8"), ("九成五", "0.95")]
)
def test_a_level_s_share_written_otherwise_is_told_the_fraction(
    tmp_path: Any, written: str, meant: str
) -> None:
    path = tmp_path / "policy.yaml"
    text = POLICY.replace("WARNING", "0.5") + LADDER.replace("SHARE", f'"{written}"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    assert f"write elapsed: {meant}" in str(raised.value)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("提前两小时", "write '2小时 before'"),
        ("到期前二十四小时", "write '24小时 before'"),
        ("提前一天", "'24 hours before'"),
        ("到期前2天", "'24 hours before'"),
        ("2 days before the deadline", "'24 hours before'"),
    ],
)
def test_a_time_before_the_deadline_the_warning_refuses_is_told_why(
    tmp_path: Any, written: str, hint: str
) -> None:
    assert hint in _hint(tmp_path, written)
