"""An escalation level edited outside complaintkit into what no level is no longer ends the
report: text or a blob in SQLite's ``case_facts.escalation_level`` ended ``complaintkit
report`` in ``ValueError: invalid literal for int()``. Every backend now counts such a case
as never escalated, in SQL, and names the row on stderr, as it names a row holding no
instant; a negative level (which PostgreSQL's integer column can hold) is named alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from edited_store import edit_behind, installed, played

from complaintkit.cli import build_cli

EDITS = [
    ("sqlite", "'high'"),
    ("sqlite", "X'00ff'"),
    ("sqlite", "1.5"),
    pytest.param("postgres", "-3", marks=pytest.mark.postgres),
]


@pytest.mark.parametrize(("backend", "level"), EDITS)
def test_a_level_that_is_no_level_is_named_and_counted_as_never_escalated(
    backend: str, level: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, ids = played(backend, request, tmp_path)  # B escalated to level 2, C to level 1
    edit_behind(url, f"UPDATE case_facts SET escalation_level = {level} WHERE id = '{ids['B']}'")
    result = CliRunner().invoke(build_cli(installed()), ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 4
    assert data["escalation"] == [{"level": 1, "cases": 1, "reached": 1, "rate": 0.25}]
    assert f"case {ids['B']}: case_facts.escalation_level holds" in result.stderr
    assert "not an escalation level; counted as never escalated" in result.stderr
