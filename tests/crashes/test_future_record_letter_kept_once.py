"""A record dated ahead of the Desk's clock, taken in again a second later — an import run
twice, or run again after it was killed — is kept as one dead letter, not one per run:
its reason named the Desk's now to the microsecond, so each run's letter was a new one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.intake import IntakeSummary
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

NOW = datetime(2026, 11, 23, 9, 0, 0, 123456, tzinfo=UTC)


def line(received_at: datetime, **history: str) -> str:
    record = {
        "channel": "web",
        "external_id": "F-1",
        "received_at": received_at.isoformat(),
        "customer": {"id": "C1"},
        "text": "the parcel is late",
    }
    if history:
        record["history"] = {"status": "closed", **history}
    return json.dumps(record) + "\n"


@settings(max_examples=25, deadline=None)
@given(
    # past the 5 minutes' leeway even after the clock moved on a minute
    ahead=st.timedeltas(
        min_value=timedelta(minutes=6, seconds=1), max_value=timedelta(days=99 * 365)
    ),
    later=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(minutes=1)),
    in_history=st.booleans(),
)
def test_a_record_from_the_future_taken_in_twice_is_one_letter(
    tmp_path_factory: pytest.TempPathFactory, ahead: timedelta, later: timedelta, in_history: bool
) -> None:
    source = tmp_path_factory.mktemp("future") / "in.jsonl"
    at = NOW + ahead
    written = line(NOW, closed_at=at.isoformat()) if in_history else line(at)
    source.write_text(written, encoding="utf-8")
    clock = ManualClock(NOW)
    desk = Desk(clock=clock)
    for _ in range(2):
        summary = take_in(desk, "jsonl", JsonLinesChannel().read(str(source)))
        assert (summary.opened, len(summary.rejected)) == (0, 1)
        clock.advance(later)
    letters = desk.storage.dead_letters()
    assert len(letters) == 1, [letter.reason for letter in letters]
    assert at.isoformat() in letters[0].reason  # it still says what was too late


def located(desk: Desk, source: Path) -> IntakeSummary:
    """``source`` taken in as ``complaintkit intake`` takes it: each record at its place."""
    channel = JsonLinesChannel()
    return take_in(
        desk,
        "jsonl",
        channel.read(str(source)),
        locate=lambda: channel.location,
        bytes_read=lambda: channel.raw,
    )


def test_a_record_refused_as_early_and_taken_in_once_its_time_came_leaves_no_letter(
    tmp_path: Path,
) -> None:
    """The Desk refused it (kept as its complaint, ``complaint:web:F-1 (in.jsonl:1)``);
    taken in at its place by a later run it is a case, and its letter is answered, as a
    letter the channel kept at its place is: the record is one case, not a case and a letter."""
    source = tmp_path / "in.jsonl"
    source.write_text(line(NOW + timedelta(minutes=10)), encoding="utf-8")
    clock = ManualClock(NOW)
    desk = Desk(clock=clock)
    first = located(desk, source)
    assert (first.opened, len(first.rejected)) == (0, 1)
    clock.advance(timedelta(minutes=10))
    again = located(desk, source)
    assert (again.opened, again.rejected, again.answered) == (1, [], 1)
    assert desk.storage.dead_letters() == []
