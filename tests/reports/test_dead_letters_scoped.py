"""A report's refused input follows the report's scope: ``--channel web`` counts the web's
dead letters only (the channel its source names, or the record it kept), ``--since`` and
``--until`` those refused in the range, and a filter no refused input can match (a
category, severity or product: nothing refused was classified) none of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "examples" / "cfpb" / "policy.yaml"
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

#: (source, raw, the channel its letter is counted under)
LETTERS = (
    ("http:web:req-1", b"{", "web"),
    ('http:web:req-2 {"form":"application/x-www-form-urlencoded","lang":"zh"}', b"a=1", "web"),
    ("complaint:web:F-9 (in.jsonl:3)", b"{}", "web"),
    ("csv:rows.csv:7", b"1,", "csv"),
    ('csv:rows.csv:8 {"channel":"hotline"}', b"2,", "hotline"),
    ("email:inbox.mbox#12", b"From: a", "email"),
    ('jsonl:in.jsonl:4 {"channel":"wechat"}', b"{", "wechat"),
    ("jsonl:in.jsonl:5", json.dumps({"channel": "web", "text": 5}).encode(), "web"),
    ("jsonl:in.jsonl:6", b"not json", None),
    ("notify:mail", b"{}", None),
)


@pytest.mark.parametrize(
    ("source", "raw", "channel"), LETTERS, ids=[f"letter{n}" for n in range(len(LETTERS))]
)
def test_a_letter_is_counted_under_the_channel_it_came_in_on(
    source: str, raw: bytes, channel: str | None
) -> None:
    from complaintkit.reports.refused import letter_channel  # noqa: PLC0415 -- new

    assert letter_channel(source, raw) == channel


def _stores(tmp_path: Path) -> Iterator[Storage]:
    yield MemoryStorage()
    yield SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}")


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_dead_letters_follow_every_filter_of_the_report(tmp_path: Path, backend: str) -> None:
    storage = dict(zip(["memory", "sqlite"], _stores(tmp_path), strict=True))[backend]
    for n, (where, raw, _) in enumerate(LETTERS):
        storage.dead_letter(where, raw, f"reason {n % 3}", T0 + timedelta(days=n))
    report_source = open_source(storage)

    def total(scope: Scope) -> int:
        report = build_report(report_source, scope, now=T0 + timedelta(days=30))
        return sum(report.dead_letters.values()) + sum(report.undelivered.values())

    assert total(Scope()) == len(LETTERS)
    assert total(Scope(channel="web")) == 4
    assert total(Scope(channel="hotline")) == 1
    assert total(Scope(channel="sms")) == 0
    assert total(Scope(channel="web", since=T0 + timedelta(days=2))) == 2
    assert total(Scope(until=T0 + timedelta(days=3))) == 3
    for scope in (Scope(category="product"), Scope(severity="high"), Scope(product="MILK-1")):
        assert total(scope) == 0, scope


def test_report_channel_counts_only_that_channels_refused_input(tmp_path: Path) -> None:
    runner, cli = CliRunner(), build_cli()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(POLICY)]
    lines = tmp_path / "in.jsonl"
    lines.write_text("{\n", encoding="utf-8")
    taken = runner.invoke(cli, [*base, "intake", str(lines), "-o", "channel=web"])
    assert taken.exit_code == 3, taken.output  # 3: some input was dead-lettered
    rows = tmp_path / "rows.jsonl"
    rows.write_text("[\n[\n", encoding="utf-8")
    taken = runner.invoke(cli, [*base, "intake", str(rows), "-o", "channel=hotline"])
    assert taken.exit_code == 3, taken.output  # 3: some input was dead-lettered

    def letters(*options: str) -> int:
        result = runner.invoke(cli, [*base, "report", "--json", *options])
        assert result.exit_code == 0, result.output
        total: int = json.loads(result.output)["dead_letters"]["total"]
        return total

    assert letters() == 3
    assert letters("--channel", "web") == 1
    assert letters("--channel", "hotline") == 2
    assert letters("--category", "banking") == 0
