"""A clock named as the SOP names it — ``trigger: {sla: 首次响应}``, a target row's
``首次回复: 24小时`` — is one error saying which metric to write.

Found by an SOP author: ``sla: 首次响应`` gave 'unknown metric' with the known list and no
answer, and beside it a second error at the same place saying to 'add 首次响应: <duration>
to a row of sla.targets' — advice that only leads to another unknown metric. A typo
(``first_respones``) was not answered with the metric meant either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

HEAD = f"""\
complaintkit: 1
extends: {BASE}
calendars:
  office: {{timezone: Asia/Shanghai, hours: {{mon-fri: ["09:00-18:00"]}}}}
sla:
  calendar: office
  targets:
"""


def _errors(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + text, "utf-8")
    return [
        (p.location.path, p.message, p.hint) for p in check_policy(path) if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("首次响应", "first_response"),
        ("首次回复", "first_response"),
        ("解决时限", "resolution"),
        ("first_respones", "first_response"),
        ("resolutoin", "resolution"),
    ],
)
def test_a_trigger_on_a_metric_named_otherwise_says_which(
    tmp_path: Path, written: str, meant: str
) -> None:
    found = _errors(
        tmp_path,
        "    - {first_response: 24小时, resolution: 3个工作日}\n"
        "escalation:\n  ladders:\n    - name: standard\n      levels:\n"
        f"        - {{name: late, trigger: {{sla: {written}, elapsed: 1.0}}, "
        "actions: [{add_tags: [late]}]}\n",
    )
    assert len(found) == 1, found
    (path, message, hint) = found[0]
    assert path == "escalation.ladders[0].levels[0].trigger.sla"
    assert message == f"unknown metric {written!r}"
    assert hint.startswith(f"write {meant}")


def test_a_target_on_a_metric_named_in_chinese_says_which(tmp_path: Path) -> None:
    found = _errors(tmp_path, "    - {首次回复: 24小时, resolution: 3个工作日}\n")
    assert [(path, hint.split(";")[0]) for path, _, hint in found] == [
        ("sla.targets[0].首次回复", "write first_response")
    ]
