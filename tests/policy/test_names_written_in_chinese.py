"""Names and codes written as a Chinese SOP says them get a hint that fits the place.

Found by an SOP author writing a policy from seed 001: ``default_language: 中文`` got 'see
docs/policies.md or the schema' (the docs themselves say zh, not 中文), as did a calendar
named ``工作日``; a label ``{中文: 严重}`` was told the codes but not which; a severity or a
team named in Chinese was told ``e.g. quality: {label: {zh: 严重}}`` — a category's name
for a severity; and a notification rule's ``to: 已解决`` listed the statuses without saying
``resolved``, which the same word gets at a gate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, text: str, base: bool = True) -> dict[str, tuple[str, str]]:
    path = tmp_path / "p.yaml"
    head = f"complaintkit: 1\nextends: {BASE}\n" if base else ""
    path.write_text(head + text, "utf-8")
    return {p.location.path: (p.message, p.hint) for p in check_policy(path)}


@pytest.mark.parametrize(
    ("written", "code"),
    [("中文", "zh"), ("简体中文", "zh"), ("英文", "en"), ("繁体中文", "zh-Hant")],
)
def test_a_language_named_in_chinese_says_its_code(tmp_path: Path, written: str, code: str) -> None:
    found = _problems(
        tmp_path,
        f"notifications:\n  default_language: {written}\n  notifiers: {{log: {{type: log}}}}\n",
    )
    assert found["notifications.default_language"][1] == f"write {code}"


def test_a_label_language_named_in_chinese_says_its_code(tmp_path: Path) -> None:
    found = _problems(tmp_path, "severities:\n  critical: {label: {中文: 严重}}\n")
    assert found["severities.critical.label.中文"][1].startswith("write zh:")


@pytest.mark.parametrize(
    ("section", "example"),
    [
        ("categories", "product"),
        ("severities", "critical"),
        ("priorities", "urgent"),
        ("teams", "support"),
    ],
)
def test_an_id_in_chinese_is_answered_with_an_id_of_its_kind(
    tmp_path: Path, section: str, example: str
) -> None:
    found = _problems(tmp_path, f"{section}:\n  严重: {{label: {{zh: 严重}}}}\n")
    assert (
        found[f"{section}.严重"][1] == f"e.g. {example}: {{label: {{zh: 严重}}}} instead of 严重: …"
    )


def test_a_calendar_named_in_chinese_says_to_name_it_in_ascii(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "calendars:\n  工作日: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}\n",
    )
    hint = found["calendars.工作日"][1]
    assert "see docs/policies.md" not in hint
    assert "instead of 工作日" in hint


@pytest.mark.parametrize(
    ("written", "hint"), [("已解决", "write resolved"), ("resolvd", "did you mean 'resolved'?")]
)
def test_a_rule_to_a_status_named_otherwise_says_which(
    tmp_path: Path, written: str, hint: str
) -> None:
    found = _problems(
        tmp_path,
        'templates:\n  done: {zh: {subject: "{case.id}", body: "{case.resolution}"}}\n'
        "notifications:\n  notifiers: {log: {type: log}}\n  rules:\n"
        f'    - {{"on": transitioned, to: {written}, notify: [customer], via: log, template: done}}\n',
    )
    assert found["notifications.rules[0].to"][1].startswith(hint)
