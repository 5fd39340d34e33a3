"""A tests file's complaint, earlier complaint or facts holding a country's code or a
switch's word written bare — ``attributes: {country: NO}``, ``facts: {switch: on}`` —
handed the policy true or false: YAML 1.1 reads yes, no, on and off (in any case) as
booleans, so a test of Norway's complaints tested none, and passed or failed for that
reason unsaid. These hold JSON, which has only true and false: such a word is an error
at its line, saying to quote it or to write true or false."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest.spec import load_test_file

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, text: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "base.tests.yaml"
    path.write_text(text, "utf-8")
    try:
        load_test_file(path)
    except PolicyError as exc:
        return [(p.location.line, p.location.path, p.message, p.hint) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("text", "line", "path", "written", "read"),
    [
        (
            "tests:\n  - name: norway\n    complaint: {text: hi, attributes: {country: NO}}\n"
            "    expect: {category: other}\n",
            3,
            "tests[0].complaint.attributes.country",
            "NO",
            "false",
        ),
        (
            "facts: {switch: on}\ntests:\n  - name: t\n    complaint: {text: hi}\n"
            "    expect: {category: other}\n",
            1,
            "facts.switch",
            "on",
            "true",
        ),
        (
            "tests:\n  - name: t\n    complaint: {text: hi}\n    facts: {answers: [yes, maybe]}\n"
            "    expect: {category: other}\n",
            4,
            "tests[0].facts.answers[0]",
            "yes",
            "true",
        ),
        (
            "tests:\n  - name: t\n    complaint: {text: hi}\n"
            "    earlier: [{text: before, attributes: {light: OFF}}]\n"
            "    expect: {category: other}\n",
            4,
            "tests[0].earlier[0].attributes.light",
            "OFF",
            "false",
        ),
    ],
    ids=["complaint", "file facts", "test facts", "earlier complaint"],
)
def test_a_bare_yes_no_on_or_off_in_json_is_an_error_at_it(
    tmp_path: Path, text: str, line: int, path: str, written: str, read: str
) -> None:
    ((at, where, message, hint),) = _problems(tmp_path, text)
    assert (at, where) == (line, path)
    assert f"YAML reads {written} as {read}" in message
    assert f'"{written}"' in hint
    assert f"write {read}" in hint


def test_quoted_words_and_true_or_false_are_taken(tmp_path: Path) -> None:
    text = (
        "facts: {fraud: false}\ntests:\n  - name: t\n"
        "    complaint: {text: hi, attributes: {country: 'NO', vip: true}}\n"
        "    expect: {category: other}\n"
    )
    assert _problems(tmp_path, text) == []
