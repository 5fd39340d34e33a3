"""Real 外卖 reviews (../shared/data/zh/waimai_10k.csv, read in place; skipped without it),
written as a GB18030 CSV, an Excel "Unicode Text" export (UTF-16 with its byte order mark,
tab-separated, CRLF) and an mbox of messages in GBK, GB2312, Big5 or UTF-8 (8bit, base64
or quoted-printable, encoded-word subjects), then mutated — characters, then bytes,
inserted, dropped or replaced. Every record read is a case or a dead letter named by its
place, the counts add up, and nothing else is raised."""

from __future__ import annotations

import base64
import csv
import io
import quopri
import tempfile
from collections.abc import Iterator
from email.header import Header
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.mail import MailChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

WAIMAI = Path("/work/shared/data/zh/waimai_10k.csv")
if not WAIMAI.exists():
    WAIMAI = Path(__file__).resolve().parents[3] / "shared" / "data" / "zh" / WAIMAI.name
pytestmark = pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")

REVIEWS = (
    [row[1] for row in csv.reader(io.StringIO(WAIMAI.read_text(encoding="utf-8")))][1:300:3]
    if WAIMAI.exists()
    else []
)
T = TypeVar("T")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
TEXT_PIECES = ['"', ",", "\t", "\n", "\r", "\r\n", "\x00", "\ufeff", "\u3000", "\u2028", "𠀀"]
BYTE_PIECES = [b"\xff", b"\xfe", b"\x00", b"\x81", b"\n", b"\r", b"\xef\xbb\xbf", b"=", b"=?"]


def mutate(draw: st.DrawFn, data: list[T], pieces: list[T], most: int) -> list[T]:
    """``data`` with at most ``most`` pieces inserted, runs dropped or items replaced."""
    for _ in range(draw(st.integers(0, most))):
        at = draw(st.integers(0, len(data)))
        change = draw(st.sampled_from(["insert", "drop", "replace"]))
        if change == "drop":
            del data[at : at + draw(st.integers(1, 8))]
        else:
            data[at : at + (change == "replace")] = [draw(st.sampled_from(pieces))]
    return data


@st.composite
def exports(draw: st.DrawFn, encoding: str, delimiter: str) -> bytes:
    """Rows of reviews in ``encoding``, mutated as text and then as bytes."""
    chosen = draw(st.lists(st.sampled_from(REVIEWS), min_size=1, max_size=6))
    out = io.StringIO()
    rows = [[f"W-{n}", "2025-11-23", text] for n, text in enumerate(chosen)]
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = "".join(mutate(draw, list(out.getvalue()), TEXT_PIECES, 3))
    encoded = text.encode(encoding, "replace").removeprefix(b"\xff\xfe")  # one mark: the file's
    each: list[bytes] = [bytes([b]) for b in encoded]
    mutated: list[bytes] = mutate(draw, each, BYTE_PIECES, 3)
    return b"".join(mutated)


def read_all(channel: CsvChannel | MailChannel, path: Path, name: str, mark: str) -> int:
    """Takes ``path`` in; asserts every record is counted once, each letter named by its
    place (``reviews.csv:7``, ``reviews.mbox#2``). Returns how many cases were opened."""
    read: list[Complaint | Rejected] = []

    def records() -> Iterator[Complaint | Rejected]:
        for item in channel.read(str(path)):
            read.append(item)
            yield item

    summary = take_in(Desk(storage="memory:"), name, records(), locate=lambda: channel.location)
    counted = summary.opened + summary.already_known + summary.replies + summary.refused_again
    assert counted + len(summary.rejected) == len(read)
    for where, reason in summary.rejected:
        assert where.startswith(f"{path.name}{mark}"), where
        assert where.removeprefix(f"{path.name}{mark}").isdigit(), where
        assert reason.strip()
    return summary.opened


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("gb18030", ","), ("utf-16", "\t")], ids=["gb18030", "utf-16"]
)
def test_mutated_reviews_in_a_chinese_export(encoding: str, delimiter: str) -> None:
    header = delimiter.join(["id", "date", "review"]) + "\r\n"
    columns = {"external_id": "id", "received_at": "date", "text": "review"}

    @SETTINGS
    @given(exports(encoding, delimiter))
    def each(body: bytes) -> None:
        channel = CsvChannel(columns, encoding=encoding, delimiter=delimiter)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "reviews.csv"
            path.write_bytes(header.encode(encoding) + body)
            read_all(channel, path, "csv", ":")

    each()


def message(number: int, text: str, charset: str, encoding: str, subject: str) -> bytes:
    try:
        body = text.encode(charset)
    except UnicodeEncodeError:  # an emoji, a character Big5 has not: as GB18030
        charset, body = "gb18030", text.encode("gb18030")
    if encoding == "base64":
        body = base64.encodebytes(body)
    elif encoding == "quoted-printable":
        body = quopri.encodestring(body)
    try:
        title = Header(text[:20], subject).encode()
    except UnicodeEncodeError:
        title = Header(text[:20], "utf-8").encode()
    head = (
        f"From c{number}@example.com Mon Nov 23 09:00:00 2026\n"
        f"From: =?utf-8?b?5byg5LiJ?= <c{number}@example.com>\n"
        "Date: Mon, 23 Nov 2026 09:00:00 +0800\n"
        f"Message-ID: <w{number}@example.com>\nSubject: {title}\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n"
    )
    return head.encode() + body + b"\n\n"


CHARSETS = ["utf-8", "gbk", "gb2312", "gb18030", "big5"]
MAIL_PIECES = [*BYTE_PIECES, b"\n\n", b">From ", b"From x@y Mon Nov 23 09:00:00 2026\n", b"--"]


@st.composite
def mailboxes(draw: st.DrawFn) -> bytes:
    messages = [
        message(
            number,
            draw(st.sampled_from(REVIEWS)),
            draw(st.sampled_from(CHARSETS)),
            draw(st.sampled_from(["8bit", "base64", "quoted-printable"])),
            draw(st.sampled_from(CHARSETS)),
        )
        for number in range(draw(st.integers(1, 4)))
    ]
    whole: list[bytes] = [bytes([b]) for b in b"".join(messages)]
    mutated: list[bytes] = mutate(draw, whole, MAIL_PIECES, 5)
    return b"".join(mutated)


@SETTINGS
@given(mailboxes())
def test_mutated_reviews_in_an_mbox(mbox: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviews.mbox"
        path.write_bytes(mbox)
        read_all(MailChannel(format="mbox"), path, "email", "#")


def test_the_reviews_unmutated_are_read_as_written() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviews.mbox"
        path.write_bytes(
            b"".join(
                message(
                    n, text, CHARSETS[n % 5], ["8bit", "base64", "quoted-printable"][n % 3], "gbk"
                )
                for n, text in enumerate(REVIEWS[:60])
            )
        )
        items = list(MailChannel(format="mbox").read(str(path)))
    assert [i.text for i in items if isinstance(i, Complaint)] == [t.strip() for t in REVIEWS[:60]]


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("gb18030", ","), ("utf-16", "\t")], ids=["gb18030", "utf-16"]
)
def test_the_reviews_unmutated_are_each_a_case(encoding: str, delimiter: str) -> None:
    out = io.StringIO()
    rows = [["id", "date", "review"], *([f"W-{n}", "2025-11-23", t] for n, t in enumerate(REVIEWS))]
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    columns = {"external_id": "id", "received_at": "date", "text": "review"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reviews.csv"
        path.write_bytes(out.getvalue().encode(encoding))
        channel = CsvChannel(columns, encoding=encoding, delimiter=delimiter)
        assert read_all(channel, path, "csv", ":") == len(REVIEWS)
