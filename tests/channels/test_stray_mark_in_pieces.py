"""A stray UTF-8 byte order mark before text in another encoding, on a stream that cannot
go back (a pipe, standard input), was looked for with one ``peek``: a pipe gives what its
writer has written so far, which may be one byte of the mark, and the mark was then read
as text — the header's first name was '\\ufeffticket' in GBK ('锘縯icket'), the mapping
found no 'ticket' column, and every row was lost to a configuration error. The start is
read until the mark (and a line after it) is there or the stream ends, whatever pieces
it comes in."""

from __future__ import annotations

import codecs
import io
import itertools
import sys
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

TEXT = "ticket,opened,text\nT-1,2026-10-08 09:00,\u725b\u5976\u574f\u4e86\n".encode("gbk")
COLUMNS = {"external_id": "ticket", "received_at": "opened", "text": "text"}


class Pieces(io.RawIOBase):
    """A pipe's reading end: each read gives at most the next piece its writer wrote."""

    def __init__(self, pieces: Sequence[bytes]) -> None:
        self.pieces = [p for p in pieces if p]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.pieces:
            return 0
        piece = self.pieces[0][: len(buffer)]
        self.pieces[0] = self.pieces[0][len(piece) :]
        if not self.pieces[0]:
            self.pieces.pop(0)
        buffer[: len(piece)] = piece
        return len(piece)


def _read_piped(monkeypatch: pytest.MonkeyPatch, pieces: Sequence[bytes]) -> list[object]:
    stdin = io.TextIOWrapper(io.BufferedReader(Pieces(pieces)))
    monkeypatch.setattr(sys, "stdin", stdin)
    return list(CsvChannel(COLUMNS, encoding="gbk").read("-"))


@pytest.mark.parametrize("cut", [1, 2, 3, 4])
def test_a_mark_written_in_pieces_is_read_past(monkeypatch: pytest.MonkeyPatch, cut: int) -> None:
    data = codecs.BOM_UTF8 + TEXT
    (complaint,) = _read_piped(monkeypatch, [data[:cut], data[cut:]])
    assert isinstance(complaint, Complaint)
    assert (complaint.external_id, complaint.text) == ("T-1", "\u725b\u5976\u574f\u4e86")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, len(TEXT) + 3), max_size=6), st.booleans())
def test_any_pieces_read_as_the_whole(cuts: list[int], marked: bool) -> None:
    data = (codecs.BOM_UTF8 if marked else b"") + TEXT
    bounds = [0, *sorted(set(cuts)), len(data)]
    pieces = [data[a:b] for a, b in itertools.pairwise(bounds)]
    with pytest.MonkeyPatch.context() as monkeypatch:
        items = _read_piped(monkeypatch, pieces)
    assert [type(i) for i in items] == [Complaint], [
        i.reason for i in items if isinstance(i, Rejected)
    ]
