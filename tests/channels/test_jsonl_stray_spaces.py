"""A JSON line holding, between its tokens, a character that looks like a space or like
nothing — an ideographic space typed with a Chinese input method (U+3000), a no-break
space pasted from a web page, a zero-width space, or the record separator ``jq --seq``
starts each record with (RFC 7464) — was refused as ``is not JSON: Expecting value: line
1 column 1 (char 0)``, of a line that looks like good JSON. The reason names the character
and its column, and says to remove it."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

GOOD = {
    "external_id": "W-1",
    "channel": "jsonl",
    "received_at": "2025-11-23T12:00:00+08:00",
    "customer": {"id": "c1"},
    "text": "送餐太慢了,\u3000饭都凉了",  # inside a string it is text
}
LINE = json.dumps(GOOD, ensure_ascii=False)
STRAYS = ["\u3000", "\u00a0", "\u200b", "\u2003", "\u202f", "\u2060", "\x1e", "\x0c", "\ufeff"]


def read(tmp_path: Path, line: str) -> Complaint | Rejected:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line.encode("utf-8") + b"\n")
    (item,) = JsonLinesChannel().read(str(path))
    return item


@pytest.mark.parametrize("stray", STRAYS[:-1], ids=ascii)
def test_a_stray_before_the_line_is_named_at_column_one(tmp_path: Path, stray: str) -> None:
    item = read(tmp_path, stray + LINE)
    assert isinstance(item, Rejected)
    assert f"U+{ord(stray):04X}" in item.reason
    assert "column 1," in item.reason


def test_the_record_separator_of_jq_seq_says_how_to_write_json_lines(tmp_path: Path) -> None:
    item = read(tmp_path, "\x1e" + LINE)
    assert isinstance(item, Rejected)
    assert "jq -c" in item.reason


def test_a_stray_between_tokens_is_named_at_its_column(tmp_path: Path) -> None:
    line = LINE.replace('"customer": ', '"customer":\u00a0')
    item = read(tmp_path, line)
    assert isinstance(item, Rejected)
    assert f"U+00A0 NO-BREAK SPACE) at column {line.index(chr(0xA0)) + 1}," in item.reason


def test_a_character_inside_a_string_is_text(tmp_path: Path) -> None:
    item = read(tmp_path, LINE)
    assert isinstance(item, Complaint)
    assert "\u3000" in item.text


def test_a_line_wrong_for_another_cause_does_not_blame_a_stray(tmp_path: Path) -> None:
    item = read(tmp_path, "\u3000" + LINE.replace('"customer":', '"customer"'))
    assert isinstance(item, Rejected)
    assert "U+3000" not in item.reason


def structural(line: str) -> list[int]:
    """Where ``line``'s brackets, colons and commas are, outside its strings."""
    found, quoted, escaped = [], False, False
    for at, char in enumerate(line):
        if quoted:
            quoted, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            quoted = True
        elif char in "{}:,":
            found.append(at)
    return found


@given(st.sampled_from(STRAYS[:-1]), st.sampled_from(structural(LINE)), st.booleans())
def test_a_stray_beside_any_token_is_named_there(stray: str, at: int, after: bool) -> None:
    at += after
    line = LINE[:at] + stray + LINE[at:]
    with tempfile.TemporaryDirectory() as folder:
        item = read(Path(folder), line)
    assert isinstance(item, Rejected)
    assert f"U+{ord(stray):04X}" in item.reason
    assert f"at column {at + 1}," in item.reason
