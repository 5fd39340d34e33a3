"""Where only text goes, YAML reads some unquoted text as another type: ``body: 5`` a
number, ``body: {case.resolution}`` (a placeholder alone, unquoted) a mapping and
``subject: [紧急]`` a list. Each was told "expected text"
with the hint "see docs/policies.md or the schema"; each now says what YAML made of it
and gives the text to write, quoted, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _only(tmp_path: Path, subject: str, body: str) -> tuple[str, int | None, str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  late:\n    en:\n"
        f"      subject: {subject}\n      body: {body}\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert "docs/policies.md" not in problem.hint
    return problem.location.path, problem.location.line, problem.message, problem.hint


@pytest.mark.parametrize("number", ["5", "-12", "0"])
def test_a_whole_number_body_is_told_to_quote_it(tmp_path: Path, number: str) -> None:
    path, line, message, hint = _only(tmp_path, "Late", number)
    assert (path, line) == ("templates.late.en.body", 7)
    assert "number" in message
    assert f'"{number}"' in hint


def test_a_placeholder_alone_unquoted_is_told_to_quote_it(tmp_path: Path) -> None:
    path, line, message, hint = _only(tmp_path, "Late", "{case.resolution}")
    assert (path, line) == ("templates.late.en.body", 7)
    assert "mapping" in message
    assert '"{case.resolution}"' in hint


def test_brackets_alone_unquoted_are_told_to_quote_them(tmp_path: Path) -> None:
    path, line, message, hint = _only(tmp_path, "[紧急]", "Sorry.")
    assert (path, line) == ("templates.late.en.subject", 6)
    assert "list" in message
    assert '"[紧急]"' in hint


def test_a_mapping_with_values_is_not_told_to_quote(tmp_path: Path) -> None:
    _, _, message, hint = _only(tmp_path, "Late", "{zh: 抱歉}")
    assert "expected text" in message
    assert '"{zh' not in hint
    assert "quotes" in hint
