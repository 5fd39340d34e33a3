"""A satisfaction score edited outside complaintkit into what no score is no longer ends the
report or skews its average.

On SQLite, text in ``case_facts.satisfaction`` ended ``complaintkit report`` in ``ValueError:
invalid literal for int()``; a number outside 1 to 5 (``9``, ``-7``), on either backend,
was left out of the distribution but counted in the responses and the average: two answers
of 5 and 2 with the 5 edited to ``-7`` averaged ``-2.5`` beside a distribution holding one
answer. Every backend now counts a score only from 1 to 5, in SQL, and names any other on
stderr, as it names a row holding no instant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from edited_store import edit_behind, installed, played

from complaintkit.cli import build_cli

EDITS = [
    ("sqlite", "'very good'"),
    ("sqlite", "9"),
    ("sqlite", "2.5"),
    pytest.param("postgres", "-7", marks=pytest.mark.postgres),
    pytest.param("postgres", "0", marks=pytest.mark.postgres),
]


@pytest.mark.parametrize(("backend", "score"), EDITS)
def test_a_score_outside_one_to_five_is_named_and_left_out(
    backend: str, score: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, ids = played(backend, request, tmp_path)  # A rated 5, B rated 2
    edit_behind(url, f"UPDATE case_facts SET satisfaction = {score} WHERE id = '{ids['A']}'")
    result = CliRunner().invoke(build_cli(installed()), ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 4
    assert data["satisfaction"] == {
        "average": 2.0,
        "responses": 1,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0},
    }
    assert f"case {ids['A']}: case_facts.satisfaction holds" in result.stderr
    assert "not a score from 1 to 5; left out of satisfaction" in result.stderr
