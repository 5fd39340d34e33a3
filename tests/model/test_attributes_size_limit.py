"""Attributes are free JSON a sender chooses, stored with the complaint, hashed, replayed and
shown: without a bound one JSON line's 10 MB array or 300,000 keys was taken in whole. They
are now refused past ``MAX_ATTRIBUTE_ITEMS`` keys and items or ``MAX_ATTRIBUTE_CHARS``
characters, naming the path where the limit is passed — a dead letter in a file, 422 over
HTTP — while the shipped CFPB sample still goes in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import (
    MAX_ATTRIBUTE_CHARS,
    MAX_ATTRIBUTE_ITEMS,
    Complaint,
)

ROOT = Path(__file__).resolve().parents[2]


def _line(external_id: str, attributes: Any) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": external_id,
        "customer": {"id": "C1"},
        "text": "外卖送到已经凉了",
        "received_at": "2026-11-23T09:30:00+08:00",
        "attributes": attributes,
    }


def test_a_long_array_is_refused_at_its_path() -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_line("A1", {"shop": "A", "big": ["x" * 100] * 2_000}))
    assert raised.value.field.startswith("attributes.big[")
    assert f"{MAX_ATTRIBUTE_CHARS:,}" in raised.value.message


def test_too_many_keys_are_refused_naming_the_limit() -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_line("A1", {f"k{i}": 1 for i in range(30_000)}))
    assert raised.value.field.startswith("attributes.k")
    assert f"{MAX_ATTRIBUTE_ITEMS:,}" in raised.value.message


def test_nested_items_count_too() -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_line("A1", {"a": [[1, 2]] * MAX_ATTRIBUTE_ITEMS}))
    assert raised.value.field.startswith("attributes.a[")


def test_attributes_at_the_limits_are_kept() -> None:
    keys = {f"{i:04}": 1 for i in range(MAX_ATTRIBUTE_ITEMS)}
    assert len(Complaint.from_json(_line("A1", keys)).attributes) == MAX_ATTRIBUTE_ITEMS
    text = {"note": "x" * (MAX_ATTRIBUTE_CHARS - len("note"))}
    assert Complaint.from_json(_line("A2", text)).attributes == text


def test_a_json_line_over_the_limit_is_a_dead_letter_and_the_rest_goes_on(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        _line("A1", {"big": ["x" * 10] * 20_000}),
        _line("A2", {f"k{i}": 1 for i in range(20_000)}),
        _line("A3", {"shop": "A"}),
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    items = list(JsonLinesChannel().read(str(source)))
    letters = [i for i in items if isinstance(i, Rejected)]
    assert [letter.source for letter in letters] == ["in.jsonl:1", "in.jsonl:2"]
    assert all("attributes." in letter.reason for letter in letters)
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["A3"]


def test_the_cfpb_sample_still_goes_in() -> None:
    channel = CsvChannel(str(ROOT / "examples/cfpb/mapping.yaml"), timezone="America/New_York")
    items = list(channel.read(str(ROOT / "tests/fixtures/cfpb_sample.csv")))
    assert items
    assert not [i for i in items if isinstance(i, Rejected)]
