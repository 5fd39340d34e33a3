"""Real CFPB rows with bytes inserted, dropped or replaced (quotes, line ends, NUL, a byte
order mark, invalid UTF-8, a 200,000-character field): every record read is a case or a
dead letter named by its line, in order, and nothing is raised."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "examples" / "cfpb" / "mapping.yaml"
HEADER, _, BODY = (ROOT / "tests" / "fixtures" / "cfpb_sample.csv").read_bytes().partition(b"\n")
ROWS = [
    (",".join('"' + value.replace('"', '""') + '"' for value in row) + "\n").encode()
    for row in list(csv.reader(io.StringIO(BODY.decode())))[:60]
]
PIECES = [b'"', b",", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xe5\xa5"]
PIECES += ["\u3000".encode(), b"X" * 200_000, b"2026-02-30", b"1e999", b'""']


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    body = bytearray(b"".join(draw(st.lists(st.sampled_from(ROWS), min_size=1, max_size=6))))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(body)))
        change = draw(st.sampled_from(["insert", "drop", "replace"]))
        if change == "drop":
            del body[at : at + draw(st.integers(1, 20))]
        else:
            body[at : at + (change == "replace")] = draw(st.sampled_from(PIECES))
    return bytes(body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_every_mutated_row_is_a_case_or_a_dead_letter_at_its_line(body: bytes) -> None:
    channel = CsvChannel(str(MAPPING), channel="cfpb", timezone="America/New_York")
    read: list[Complaint | Rejected] = []
    located: list[int] = []

    def records(path: Path) -> Iterator[Complaint | Rejected]:
        for item in channel.read(str(path)):
            read.append(item)
            located.append(int(str(channel.location).rpartition(":")[2]))
            yield item

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes(HEADER + b"\n" + body)
        desk = Desk(storage="memory:")
        summary = take_in(desk, "cfpb", records(path), locate=lambda: channel.location)
    assert summary.opened + summary.already_known + len(summary.rejected) == len(read)
    assert located == sorted(set(located))
    assert all(line >= 2 for line in located)
    for where, reason in summary.rejected:
        assert where.startswith("rows.csv:")
        assert reason.strip()
