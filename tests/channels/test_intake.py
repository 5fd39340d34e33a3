"""take_in and a streaming channel: commits at checkpoints, acknowledges what it stored."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import CHECKPOINT, Checkpoint, Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint


def complaint(key: str) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "bus",
            "external_id": key,
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "快递三天没到",
        }
    )


def test_each_checkpoint_commits_and_acknowledges_the_records_before_it() -> None:
    desk = Desk(storage="memory:")
    acknowledged: list[list[str]] = []

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        yield CHECKPOINT
        assert desk.storage.find_by_key("bus", "a") is not None  # committed before it waits
        yield complaint("b")
        yield Rejected("bus#3", b"{", "not JSON")
        yield CHECKPOINT

    def acknowledge(records: Sequence[Complaint | Rejected]) -> None:
        acknowledged.append(
            [r.external_id if isinstance(r, Complaint) else r.source for r in records]
        )

    take_in(desk, "bus", read(), acknowledge=acknowledge)
    assert acknowledged == [["a"], ["b", "bus#3"]]


def test_a_channel_that_raises_is_never_told_of_intakes_own_record() -> None:
    desk = Desk(storage="memory:")
    acknowledged: list[Complaint | Rejected] = []

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        raise ConnectionResetError("the broker went away")

    summary = take_in(desk, "bus", read(), acknowledge=acknowledged.extend)
    assert [r.external_id for r in acknowledged if isinstance(r, Complaint)] == ["a"]
    assert len(acknowledged) == 1
    assert "channel 'bus' stopped after 1 records" in summary.rejected[0][1]


def test_a_channel_that_raises_a_config_error_midway_keeps_what_it_read() -> None:
    """A ConfigError after the first record was raised past the records read before it:
    up to a batch of them stored nowhere, unlike any other error the channel raised."""
    desk = Desk(storage="memory:")

    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield complaint("a")
        yield Rejected("bus#2", b"{", "not JSON")
        raise ConfigError("lost the broker's address")

    summary = take_in(desk, "bus", read())
    assert desk.storage.find_by_key("bus", "a") is not None
    assert [source for source, _ in summary.rejected] == ["bus#2", "after record 2"]
    assert "ConfigError: lost the broker's address" in summary.rejected[1][1]


def test_a_channel_that_cannot_read_its_first_record_is_a_config_error() -> None:
    def read() -> Iterator[Complaint | Rejected | Checkpoint]:
        yield from ()  # a generator that raises on its first next()
        raise ConfigError("no such stream")

    with pytest.raises(ConfigError, match="no such stream"):
        take_in(Desk(storage="memory:"), "bus", read())


def said(key: str, text: str, customer: str = "C1") -> Complaint:
    return Complaint.from_json(
        {
            "channel": "bus",
            "external_id": key,
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": customer},
            "text": text,
        }
    )


def test_a_key_taken_again_with_other_text_is_a_dead_letter_not_a_duplicate() -> None:
    desk = Desk(storage="memory:")
    take_in(desk, "bus", [said("a", "快递三天没到")])
    summary = take_in(desk, "bus", [said("a", "退款还没到账")])
    assert (summary.opened, summary.already_known) == (0, 0)
    [(source, reason)] = summary.rejected
    assert source == "a"
    assert "reused with different content" in reason
    [letter] = desk.storage.dead_letters()
    assert "退款还没到账".encode() in letter.raw  # the new text is kept, not dropped


def test_the_same_key_twice_in_one_run_with_other_text_keeps_the_second() -> None:
    desk = Desk(storage="memory:")
    summary = take_in(desk, "bus", [said("a", "one"), said("a", "one"), said("a", "two")])
    assert (summary.opened, summary.already_known, len(summary.rejected)) == (1, 1, 1)
    assert b"two" in desk.storage.dead_letters()[0].raw


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ab"), st.sampled_from(["一", "二"]), st.sampled_from("XY")),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=4),
)
def test_every_record_is_a_case_a_repeat_of_its_cases_complaint_or_a_dead_letter(
    records: list[tuple[str, str, str]], batch: int
) -> None:
    desk = Desk(storage="memory:")
    summary = take_in(desk, "bus", [said(*record) for record in records], batch=batch)
    counted = summary.opened + summary.already_known + len(summary.rejected)
    assert counted + summary.refused_again == len(records)
    held = {}
    for key in "ab":
        case = desk.storage.find_by_key("bus", key)
        if case is not None:
            held[key] = (case.complaint.text, case.customer_id)
    kept = [letter.raw.decode() for letter in desk.storage.dead_letters()]
    for key, text, customer in records:  # each record's words are in a case or a letter
        if held.get(key) != (text, customer):
            assert any(f'"text": "{text}"' in raw and f'"{key}"' in raw for raw in kept)
    assert summary.already_known == sum(
        held.get(key) == (text, customer) for key, text, customer in records
    ) - len(held)


@pytest.mark.parametrize("junk", [None, "a line", {"text": "a dict"}, 42, b"bytes"])
def test_an_item_that_is_no_record_is_a_dead_letter_and_the_rest_goes_on(junk: object) -> None:
    desk = Desk(storage="memory:")
    acknowledged: list[Complaint | Rejected] = []

    def read() -> Iterator[object]:
        yield complaint("a")
        yield junk
        yield complaint("b")

    summary = take_in(desk, "bus", read(), acknowledge=acknowledged.extend)  # type: ignore[arg-type]
    assert summary.opened == 2
    [(source, reason)] = summary.rejected
    assert source == "record 2"
    named = "yielded None" if junk is None else f"yielded an object of type {type(junk).__name__}"
    assert named in reason  # not "a int", "a NoneType"
    assert [r.external_id for r in acknowledged if isinstance(r, Complaint)] == ["a", "b"]
    assert len(acknowledged) == 2  # intake's own letter is never acknowledged to the channel
    [letter] = desk.storage.dead_letters()
    assert letter.source == "bus:record 2"


def test_an_item_whose_repr_raises_is_kept_by_its_type() -> None:
    class Odd:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    desk = Desk(storage="memory:")
    summary = take_in(desk, "bus", [Odd(), complaint("a")])  # type: ignore[list-item]
    assert summary.opened == 1
    assert desk.storage.dead_letters()[0].raw == b"<Odd>"


@pytest.mark.parametrize(
    ("source", "raw", "reason"),
    [
        (None, b"x", "bad"),
        (7, b"x", "bad"),
        ("f.txt:1", "text, not bytes", "bad"),
        ("f:1", b"x", None),
    ],
)
def test_a_reject_a_plugin_built_loosely_is_still_kept_and_the_rest_goes_on(
    source: object, raw: object, reason: object
) -> None:
    """A channel plugin's Rejected with no source, a number for one, text for its raw bytes
    or no reason is kept as written as it can be — not a TypeError inside the channel that
    ended the read as "could not read its source"."""
    desk = Desk(storage="memory:")

    def read() -> Iterator[object]:
        yield complaint("a")
        yield Rejected(source, raw, reason)
        yield complaint("b")

    summary = take_in(desk, "bus", read())  # type: ignore[arg-type]
    assert summary.opened == 2
    [letter] = desk.storage.dead_letters()
    assert letter.source == ("bus:(no location given)" if source is None else f"bus:{source}")
    assert letter.raw == (raw.encode() if isinstance(raw, str) else raw)
    assert letter.reason == ("the channel gave no reason" if reason is None else reason)


def test_a_history_imported_again_with_other_recorded_steps_is_kept_not_dropped() -> None:
    """An export taken again after the old system closed the ticket: the update is a dead
    letter saying so, not counted as already known and lost; the same record again is."""

    def recorded(**history: str) -> Complaint:
        return Complaint.from_json({**complaint("h").to_json(), "history": history})

    desk = Desk(storage="memory:")
    first = recorded(first_response_at="2026-11-23T10:00:00+08:00")
    take_in(desk, "bus", [first])
    again = take_in(desk, "bus", [first])
    assert (again.already_known, again.rejected) == (1, [])
    closed = recorded(
        first_response_at="2026-11-23T10:00:00+08:00",
        closed_at="2026-11-25T10:00:00+08:00",
        status="closed",
    )
    later = take_in(desk, "bus", [closed])
    assert later.already_known == 0
    [(_, reason)] = later.rejected
    assert "(another recorded history than the complaint that holds it)" in reason
    assert "an import updates no case" in reason
    [letter] = desk.storage.dead_letters()
    assert b"closed_at" in letter.raw


def test_a_record_the_desk_refuses_is_named_by_its_file_and_line(tmp_path: Path) -> None:
    """A history taken in again with another recorded step is refused by the Desk, not the
    channel: it is named where the channel read it (the row's first line, past a quoted
    field spanning two lines), as the channel's own refusals are, not by its ticket id."""
    source = tmp_path / "history.csv"
    columns = {"external_id": "id", "received_at": "when", "text": "what", "history.owner": "by"}
    rows = 'id,when,what,by\nT-0,2026-10-01 09:00,"two\nlines",li.na\nT-1,2026-10-02 09:00,x,{}\n'
    desk = Desk(storage="memory:")
    source.write_text(rows.format("li.na"), encoding="utf-8")
    channel = CsvChannel(columns, channel="old-desk")
    take_in(desk, "csv", channel.read(str(source)), locate=lambda: channel.location)
    source.write_text(rows.format("amy.store"), encoding="utf-8")
    again = take_in(desk, "csv", channel.read(str(source)), locate=lambda: channel.location)
    [(where, reason)] = again.rejected
    assert where == "history.csv:4"
    assert "another recorded history" in reason
    [letter] = desk.storage.dead_letters()
    assert letter.source == "complaint:old-desk:T-1 (history.csv:4)"  # the key's channel


def test_a_jsonl_line_the_desk_refuses_is_named_by_its_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({**complaint("a").to_json(), "customer": {"id": c}}) for c in "AB"]
    source.write_text(f"{lines[0]}\n\n{lines[1]}\n", encoding="utf-8")
    channel = JsonLinesChannel()
    summary = take_in(
        desk := Desk(storage="memory:"),
        "jsonl",
        channel.read(str(source)),
        locate=lambda: channel.location,
    )
    [(where, _)] = summary.rejected
    assert where == "in.jsonl:3"
    assert desk.storage.dead_letters()[0].source == "complaint:bus:a (in.jsonl:3)"
