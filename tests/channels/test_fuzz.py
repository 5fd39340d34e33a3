"""Fuzzing every intake path: whatever the bytes, each record ends as a case or a dead
letter, good records mixed in are all taken, and nothing else is raised."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.channels import Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mail import MailChannel
from complaintkit.desk import Desk
from complaintkit.testing.poison import POISON_LINES, POISON_MAILS, good_line, good_mail
from complaintkit.testing.server import running_server
from loopback import loopback_client

FIELDS = ["channel", "external_id", "received_at", "customer", "text", "subject", "amount"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**399, max_value=10**4200)  # longer: see POISON_LINES
    | st.floats()
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@st.composite
def mutated_lines(draw: st.DrawFn) -> bytes:
    """A good record with one field replaced by any JSON value, as one JSON line."""
    record: dict[str, Any] = json.loads(good_line(draw(st.integers(1000, 2000))))
    record[draw(st.sampled_from([*FIELDS, "attributes", "unknown"]))] = draw(json_values)
    return json.dumps(record, allow_nan=True).encode("utf-8", errors="surrogatepass")


bad_lines = (
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))
    | mutated_lines()
    | st.sampled_from(sorted(POISON_LINES.values()))
)


def _take(channel: Any, path: Path) -> tuple[Desk, Any]:
    desk = Desk(storage="memory:")
    items = list(channel.read(str(path)))
    summary = take_in(desk, "fuzz", items)
    assert summary.opened + summary.already_known + len(summary.rejected) == len(items)
    assert len(desk.storage.dead_letters()) == len(summary.rejected)
    return desk, summary


@given(st.lists(bad_lines, max_size=6))
def test_jsonl_any_lines_between_good_ones(bad: list[bytes]) -> None:
    lines = [good_line(0)]
    for n, line in enumerate(bad, start=1):
        lines += [line, good_line(n)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        desk, _ = _take(JsonLinesChannel(), path)
    for n in range(len(bad) + 1):
        assert desk.storage.find_by_key("web", f"G-{n}") is not None


cells = st.binary(max_size=30) | st.text(max_size=30).map(str.encode)


@given(st.lists(st.tuples(cells, cells, cells), max_size=6))
def test_csv_any_rows(rows: list[tuple[bytes, bytes, bytes]]) -> None:
    body = b"id,date,text\n" + b"".join(b",".join(row) + b"\n" for row in rows)
    body += b"good-row,2026-11-23,parcel late\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes(body)
        columns = {"external_id": "id", "received_at": "date", "text": "text"}
        desk, _ = _take(CsvChannel(columns), path)
    # an unclosed quote before it makes the good row part of one bad record: kept, not lost
    kept = any(b"good-row" in d.raw for d in desk.storage.dead_letters())
    assert desk.storage.find_by_key("csv", "good-row") is not None or kept


csv_pieces = st.sampled_from(
    [
        b'"',
        b",",
        b"\n",
        b"\r",
        b"\r\n",
        b"1",
        b"2026-11-23",
        b"x",
        b"\x00",
        b"\xff",
        b"\xe5",
        b"\xe5\xa5\xbd",
    ]
)


@given(st.lists(csv_pieces, max_size=40), st.sampled_from(["utf-8", "gbk", "utf-16"]))
def test_csv_in_any_encoding_is_read_again_the_same(pieces: list[bytes], encoding: str) -> None:
    """Whatever the bytes, in an encoding of one byte or two: a second run opens no case and
    keeps no new letter, and each letter read again on its own is refused for its reason."""
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    channel = CsvChannel(columns, encoding=encoding)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes("id,date,text\n".encode(encoding) + b"".join(pieces))
        desk, _ = _take(channel, path)
        letters = desk.storage.dead_letters()
        again = take_in(desk, "fuzz", channel.read(str(path)))
        assert again.opened == 0
        assert desk.storage.dead_letters() == letters
        for letter in letters:
            path.write_bytes(letter.raw)
            (alone,) = channel.read(str(path))
            assert isinstance(alone, Rejected)
            assert alone.reason == letter.reason


HEADERS = ["From", "Message-ID", "Date", "Subject", "Content-Type", "Content-Transfer-Encoding"]
header_lines = st.tuples(st.sampled_from(HEADERS), st.binary(max_size=60)).map(
    lambda pair: pair[0].encode() + b": " + pair[1].replace(b"\n", b" ") + b"\r\n"
)
mails = (
    st.tuples(st.lists(header_lines, max_size=8), st.binary(max_size=200)).map(
        lambda parts: b"".join(parts[0]) + b"\r\n" + parts[1]
    )
    | st.sampled_from(sorted(POISON_MAILS.values()))
    | st.binary(max_size=300)
)


@given(st.lists(mails, max_size=4))
def test_email_any_messages_in_an_eml_folder(messages: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for n, raw in enumerate(messages):
            (Path(folder) / f"{n:02}-fuzz.eml").write_bytes(raw)
        (Path(folder) / "99-good.eml").write_bytes(good_mail(1))
        desk, _ = _take(MailChannel(format="eml"), Path(folder))
    assert desk.storage.find_by_key("email", "m1@example.com") is not None


bodies = (
    mutated_lines()
    | st.binary(max_size=300)
    | st.sampled_from(sorted(POISON_LINES.values()))
    | json_values.map(lambda v: json.dumps(v).encode("utf-8", errors="surrogatepass"))
)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, refusals_kept=10_000)  # every refused body kept, however many
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


@given(body=bodies)
def test_http_any_body_is_a_case_or_a_dead_letter(
    served: tuple[httpx.Client, Desk], body: bytes
) -> None:
    client, desk = served
    before = len(desk.storage.dead_letters())
    response = client.post("/complaints", content=body)
    assert response.status_code in (200, 201, 409, 422), response.text
    kept = len(desk.storage.dead_letters()) - before
    assert kept == (0 if response.status_code < 300 else 1)
