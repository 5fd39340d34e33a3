"""The closing, notification and incident sections written as a Chinese SOP says them:
a window of ``48小时内``, ``min_cases: 三``, a gate to ``结案`` requiring ``满意度``, a rule
notifying ``客户``. Each is an error at it whose hint says what to write, not a pointer to
the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _hints(tmp_path: Path, text: str) -> dict[str | None, str]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("complaintkit: 1\nextends: ./base.yaml\n" + text, "utf-8")
    return {p.location.path: p.hint for p in check_policy(policy) if p.severity == "error"}


@pytest.mark.parametrize(
    ("row", "path", "hint"),
    [
        (
            "{key: product, min_cases: 3, window_hours: 48小时内}",
            "window_hours",
            "window_hours: 48",
        ),
        ("{key: product, min_cases: 3, window_hours: 48h}", "window_hours", "window_hours: 48"),
        ("{key: product, min_cases: 三, window_hours: 72}", "min_cases", "min_cases: 3"),
        ("{key: product, min_cases: 5个, window_hours: 72}", "min_cases", "min_cases: 5"),
        (
            "{key: product, min_cases: 3, window_hours: 72, quiet_hours: 两天}",
            "quiet_hours",
            "a bare number",
        ),
    ],
)
def test_a_number_written_with_its_unit_says_the_number(
    tmp_path: Path, row: str, path: str, hint: str
) -> None:
    hints = _hints(tmp_path, f"incidents:\n  batches:\n    - {row}\n")
    assert hint in hints[f"incidents.batches[0].{path}"]


@pytest.mark.parametrize(
    ("text", "path", "meant"),
    [
        ("gates: [{id: g, to: [结案], require: [resolution]}]", "gates[0].to[0]", "closed"),
        (
            "gates: [{id: g, to: [closed], require: [满意度]}]",
            "gates[0].require[0]",
            "satisfaction",
        ),
        ("gates: [{id: g, to: [closed], require: [回访]}]", "gates[0].require[0]", "satisfaction"),
        ("gates: [{id: g, to: [已解决], require: [根因]}]", "gates[0].to[0]", "resolved"),
        ("gates: [{id: g, to: [resolved], require: [根因]}]", "gates[0].require[0]", "root_cause"),
        (
            "incidents: {spikes: [{dimension: 类别, baseline_days: 14, k: 3}]}",
            "incidents.spikes[0].dimension",
            "category",
        ),
        (
            "templates: {a: {zh: {subject: s, body: b}}}\n"
            "notifications:\n  notifiers: {log: {type: log}}\n"
            '  rules: [{"on": opened, notify: [客户], via: log, template: a}]',
            "notifications.rules[0].notify[0]",
            "customer",
        ),
    ],
)
def test_an_id_written_in_chinese_says_the_id(
    tmp_path: Path, text: str, path: str, meant: str
) -> None:
    hints = _hints(tmp_path, text + "\n")
    assert hints[path].startswith(f"write {meant}")
    assert "label" not in hints[path]  # that is for remedy kinds
