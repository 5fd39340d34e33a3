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
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres.url import parse_url
from reports_day import T0, GradingPolicy, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

EDITS = [
    ("sqlite", "'very good'"),
    ("sqlite", "9"),
    ("sqlite", "2.5"),
    pytest.param("postgres", "-7", marks=pytest.mark.postgres),
    pytest.param("postgres", "0", marks=pytest.mark.postgres),
]


def _installed() -> Plugins:
    return Plugins(plugin_manager(load_entrypoints=True))


def _edit(url: str, case_id: str, score: str) -> None:
    edit = f"UPDATE case_facts SET satisfaction = {score} WHERE id = '{case_id}'"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            assert db.execute(edit).rowcount == 1
        return
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        assert conn.execute(edit).rowcount == 1


@pytest.mark.parametrize(("backend", "score"), EDITS)
def test_a_score_outside_one_to_five_is_named_and_left_out(
    backend: str, score: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=_installed())
    try:
        ids = play_day(desk, clock)  # A rated 5, B rated 2
    finally:
        desk.storage.close()
    _edit(url, ids["A"], score)
    result = CliRunner().invoke(build_cli(_installed()), ["--db", url, "report", "--json"])
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
