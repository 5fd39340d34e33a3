"""A UTF-8 source's undecodable bytes are escaped as ``_escape_bytes`` escapes them, byte
for byte, whichever bytes they are: ``open_source`` reads UTF-8 with Python's own
``surrogateescape``, which must give exactly what the handler it stands for gives. A source
that is only the start of the byte order mark (``\\xef``) is such bytes too: Python's
``utf-8-sig`` decoder gave nothing for it, from a file or a pipe."""

from __future__ import annotations

import codecs
import os
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from complaintkit.channels.files import open_source, raw_bytes
from complaintkit.model.file_kinds import file_kind

#: UTF-8's hard cases: stray continuation bytes, a lead byte cut short (at the end too),
#: overlong forms, encoded surrogates, bytes never in UTF-8, and GBK text.
PIECES = st.sampled_from(
    [
        *(b"a", b"\n", b"\x80", b"\xbf", b"\xc0\xaf", b"\xe6\xbc", b"\xed\xa0\x80"),
        *(b"\xf4\x90\x80\x80", b"\xfe", b"\xff", b"\xf0\x9f\x98", b"\xef\xbb\xbf"),
        *("漏水".encode(), "漏水".encode("gbk")),
    ]
)


@settings(max_examples=200, deadline=None)
@example(data=b"\xef", encoding="utf-8")
@example(data=b"\xef\xbb", encoding="utf-8-sig")
@given(
    data=st.lists(PIECES, max_size=12).map(b"".join) | st.binary(max_size=64),
    encoding=st.sampled_from(["utf-8", "UTF8", "utf-8-sig"]),
)
def test_each_undecodable_utf8_byte_is_escaped_as_the_handler_escapes_it(
    data: bytes, encoding: str
) -> None:
    assume(file_kind(data) is None)  # a workbook or an archive is refused whole, not read
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.txt"
        path.write_bytes(data)
        with open_source(str(path), "test", encoding, newline="\n") as handle:
            text = handle.read()
    body = data.removeprefix(codecs.BOM_UTF8)
    assert text == body.decode("utf-8", errors="complaintkit.escapebytes")
    assert raw_bytes(text, encoding) == body


@pytest.mark.parametrize("data", [b"\xef", b"\xef\xbb", b"\xef\xbb\xbfa", b"ab"])
def test_a_pipe_that_is_only_the_start_of_the_mark_is_read_as_its_bytes(
    tmp_path: Path, data: bytes
) -> None:
    fifo = tmp_path / "in.pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(data,))
    writer.start()
    with open_source(str(fifo), "test", "utf-8", newline="\n") as handle:
        text = handle.read()
    writer.join()
    body = data.removeprefix(codecs.BOM_UTF8)
    assert text == body.decode("utf-8", errors="complaintkit.escapebytes")
