"""A root cause whose nature is none the report translates no longer ends the report.

The text table, the CSV and the HTML look a nature up among the two they label
(``systemic``, ``incidental``): one stored otherwise — a body edited outside complaintkit or
its ``case_facts`` row, which ``Case.from_stored`` reads without checking — ended
``complaintkit report`` (the default text output) in ``KeyError``; a nature or final 'why'
edited to NULL ended it too (``'<' not supported between 'NoneType' and 'str'``, ``'NoneType'
object has no attribute 'replace'``), on SQLite and PostgreSQL alike. A nature the report
does not know is shown as written, and a missing one, or a missing 'why', as blank.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from edited_store import edit_behind, installed, played

from complaintkit.cli import build_cli

EDITS = [
    ("sqlite", "nature", "'recurring'"),
    ("sqlite", "nature", "NULL"),
    ("sqlite", "root_why", "NULL"),
    pytest.param("postgres", "nature", "'recurring'", marks=pytest.mark.postgres),
    pytest.param("postgres", "nature", "NULL", marks=pytest.mark.postgres),
    pytest.param("postgres", "root_why", "NULL", marks=pytest.mark.postgres),
]


@pytest.mark.parametrize(("backend", "column", "value"), EDITS)
def test_a_root_cause_as_stored_is_shown_in_every_format(
    backend: str,
    column: str,
    value: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    url, ids = played(backend, request, tmp_path)  # A and C: product, systemic, 'bad seal'
    edit_behind(url, f"UPDATE case_facts SET {column} = {value} WHERE id = '{ids['A']}'")
    cli, runner = build_cli(installed()), CliRunner()
    for output in ([], ["--csv"], ["--html", str(tmp_path / "r.html")], ["--lang", "zh"]):
        result = runner.invoke(cli, ["--db", url, "report", *output])
        assert result.exit_code == 0, (output, result.output)
    data = json.loads(runner.invoke(cli, ["--db", url, "report", "--json"]).stdout)
    assert sum(root["count"] for root in data["root_causes"]) == 3
    text = runner.invoke(cli, ["--db", url, "report"]).stdout
    if value == "'recurring'":
        assert "recurring" in text
        assert data["natures"] == {"incidental": 1, "recurring": 1, "systemic": 1}
