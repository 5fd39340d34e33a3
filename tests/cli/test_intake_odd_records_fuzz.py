# ruff: noqa: RUF001 -- Cyrillic, Hebrew and Arabic test text on purpose
"""``complaintkit intake`` of well-formed files holding odd records: Chinese, right-to-left
text, emoji, combining marks, NUL, byte order marks, long lines, line ends of every kind
mixed in one file, in UTF-8, UTF-16, GB18030 and Windows-1252, with a byte order mark and
without. Each record ends as a case or as a dead letter naming its file and line, none is
lost, and the command never ends in a traceback."""

from __future__ import annotations

import codecs
import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COLUMNS = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
COLUMNS += ["-o", "columns.text=text"]
#: Pieces of text as customers and their tools write them.
PIECES = [
    "parcel late",
    "外卖送得太慢了，饭菜都凉了",
    "הזמנה לא הגיעה",  # right to left
    "لم يصل الطلب",
    "\u202eevil\u202c",
    "😡🍔",
    "👩\u200d👩\u200d👧",
    "Mu\u0308ller",
    "e\u0301\u0301\u0301",
    "\x00",
    "\ufeff",
    "café — “late”",
    '"quoted", with commas',
    "ТоВаР НЕ ПРИШЁЛ",
    "\t",
    "x" * 3000,
]
LINE_ENDS = ["\r\n", "\n", "\r"]
#: The encodings files are exported in, each with what it writes as its byte order mark.
ENCODINGS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16": codecs.BOM_UTF16_LE,
    "gb18030": "\ufeff".encode("gb18030"),
    "cp1252": b"",
}
#: Where a dead letter's source says its record was: ``csv:rows.csv:7 {options}``.
LOCATION = re.compile(r"(?:^|:)rows\.(?:csv|jsonl):[0-9]+(?: |$)")


def _writable(encoding: str) -> st.SearchStrategy[str]:
    """Texts of the pieces ``encoding`` can write, joined by line breaks of any kind."""
    pieces = []
    for piece in PIECES:
        try:
            piece.encode(encoding)
        except UnicodeEncodeError:
            continue
        pieces.append(piece)
    joints = st.sampled_from(["", " ", *LINE_ENDS])
    return st.lists(st.tuples(st.sampled_from(pieces), joints), min_size=1, max_size=4).map(
        lambda parts: "".join(piece + joint for piece, joint in parts)
    )


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, bytes, int]:
    """An export: its encoding, its bytes and how many records it holds."""
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    texts = draw(st.lists(_writable(encoding), min_size=1, max_size=5))
    ends = st.sampled_from(LINE_ENDS)
    rows = "id,date,text" + draw(ends)
    for number, text in enumerate(texts):
        quoted = '"' + text.replace('"', '""') + '"'
        rows += f"R{number},2026-11-23,{quoted}" + draw(ends)
    codec = "utf-16-le" if encoding == "utf-16" else encoding
    mark = ENCODINGS[encoding] if draw(st.booleans()) or encoding == "utf-16" else b""
    return encoding, mark + rows.encode(codec), len(texts)


@settings(max_examples=40, deadline=None)
@given(export=exports())
def test_each_record_is_a_case_or_a_located_dead_letter(
    tmp_path_factory: pytest.TempPathFactory, export: tuple[str, bytes, int]
) -> None:
    encoding, data, records = export
    folder = tmp_path_factory.mktemp("odd")
    (folder / "rows.csv").write_bytes(data)
    db = folder / "cases.db"
    args = ["--db", f"sqlite:///{db}", "intake", "--channel", "csv", *COLUMNS]
    result = CliRunner().invoke(
        CLI, [*args, "-o", f"encoding={encoding}", str(folder / "rows.csv")]
    )
    assert result.exit_code in (0, 3), result.output  # 3: some were dead-lettered
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    storage = SQLiteStorage(f"sqlite:///{db}")
    try:
        letters = storage.dead_letters()
        taken = [n for n in range(records) if storage.find_by_key("csv", f"R{n}") is not None]
    finally:
        storage.close()
    assert all(LOCATION.search(letter.source) for letter in letters), letters
    assert len(taken) + len(letters) == records, (result.output, letters)


@st.composite
def json_exports(draw: st.DrawFn) -> tuple[bytes, int]:
    """A JSON-lines export of odd texts, its lines ended by LF or CRLF, a mark or not."""
    texts = draw(st.lists(_writable("utf-8"), min_size=1, max_size=5))
    lines = b""
    for number, text in enumerate(texts):
        record = {
            "channel": "app",
            "external_id": f"R{number}",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": f"C{number}"},
            "text": text,
        }
        ascii_only = draw(st.booleans())
        line = json.dumps(record, ensure_ascii=ascii_only)
        lines += line.encode() + draw(st.sampled_from([b"\n", b"\r\n"]))
    mark = codecs.BOM_UTF8 if draw(st.booleans()) else b""
    return mark + lines, len(texts)


@settings(max_examples=30, deadline=None)
@given(export=json_exports())
def test_each_json_line_is_a_case_or_a_located_dead_letter(
    tmp_path_factory: pytest.TempPathFactory, export: tuple[bytes, int]
) -> None:
    data, records = export
    folder = tmp_path_factory.mktemp("odd")
    (folder / "rows.jsonl").write_bytes(data)
    db = folder / "cases.db"
    result = CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{db}", "intake", str(folder / "rows.jsonl")]
    )
    assert result.exit_code in (0, 3), result.output  # 3: some were dead-lettered
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    storage = SQLiteStorage(f"sqlite:///{db}")
    try:
        letters = storage.dead_letters()
        taken = [n for n in range(records) if storage.find_by_key("app", f"R{n}") is not None]
    finally:
        storage.close()
    assert all(LOCATION.search(letter.source) for letter in letters), letters
    assert len(taken) + len(letters) == records, (result.output, letters)


@st.composite
def damaged_exports(draw: st.DrawFn) -> tuple[str, bytes, int]:
    """An export of plain rows with random bytes written over or into it anywhere."""
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    rows = draw(st.integers(1, 4))
    text = "id,date,text\r\n" + "".join(f"R{n},2026-11-23,late\r\n" for n in range(rows))
    codec = "utf-16-le" if encoding == "utf-16" else encoding
    data = bytearray(ENCODINGS[encoding] + text.encode(codec))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(len(ENCODINGS[encoding]) + 1, len(data)))
        junk = draw(st.binary(min_size=1, max_size=8))
        data[at : at + (len(junk) if draw(st.booleans()) else 0)] = junk
    return encoding, bytes(data), rows


@settings(max_examples=40, deadline=None)
@given(export=damaged_exports())
def test_random_bytes_cost_no_record_and_raise_nothing(
    tmp_path_factory: pytest.TempPathFactory, export: tuple[str, bytes, int]
) -> None:
    """Each row ends as a case or inside a located dead letter; or the file is refused
    whole in one line (a header the bytes broke), nothing taken."""
    encoding, data, records = export
    folder = tmp_path_factory.mktemp("damaged")
    (folder / "rows.csv").write_bytes(data)
    db = folder / "cases.db"
    args = ["--db", f"sqlite:///{db}", "intake", "--channel", "csv", *COLUMNS]
    result = CliRunner().invoke(
        CLI, [*args, "-o", f"encoding={encoding}", str(folder / "rows.csv")]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    keys = [f"R{number}" for number in range(records)]
    storage = SQLiteStorage(f"sqlite:///{db}")
    try:
        letters = storage.dead_letters()
        cases = [storage.get(case) for case in storage.case_ids()]
        taken = "\n".join(c.external_id for case in cases for c in case.complaints)
    finally:
        storage.close()
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: "), result.output
        assert (taken, letters) == ("", [])
        return
    assert result.exit_code in (0, 3), result.output
    assert all(LOCATION.search(letter.source) for letter in letters), letters
    codec = "utf-16-le" if encoding == "utf-16" else encoding
    kept = b"".join(letter.raw for letter in letters)
    for key in keys:  # taken under it (junk may have joined it), kept, or written over
        written = key.encode(codec)
        assert key in taken or written in kept or written not in data, (key, result.output)
