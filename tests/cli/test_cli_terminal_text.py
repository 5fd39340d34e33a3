"""Stored text a sender wrote reaches operators' terminals as visible escapes: a subject
holding ``ESC ] 0;…BEL`` must not retitle the window or hide what follows."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.cli.terminal import ROW_CHARS
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.visible import shown

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
SUBJECT = "\x1b]0;owned\x07refund \x9b31m now"
TEXT = "line one\nline\ttwo \x1b[2J\x7f"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as storage:
        Desk(storage=storage).intake(
            {
                "channel": "email",
                "external_id": "m1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                # a key holds no control character (tests/model/test_key_control_characters.py)
                "customer": {"id": "c1"},
                "subject": SUBJECT,
                "text": TEXT,
            }
        )
    return url


def test_cases_list_and_show_print_control_characters_as_escapes(db: str) -> None:
    listed = CliRunner().invoke(CLI, ["--db", db, "cases", "list"]).output
    (case_id,) = [line.split()[0] for line in listed.splitlines()]
    shown_case = CliRunner().invoke(CLI, ["--db", db, "cases", "show", case_id]).output
    for output in (listed, shown_case):
        assert not any(c in output for c in "\x1b\x07\x9b\x7f")
        assert "\\x1b]0;owned\\x07refund \\x9b31m now" in output
    assert "line one\n  line\ttwo \\x1b[2J\\x7f" not in shown_case  # text keeps its lines
    assert "line one\nline\ttwo \\x1b[2J\\x7f" in shown_case


def test_a_team_another_system_recorded_is_shown_as_escapes(db: str) -> None:
    """A history import keeps the team another system recorded (``assign`` refuses one
    with a control character: test_owner_ids); cases show printed it raw."""
    with SQLiteStorage(db) as storage:
        case = Desk(storage=storage).intake(
            {
                "channel": "email",
                "external_id": "m2",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "c2"},
                "text": "imported",
                "history": {"owner": "li.na", "team": "qa\x1b]0;owned\x07"},
            }
        )
    output = CliRunner().invoke(CLI, ["--db", db, "cases", "show", case.id]).output
    assert "\x1b" not in output
    assert "team qa\\x1b]0;owned\\x07" in output


def test_json_output_keeps_the_text_exact(db: str) -> None:
    (case,) = json.loads(CliRunner().invoke(CLI, ["--db", db, "cases", "list", "--json"]).stdout)
    assert case["complaints"][0]["subject"] == SUBJECT


@given(st.text())
def test_shown_text_holds_no_control_character_but_newline_and_tab(text: str) -> None:
    assert all(c in "\n\t" or c.isprintable() or ord(c) > 0x9F for c in shown(text))
    assert all(c.isprintable() or ord(c) > 0x9F for c in shown(text, lines=False))


@given(st.text())
@example("owner\u2028CK-2  closed")  # a line separator: a row that reads as two
def test_one_row_stays_one_row(text: str) -> None:
    """Text shown in one row or cell breaks no line anywhere a line can break: not at a
    newline, nor at the line and paragraph separators (U+2028, U+2029) a log viewer or
    editor breaks at, which could make one stored value read as a second row."""
    assert len(shown(text, lines=False).splitlines()) <= 1


def test_dead_letters_print_control_characters_as_escapes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'letters.db'}"
    with SQLiteStorage(db) as storage:
        at = datetime(2026, 11, 23, 9, tzinfo=UTC)
        storage.dead_letter("email:a.eml", SUBJECT.encode(), f"bad subject {SUBJECT}", at)
    for args in (["list"], ["count"], ["show", "1"]):
        output = CliRunner().invoke(CLI, ["--db", db, "dead-letters", *args]).output
        assert "\x1b" not in output, args
        assert "\\x1b]0;owned" in output, args


def test_intake_names_refused_records_as_escapes(tmp_path: Path) -> None:
    source = tmp_path / "in\x1b[2J.jsonl"  # a file name is a sender's text too
    source.write_text(json.dumps({"channel": "web", "external_id": "1"}) + "\n", "utf-8")
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    # color=True: click strips ANSI sequences only when it knows no terminal reads them
    result = CliRunner().invoke(CLI, ["--db", url, "intake", str(source)], color=True)
    assert result.exit_code == 3
    assert "\x1b" not in result.output
    assert "in\\x1b[2J.jsonl:1" in result.output


def test_a_long_reason_is_cut_in_listings_and_kept_whole(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    reason = "a plugin's channel said: " + "很长的原因 " * 100_000
    with SQLiteStorage(url) as storage:
        storage.dead_letter("tsv:in.tsv:1", b"raw", reason, datetime(2026, 11, 23, tzinfo=UTC))
    listed = CliRunner().invoke(CLI, ["--db", url, "dead-letters", "list"]).output
    assert max(len(line) for line in listed.splitlines()) < 1_000
    assert f"({len(reason) - ROW_CHARS:,} more characters)" in listed
    with SQLiteStorage(url) as storage:
        assert storage.dead_letters()[0].reason == reason


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u2069", "\u202a"])
def test_bidi_overrides_and_isolates_are_shown_not_obeyed(mark: str) -> None:
    """A subject "invoice\u202egnp.exe" reads "invoiceexe.png" on a terminal that obeys the
    override; report tables and letters already showed the mark, one-row views did not."""
    subject = f"invoice{mark}gnp.exe"
    for lines in (True, False):
        out = shown(subject, lines=lines)
        assert mark not in out
        assert f"\\u{ord(mark):04x}" in out
