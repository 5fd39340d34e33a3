"""``dead-letters count`` names each letter's channel as ``report`` does: the channel the
letter came in on (``web`` for a JSON line of the web's, ``hotline`` for a CSV row read
with ``-o channel=hotline``), not the kind of source it was read from (``jsonl``, ``csv``).
``report --channel X`` then counts as many refused letters as the ``X`` rows of ``count``;
a letter whose channel is unknown (a line that is no JSON, a notification unsent) is named
by its source's kind in brackets, ``(jsonl)``, and counts only in a report naming no
channel."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)

#: (source, raw) of letters refused for one cause, as intake keeps them
LETTERS = (
    ("http:web:req-1", b"{"),
    ("complaint:web:F-9 (in.jsonl:3)", b"{}"),
    ("jsonl:in.jsonl:5", json.dumps({"channel": "web", "text": 5}).encode()),
    ('csv:rows.csv:8 {"channel":"hotline"}', b"2,"),
    ("csv:rows.csv:7", b"1,"),
    ('jsonl:in.jsonl:4 {"channel":"微信"}', b"{"),
    ("jsonl:in.jsonl:6", b"not json"),
    ("notify:mail", b"{}"),
)


def _store(tmp_path: Path) -> list[str]:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with SQLiteStorage(url) as storage:
        for source, raw in LETTERS:
            storage.dead_letter(source, raw, "text: is required", AT)
    return ["--db", url]


def _json(args: list[str]) -> object:
    result = CliRunner().invoke(build_cli(), args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_count_names_the_channel_the_report_filters_by(tmp_path: Path) -> None:
    db = _store(tmp_path)
    rows = _json([*db, "dead-letters", "count", "--json"])
    assert isinstance(rows, list)
    by_channel = {(row["channel"], row["source"]): row["count"] for row in rows}
    assert by_channel == {
        ("web", None): 3,
        ("hotline", None): 1,
        ("csv", None): 1,
        ("微信", None): 1,
        (None, "jsonl"): 1,
        (None, "notify"): 1,
    }
    for (channel, _), count in by_channel.items():
        if channel is not None:
            report = _json([*db, "report", "--json", "--channel", channel])
            assert isinstance(report, dict)
            assert report["dead_letters"]["total"] == count, channel


def test_count_text_brackets_a_source_whose_channel_is_unknown(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = CliRunner().invoke(build_cli(), [*db, "dead-letters", "count"])
    assert result.exit_code == 0, result.output
    channels = [line.split()[1] for line in result.output.splitlines()[:-1]]
    assert channels == ["web", "(jsonl)", "(notify)", "csv", "hotline", "微信"]
    assert result.output.splitlines()[-1] == f"{len(LETTERS)} dead letters"
