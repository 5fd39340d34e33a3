"""The deepest values each write path takes (``MAX_DEPTH`` levels, intake's limit) are
stored well within ``STORED_DEPTH``, the nesting the audit reads: honest data is never
called malformed. One level more is refused when written, naming the field."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.audit.sql_text import STORED_DEPTH
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import MAX_DEPTH, nests_deeper
from complaintkit.model.money import Money

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
COMPLAINT = {
    "channel": "web",
    "external_id": "E-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "The milk was spoiled when I opened it",
}


def _nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def _writes(desk: Desk, levels: int) -> dict[str, Any]:
    """Each write path taking a caller's JSON, writing ``levels`` deep."""
    deep = _nested(levels)
    case = desk.intake({**COMPLAINT, "external_id": "E-0"})
    return {
        "attributes": lambda: desk.intake({**COMPLAINT, "attributes": {"x": deep}}),
        "facts": lambda: desk.set_facts(case.id, {"x": deep}, actor="li.na"),
        "data": lambda: desk.record_event(case.id, "site_visit", actor="li.na", data={"x": deep}),
        "incident": lambda: desk.flag_incident(case.id, {"x": deep}),
        "compensation": lambda: desk.propose_compensation(
            case.id, {"paid": Money("12", "CNY"), "x": deep}, actor="li.na"
        ),
    }


def test_the_deepest_values_taken_are_stored_well_within_what_the_audit_reads(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(POLICY, storage=url)
    try:
        for write in _writes(desk, MAX_DEPTH).values():
            write()
    finally:
        desk.storage.close()
    with closing(sqlite3.connect(tmp_path / "c.db")) as db:
        bodies = [str(row[0]) for row in db.execute("SELECT body FROM events")]
        bodies += [str(row[0]) for row in db.execute("SELECT body FROM cases")]
    assert any(nests_deeper(body, MAX_DEPTH) for body in bodies)  # the deep values are in
    assert not any(nests_deeper(body, STORED_DEPTH // 2) for body in bodies)
    result = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify", "--json"])
    assert json.loads(result.stdout)["broken"] == []


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("attributes", "attributes"),
        ("facts", "facts"),
        ("data", "data"),
        ("incident", "incident"),
        ("compensation", "facts"),  # the facts a proposal was decided on
    ],
)
def test_one_level_deeper_is_refused_when_written_naming_the_field(path: str, field: str) -> None:
    desk = Desk(POLICY, storage="memory:")
    with pytest.raises(InvalidInput, match=f"nests deeper than {MAX_DEPTH}") as refused:
        _writes(desk, MAX_DEPTH + 1)[path]()
    assert refused.value.field.startswith(f"{field}.x.a")
