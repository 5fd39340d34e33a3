"""``complaintkit: "1"`` is told it is text, not that format 1 is unsupported.

Found checking policy authoring: ``complaintkit: "1"`` (quoted, as many YAML guides quote
every value) got "unsupported policy format '1'; this release reads 1" with the schema's
description as its hint — the message contradicts itself to an author who wrote 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problem(tmp_path: Path, written: str) -> tuple[str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: {written}\nextends: {BASE}\n", "utf-8")
    (found,) = [p for p in check_policy(path) if p.location.path == "complaintkit"]
    return found.message, found.hint


@pytest.mark.parametrize("written", ['"1"', "'1'", '" 1 "', "\uff11"])
def test_the_format_written_as_text_is_told_to_drop_the_quotes(
    tmp_path: Path, written: str
) -> None:
    message, hint = _problem(tmp_path, written)
    assert "unsupported" not in message
    assert "text" in message
    assert hint == "write complaintkit: 1, an ASCII number without quotes"


def test_another_format_is_still_unsupported(tmp_path: Path) -> None:
    message, hint = _problem(tmp_path, "2")
    assert message.startswith("unsupported policy format 2")
    assert hint == "write complaintkit: 1, the format this release reads"


@pytest.mark.parametrize("written", ["1.0", "1.", "true", "[1]", "{v: 1}"])
def test_the_format_written_as_another_type_is_refused_with_the_form_expected(
    tmp_path: Path, written: str
) -> None:
    message, hint = _problem(tmp_path, written)
    assert "complaintkit" in hint
    assert hint.startswith("write complaintkit: 1")
    assert message
