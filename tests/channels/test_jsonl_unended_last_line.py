"""A writer that pauses mid-line leaves a JSON-lines file whose last line has no line end
and does not parse. Dead-lettered, that half line stayed a letter after the writer ended
it and the next run took the line in, and ``dead-letters retry`` refused its half again.
Such a line is held for the next run with a warning naming file and line; it is
dead-lettered only when the source is said to be written whole (``-o complete=yes``, or
standard input, which has ended). A letter for a record later taken in at the same place
is removed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.channels.base import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.cli import build_cli
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def line(external_id: str) -> bytes:
    complaint = {"channel": "f", "external_id": external_id, "customer": {"id": "c"}}
    complaint["received_at"] = "2026-11-02T09:00:00+08:00"
    return json.dumps({**complaint, "text": "冰箱坏了,客服不回电话"}, ensure_ascii=False).encode()


def ids(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else f"rejected {i.source}" for i in items]


def test_an_unended_last_line_that_does_not_parse_is_held_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B")[:30])
    channel = JsonLinesChannel()
    assert ids(list(channel.read(str(path)))) == ["A"]
    assert len(channel.held) == 1
    assert "in.jsonl:2" in channel.held[0]


def test_an_ended_line_that_does_not_parse_is_a_dead_letter(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B")[:30] + b"\n")
    channel = JsonLinesChannel()
    assert ids(list(channel.read(str(path)))) == ["A", "rejected in.jsonl:2"]
    assert channel.held == []


def test_a_source_written_whole_dead_letters_its_unended_last_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B")[:30])
    channel = JsonLinesChannel(complete=True)
    assert ids(list(channel.read(str(path)))) == ["A", "rejected in.jsonl:2"]


def _run(db: str, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(CLI, ["--db", db, *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_the_line_a_writer_ends_later_is_taken_in_and_leaves_no_letter(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    path = tmp_path / "in.jsonl"
    whole = line("B")
    path.write_bytes(line("A") + b"\n" + whole[:30])
    code, _out, err = _run(db, "intake", str(path))
    assert code == 0
    assert "in.jsonl:2" in err
    assert "no dead letters" in _run(db, "dead-letters", "list")[1]
    with path.open("ab") as handle:
        handle.write(whole[30:] + b"\n")
    code, out, _err = _run(db, "intake", str(path))
    assert code == 0, out
    assert "1 new cases" in out
    assert "no dead letters" in _run(db, "dead-letters", "list")[1]


def test_a_letter_whose_record_is_later_taken_in_at_its_place_is_removed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    path = tmp_path / "in.jsonl"
    whole = line("B")
    path.write_bytes(line("A") + b"\n" + whole[:30])
    assert _run(db, "intake", "-o", "complete=yes", str(path))[0] == 3
    assert "in.jsonl:2" in _run(db, "dead-letters", "list")[1]
    with path.open("ab") as handle:
        handle.write(whole[30:] + b"\n" + line("C") + b"\n")
    code, out, _err = _run(db, "intake", str(path))
    assert code == 0, out
    assert "no dead letters" in _run(db, "dead-letters", "list")[1]


def test_a_letter_at_the_place_of_another_record_is_kept(tmp_path: Path) -> None:
    """The file was replaced: line 2 is another record, and the letter is no part of it."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + b'{"external_id": "Q", broken\n')
    assert _run(db, "intake", str(path))[0] == 3
    path.write_bytes(line("A") + b"\n" + line("B") + b"\n")
    assert _run(db, "intake", str(path))[0] == 0
    assert "in.jsonl:2" in _run(db, "dead-letters", "list")[1]


def test_standard_input_has_ended_so_its_unended_last_line_is_a_dead_letter(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    code, _out, _err = _run(db, "intake", "-", stdin=line("A") + b"\n" + line("B")[:30])
    assert code == 3
    assert "<stdin>:2" in _run(db, "dead-letters", "list")[1]
