"""A record whose field name holds an invisible character (a byte order mark where two
files were joined, a zero-width space pasted in) or white space around it was refused
with a reason that shows nothing wrong: ``customer.contact: is not a known field; known
fields: contact, id, …`` (the mark printed invisibly), or ``text: is required`` beside
the very key on screen. The reason names the character and the field it looks like."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels import take_in
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk

GOOD = {
    "channel": "jsonl",
    "external_id": "L-1",
    "received_at": "2026-12-01T10:00:00+08:00",
    "customer": {"id": "c", "contact": "a@example.cn"},
    "text": "late again",
    "order_id": "O-1",
}


def _renamed(path: tuple[str, ...], new: str) -> dict[str, object]:
    record = json.loads(json.dumps(GOOD))
    *outer, name = path
    holder = record
    for step in outer:
        holder = holder[step]
    holder[new] = holder.pop(name)
    return record  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("path", "new", "shown"),
    [
        (("text",), "\ufefftext", "U+FEFF"),
        (("order_id",), "order\u200b_id", "U+200B"),
        (("customer", "contact"), "\ufeffcontact", "U+FEFF"),
        (("customer", "id"), "id ", "U+0020"),
    ],
)
def test_the_reason_names_the_character_and_the_field(
    tmp_path: Path, path: tuple[str, ...], new: str, shown: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(_renamed(path, new), ensure_ascii=False) + "\n", "utf-8")
    desk = Desk(storage="memory:")
    take_in(desk, "jsonl", JsonLinesChannel().read(str(source)))
    assert list(desk.storage.case_ids()) == []
    (letter,) = desk.storage.dead_letters()
    assert shown in letter.reason
    field = path[-1]  # the field it looks like: named, or the one refused as missing
    assert repr(field) in letter.reason or letter.reason.startswith(f"{field}: is required")
