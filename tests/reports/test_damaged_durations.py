"""A report-facts duration edited outside complaintkit into what no duration is no longer
ends ``complaintkit report`` or spoils its JSON.

On SQLite, text or a blob in ``case_facts.first_response_secs`` (a REAL column, which SQLite
lets hold anything) ended the report in ``ValueError: could not convert string to float``;
``Infinity`` there, and ``NaN`` or ``Infinity`` in PostgreSQL's ``double precision``, were
ranked as the longest wait and printed as ``NaN``/``Infinity`` in ``--json``, which is no
JSON (``jq`` refuses it). Every backend now leaves such a row out of the times, in SQL,
counts the case in every other figure, and names the row on stderr, as it names a row
holding no instant.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from edited_store import edit_behind, installed, played

from complaintkit.cli import build_cli

#: (backend, first response of case A, resolution of case B) as edited outside complaintkit.
EDITS = [
    ("sqlite", "'soon'", "9e999"),
    ("sqlite", "X'00ff'", "-9e999"),
    pytest.param("postgres", "'NaN'", "'Infinity'", marks=pytest.mark.postgres),
    pytest.param("postgres", "'-Infinity'", "'NaN'", marks=pytest.mark.postgres),
]


def _strict(text: str) -> dict[str, Any]:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is no JSON")

    data: dict[str, Any] = json.loads(text, parse_constant=refuse)
    return data


@pytest.mark.parametrize(("backend", "first", "resolution"), EDITS)
def test_a_duration_that_is_no_number_is_named_and_left_out_of_the_times(
    backend: str, first: str, resolution: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, ids = played(backend, request, tmp_path)
    edit_behind(
        url,
        f"UPDATE case_facts SET first_response_secs = {first} WHERE id = '{ids['A']}'",
        f"UPDATE case_facts SET resolution_secs = {resolution} WHERE id = '{ids['B']}'",
    )
    result = CliRunner().invoke(build_cli(installed()), ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    data = _strict(result.stdout)
    assert data["total"] == 4
    # B answered after 3 h, C after 30 min; A's answer (1 h) is left out
    assert data["durations"]["first_response"] | {"basis": None} == {
        "basis": None, "count": 2, "p50_hours": 0.5, "p90_hours": 3.0, "p99_hours": 3.0,
    }  # fmt: skip
    # A resolved after 5 h; B's resolution (20 h) is left out
    assert data["durations"]["resolution"] | {"basis": None} == {
        "basis": None, "count": 1, "p50_hours": 5.0, "p90_hours": 5.0, "p99_hours": 5.0,
    }  # fmt: skip
    assert f"case {ids['A']}: case_facts.first_response_secs holds" in result.stderr
    assert f"case {ids['B']}: case_facts.resolution_secs holds" in result.stderr
    assert "left out of response and resolution times" in result.stderr
