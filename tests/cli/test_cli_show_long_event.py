"""``cases show`` printed each event's words whole: a note of megabytes (a log pasted in,
a file attached as text, an import of another system's body) filled the terminal and a
pipe with it, the history around it lost. Each text of an event is now cut to a bounded
length and says how long it is and where it is whole (``cases export``); ``--json`` keeps
every event whole, for programs."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import hypothesis.strategies as st
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.model.complaint import MAX_TEXT_CHARS
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

#: A body edited by hand past what complaintkit takes in (``MAX_TEXT_CHARS``).
HUGE = 3_000_000


def _show(db: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", *options])
    return result.exit_code, result.stdout


def test_a_note_as_long_as_taken_in_is_cut_and_its_size_named(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called back", "牛" * MAX_TEXT_CHARS, "sent a voucher")
    code, out = _show(db, case_id)
    assert code == 0, out
    assert len(out) < 20_000
    assert "called back" in out
    assert "sent a voucher" in out
    assert f"{MAX_TEXT_CHARS:,} characters" in out
    assert f"complaintkit cases export {case_id}" in out


def _edited_huge(db: Path) -> str:
    """A case whose second note's body was edited by hand to hold ``HUGE`` characters."""
    case_id = noted_case(db, "called back", "short", "sent a voucher")
    with closing(sqlite3.connect(db)) as connection, connection:
        (body,) = connection.execute(
            "SELECT body FROM events WHERE case_id = ? AND kind = 'noted' AND body LIKE ?",
            (case_id, "%short%"),
        ).fetchone()
        event = json.loads(body)
        event["data"]["text"], event["reason"] = "x" * HUGE, "y" * HUGE
        connection.execute(
            "UPDATE events SET body = ? WHERE case_id = ? AND body = ?",
            (json.dumps(event), case_id, body),
        )
    return case_id


def test_a_body_edited_to_megabytes_is_cut_and_named(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _edited_huge(db)
    code, out = _show(db, case_id)
    assert code == 1  # the edit is named on stderr
    assert len(out) < 20_000
    assert "called back" in out
    assert "sent a voucher" in out
    assert out.count(f"{HUGE:,} characters") == 2


def test_json_keeps_every_text_whole(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _edited_huge(db)
    _, out = _show(db, case_id, "--json")
    texts = [e["data"].get("text") for e in json.loads(out)["events"]]
    assert "x" * HUGE in texts


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(length=st.integers(min_value=1, max_value=20_000))
def test_each_event_line_is_bounded_and_short_ones_whole(tmp_path: Path, length: int) -> None:
    db = Path(tempfile.mkdtemp(dir=tmp_path)) / "cases.db"  # a fresh store per example
    text = "ab" * (length // 2) + "c" * (length % 2)
    case_id = noted_case(db, text)
    code, out = _show(db, case_id)
    assert code == 0
    (line,) = [line for line in out.splitlines() if " noted" in line]
    assert len(line) < 5_000
    cut = f"{length:,} characters" in line
    assert (text in line) != cut  # whole, or cut and saying so
