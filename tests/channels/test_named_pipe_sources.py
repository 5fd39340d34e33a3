"""A source named on the command line may be a named pipe — ``intake <(zcat day.jsonl.gz)``
in bash, a FIFO an exporter writes to — and is read as standard input is: once, to its end,
each record a complaint or a dead letter."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mail import MailChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import POISON_LINES, POISON_MAILS, good_mail

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


@contextmanager
def piped(tmp_path: Path, name: str, data: bytes) -> Iterator[str]:
    """A named pipe ``name`` that a thread writes ``data`` into, then opens and closes
    again and again: a reader that opens it a second time gets an empty file rather than
    waiting for a writer forever (the test fails, not hangs). A reader that failed before
    opening it leaves the writer waiting, which the read end opened here frees."""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = threading.Event()

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as pipe:
            pipe.write(data)
        while not done.is_set():
            with contextlib.suppress(OSError):  # no reader waiting
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            done.wait(0.05)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    try:
        yield str(fifo)
    finally:
        done.set()
        while thread.is_alive():
            reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            with contextlib.suppress(BlockingIOError):
                os.read(reader, 1 << 20)
            os.close(reader)
            thread.join(0.05)


def outcome(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else i.source for i in items]


def line(n: int) -> bytes:
    return (
        b'{"channel":"web","external_id":"j%d","customer":{"id":"c"},"text":"t",'
        b'"received_at":"2026-11-23T09:30:00+08:00"}\n' % n
    )


def test_json_lines_from_a_named_pipe_are_read_to_its_end(tmp_path: Path) -> None:
    """It failed as a whole, 'UnsupportedOperation: File or stream is not seekable', naming
    no file; a last line with no line end that does not parse was held for a next run that
    cannot read it again: a pipe, as standard input, has ended when it is read."""
    data = line(1) + b"not json\n" + line(3) + b'{"half'
    with piped(tmp_path, "day.jsonl", data) as fifo:
        channel = JsonLinesChannel()
        items = list(channel.read(fifo))
    assert outcome(items) == ["j1", "day.jsonl:2", "j3", "day.jsonl:4"]
    assert channel.held == []
    assert isinstance(items[3], Rejected)
    assert items[3].raw == b'{"half'


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_csv_rows_from_a_named_pipe_are_read(tmp_path: Path, encoding: str) -> None:
    """Another encoding than UTF-8 looks at the file's start for a stray UTF-8 mark and
    went back to read it again, which a pipe cannot."""
    rows = "id,at,text\n1,2026-11-02 10:00,送餐很快\n2,2026-11-02 11:00,外卖凉了\n"
    with piped(tmp_path, "rows.csv", rows.encode(encoding)) as fifo:
        channel = CsvChannel(COLUMNS, timezone="Asia/Shanghai", encoding=encoding)
        items = list(channel.read(fifo))
    assert outcome(items) == ["1", "2"]
    assert isinstance(items[1], Complaint)
    assert items[1].text == "外卖凉了"


def test_an_mbox_from_a_named_pipe_is_split_into_its_messages(tmp_path: Path) -> None:
    """The format was told by opening the pipe and reading its first bytes, which took its
    buffer's worth; the mbox, opened again, was empty: 0 taken in, no dead letter, exit 0."""
    box = b"".join(
        b"From c@example.com Mon Nov 23 09:30:00 2026\r\n" + good_mail(n) for n in (1, 2)
    )
    with piped(tmp_path, "inbox", box) as fifo:
        items = list(MailChannel().read(fifo))
    assert outcome(items) == ["m1@example.com", "m2@example.com"]


def test_a_message_from_a_named_pipe_is_read_whole(tmp_path: Path) -> None:
    """It was a dead letter with no bytes, 'message: is empty': the format was told from
    its first bytes as an mbox's was."""
    with piped(tmp_path, "letter.eml", good_mail(3)) as fifo:
        items = list(MailChannel().read(fifo))
    assert outcome(items) == ["m3@example.com"]
    assert isinstance(items[0], Complaint)
    assert items[0].text == "My parcel 3 is late."


def test_a_maildir_named_for_a_named_pipe_is_refused_naming_it(tmp_path: Path) -> None:
    with piped(tmp_path, "box", good_mail(4)) as fifo, pytest.raises(ConfigError) as info:
        list(MailChannel(format="maildir").read(fifo))
    assert "box" in str(info.value)
    assert "named pipe" in str(info.value)


def _read(channel: str, source: str) -> list[tuple[str, bytes, str]]:
    """What ``source`` reads as in ``channel``: each record's place, bytes and refusal, or
    the refusal of the whole."""
    reader: JsonLinesChannel | CsvChannel | MailChannel
    if channel == "jsonl":
        reader = JsonLinesChannel()
    elif channel == "csv":
        reader = CsvChannel(COLUMNS, timezone="Asia/Shanghai", encoding="gb18030")
    else:
        reader = MailChannel()
    try:
        return [
            (i.source, i.raw, i.reason) if isinstance(i, Rejected) else (i.external_id, b"", i.text)
            for i in reader.read(source)
        ]
    except ConfigError as exc:  # the whole source refused: its path aside, the same way
        return [("refused", b"", str(exc).replace(source, "SOURCE"))]


SEPARATOR = b"From c@example.com Mon Nov 23 09:30:00 2026\n"
pieces = {
    "jsonl": st.sampled_from([line(1), line(2), b"\r\n", b"\xef\xbb\xbf", *POISON_LINES.values()])
    | st.binary(max_size=30),
    "csv": st.sampled_from(["\ufeff", "id,at,text\n", "1,2026-11-02 10:00,凉了\n", '"', "\r"]).map(
        lambda t: t.encode("gb18030")
    )
    | st.binary(max_size=30),
    "email": st.sampled_from([SEPARATOR, good_mail(1), good_mail(2), *POISON_MAILS.values()])
    | st.binary(max_size=30),
}


@settings(max_examples=40)
@given(data=st.data(), channel=st.sampled_from(sorted(pieces)))
def test_any_bytes_through_a_named_pipe_read_as_from_a_file(
    data: st.DataObject, channel: str
) -> None:
    """Whatever a source holds, a named pipe of it gives the records, places and refusals a
    file of it gives (a JSON line with no line end at its end aside, which a file still
    being written holds for its next run: the pipe's and the file's are read complete)."""
    written = b"".join(data.draw(st.lists(pieces[channel], max_size=6), label="pieces"))
    if channel == "jsonl":
        written = written if written.endswith(b"\n") or not written else written + b"\n"
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain"
        plain.write_bytes(written)
        from_file = _read(channel, str(plain))
        with piped(Path(folder), "piped", written) as fifo:
            from_pipe = _read(channel, fifo)
    assert [(where.replace("piped", "plain"), *rest) for where, *rest in from_pipe] == from_file
