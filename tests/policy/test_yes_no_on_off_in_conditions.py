"""A condition comparing a field with a country's code or a switch's word written bare —
``in: [SE, NO, DK]``, ``==: on``, ``!=: off`` — compared it with true or false: YAML 1.1
reads yes, no, on and off (in any case) as booleans, so Norway's complaints never matched
and no check said why (``explain`` showed ``in ['DK', 'SE', false]``). A bare such word
where a condition compares a value is an error at it, saying to quote it or to write
true or false."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, when: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        f"    - id: nordic\n      when: {when}\n"
        "      then: {category: service, severity: minor, priority: normal}\n",
        "utf-8",
    )
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("when", "written", "read", "path"),
    [
        ("{field: complaint.attributes.country, in: [SE, NO, DK]}", "NO", "false", "when.in[1]"),
        ("{field: complaint.attributes.switch, ==: on}", "on", "true", "when.=="),
        ("{field: complaint.attributes.switch, '!=': Off}", "Off", "false", "when.!="),
        (
            "{field: complaint.attributes.answer, not in: [yes, maybe]}",
            "yes",
            "true",
            "when.not in[0]",
        ),
        ("{field: complaint.attributes.options, contains: ON}", "ON", "true", "when.contains"),
    ],
)
def test_a_bare_yes_no_on_or_off_compared_is_an_error_at_it(
    tmp_path: Path, when: str, written: str, read: str, path: str
) -> None:
    ((line, where, message, hint),) = _errors(tmp_path, when)
    assert line == 6
    assert where == f"classification.rules[1].{path}"
    assert f"YAML reads {written} as {read}" in message
    assert f'"{written}"' in hint
    assert f"write {read}" in hint


@pytest.mark.parametrize(
    "when",
    [
        "{field: complaint.attributes.country, in: [SE, 'NO', DK]}",
        '{field: complaint.attributes.switch, ==: "on"}',
        "{field: complaint.attributes.vip, ==: true}",
        "{field: complaint.attributes.vip, '!=': False}",
        "{field: complaint.attributes.vip, exists: yes}",
    ],
)
def test_quoted_words_and_true_or_false_are_taken(tmp_path: Path, when: str) -> None:
    assert _errors(tmp_path, when) == []
