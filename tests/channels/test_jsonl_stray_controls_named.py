"""A control character between a JSON line's tokens (a NUL a C program left after the
record) was named by its code alone, with a blank where its name goes: ``it holds '\\x00'
(U+0000 ) at column 128``; Unicode gives controls no name, so only the three in the
module's table had one. Each is named: NUL as NULL, any other as a control character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel

LINE = json.dumps(
    {
        "external_id": "W-1",
        "channel": "jsonl",
        "received_at": "2025-11-23T12:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "送餐太慢了",
    },
    ensure_ascii=False,
)


@pytest.mark.parametrize(
    ("control", "name"),
    [
        ("\x00", "NULL"),
        ("\x01", "CONTROL"),
        ("\x1f", "CONTROL"),
        ("\x7f", "CONTROL"),
        ("\x85", "CONTROL"),
    ],
    ids=ascii,
)
def test_a_control_after_the_record_is_named(tmp_path: Path, control: str, name: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes((LINE + control).encode("utf-8") + b"\n")
    (item,) = JsonLinesChannel().read(str(path))
    assert isinstance(item, Rejected)
    assert f"(U+{ord(control):04X} {name}) at column {len(LINE) + 1}," in item.reason
