"""Whatever letters are kept, ``dead-letters count`` and the report's refused input agree:
each channel's rows of ``count`` add up to what ``report --channel`` counts for it, and all
rows to what a report naming no channel counts."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli.dead_letters import reason_kind
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
CHANNELS = st.sampled_from(["web", "hotline", "微信", "csv", "email"])
REASONS = st.sampled_from(["text: is required", "line: is not JSON", "no address for CK-1"])


@st.composite
def letters(draw: st.DrawFn) -> tuple[str, bytes]:
    channel, n = draw(CHANNELS), draw(st.integers(1, 99))
    options = json.dumps({"channel": channel}, ensure_ascii=False)
    return draw(
        st.sampled_from(
            [
                (f"http:{channel}:req-{n}", b"{"),
                (f"complaint:{channel}:F-{n} (in.jsonl:{n})", b"{}"),
                (f"jsonl:in.jsonl:{n}", json.dumps({"channel": channel}).encode()),
                (f"jsonl:in.jsonl:{n}", b"not json"),
                (f"jsonl:in.jsonl:{n} {options}", b"{"),
                (f"csv:rows.csv:{n}", b"1,"),
                (f"csv:rows.csv:{n} {options}", b"1,"),
                (f"email:inbox.mbox#{n}", b"From: a"),
                ("notify:mail", b"{}"),
            ]
        )
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(letters(), REASONS), max_size=12))
def test_count_rows_add_up_to_the_reports_refused_input(
    kept: list[tuple[tuple[str, bytes], str]],
) -> None:
    storage = MemoryStorage()
    for n, ((source, raw), reason) in enumerate(kept):
        storage.dead_letter(source, raw, reason, T0 + timedelta(minutes=n))
    stored = storage.dead_letters()  # one letter however often the same input was refused
    per_channel = Counter(reason_kind(letter)[0] for letter in stored)
    report_source = open_source(storage)
    now = T0 + timedelta(days=1)

    def refused(scope: Scope) -> int:
        report = build_report(report_source, scope, now=now)
        return sum(report.dead_letters.values()) + sum(report.undelivered.values())

    assert refused(Scope()) == len(stored) == sum(per_channel.values())
    for channel, count in per_channel.items():
        if channel is not None:
            assert refused(Scope(channel=channel)) == count, channel
