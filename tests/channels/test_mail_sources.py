"""The e-mail channel's sources: an mbox splits only at its separator lines, and an entry of
a folder that cannot be read costs that entry, not the run."""

from __future__ import annotations

import base64
import contextlib
import mailbox
import os
import tempfile
import threading
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mbox import mbox_messages
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_mail


def outcome(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else i.source for i in items]


def mbox_message(n: int, body: bytes) -> bytes:
    return (
        b"From a@b.c Mon Nov 23 09:00:00 2026\n"
        + f"From: a{n}@b.c\nMessage-ID: <mb{n}@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n".encode()
        + b"Subject: s\n\n"
        + body
    )


def test_a_body_line_starting_with_from_does_not_split_the_message(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(
        mbox_message(1, b"body 1\nFrom here on it is bad\n\n") + mbox_message(2, b"body 2\n")
    )
    items = list(MailChannel().read(str(box)))
    assert outcome(items) == ["mb1@x", "mb2@x"]
    assert isinstance(items[0], Complaint)
    assert items[0].text == "body 1\nFrom here on it is bad"


def test_an_mbox_with_old_mac_line_endings_is_split_at_each_separator(tmp_path: Path) -> None:
    """Lines ending in CR alone (as the message parser reads them too) were one line: the
    whole file was one message, and the second complaint only words in the first's text."""
    box = tmp_path / "box.mbox"
    body = (mbox_message(1, b"body 1\n\n") + mbox_message(2, b"body 2\n")).replace(b"\n", b"\r")
    box.write_bytes(body)
    items = list(MailChannel().read(str(box)))
    assert outcome(items) == ["mb1@x", "mb2@x"]
    assert isinstance(items[0], Complaint)
    assert "mb2@x" not in items[0].text
    assert b"".join(raw for _, raw in mbox_messages(box)) == body


def test_a_byte_order_mark_before_a_message_or_an_mbox_is_not_part_of_it(tmp_path: Path) -> None:
    """Saved by a Windows editor, a file starts with UTF-8's mark: an .eml was refused as
    'From: header is missing', and an mbox was read as one .eml, its second complaint only
    words in the first one's text."""
    (tmp_path / "a.eml").write_bytes(b"\xef\xbb\xbf" + good_mail(1))
    box = tmp_path / "box.mbox"
    box.write_bytes(b"\xef\xbb\xbf" + mbox_message(1, b"one\n\n") + mbox_message(2, b"two\n"))
    assert outcome(list(MailChannel().read(str(tmp_path / "a.eml")))) == ["m1@example.com"]
    assert outcome(list(MailChannel().read(str(box)))) == ["mb1@x", "mb2@x"]


def test_text_before_the_first_separator_is_a_dead_letter_holding_it(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(b"stray text\n\n" + mbox_message(1, b"body\n"))
    items = list(MailChannel(format="mbox").read(str(box)))
    assert outcome(items) == ["box.mbox#0", "mb1@x"]
    assert isinstance(items[0], Rejected)
    assert items[0].raw == b"stray text\n\n"


def test_a_file_named_mbox_is_read_as_one_whatever_it_starts_with(tmp_path: Path) -> None:
    """Only a file starting with 'From ' was taken for an mbox: one named .mbox with a line
    before its first separator was read as one .eml, refused whole as 'From: header is
    missing', and none of its complaints was taken in."""
    box = tmp_path / "box.MBOX"
    box.write_bytes(
        b"exported by a script\n" + mbox_message(1, b"one\n\n") + mbox_message(2, b"2\n")
    )
    assert outcome(list(MailChannel().read(str(box)))) == ["box.MBOX#0", "mb1@x", "mb2@x"]


def test_messages_written_by_the_standard_library_read_back_the_same(tmp_path: Path) -> None:
    box = mailbox.mbox(tmp_path / "inbox.mbox")
    for n in range(3):
        box.add(good_mail(n).replace(b"\r\n", b"\n") + b"From the start of a line\n")
    box.close()
    reference = mailbox.mbox(tmp_path / "inbox.mbox")
    expected = [reference.get_bytes(key) for key in reference.iterkeys()]
    reference.close()
    items = list(MailChannel().read(str(tmp_path / "inbox.mbox")))
    assert [i.external_id for i in items if isinstance(i, Complaint)] == [
        f"m{n}@example.com" for n in range(3)
    ]
    assert [MailChannel().message(raw).external_id for raw in expected] == outcome(items)


def test_an_unreadable_entry_of_an_eml_folder_costs_only_itself(tmp_path: Path) -> None:
    (tmp_path / "01-good.eml").write_bytes(good_mail(1))
    (tmp_path / "03-folder.eml").mkdir()
    (tmp_path / "27-lower.EML").write_bytes(good_mail(27))
    items = list(MailChannel(format="eml").read(str(tmp_path)))
    assert outcome(items) == ["m1@example.com", "03-folder.eml", "m27@example.com"]
    assert isinstance(items[1], Rejected)
    assert "could not be read" in items[1].reason


def test_a_maildir_message_that_vanished_costs_only_itself(tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    keys = [folder.add(good_mail(n)) for n in range(3)]
    (tmp_path / "Maildir" / "cur" / "gone").symlink_to(tmp_path / "deleted")  # listed, unreadable
    items = list(MailChannel().read(str(tmp_path / "Maildir")))
    assert sorted(i.external_id for i in items if isinstance(i, Complaint)) == [
        f"m{n}@example.com" for n in range(3)
    ]
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert rejected.source == "Maildir/gone"
    assert len(keys) == 3


lines = st.sampled_from(
    [b"From here on\n", b"From x Mon Nov 23 09:00:00 2026\n", b">From quoted\n", b"\n", b"text\n"]
) | st.binary(max_size=40)


@given(st.lists(lines, max_size=10))
def test_any_mbox_is_read_whole(noise: list[bytes]) -> None:
    body = mbox_message(1, b"one\n\n") + b"".join(noise) + b"\n" + mbox_message(2, b"two\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "box.mbox"
        path.write_bytes(body)
        items = list(MailChannel(format="mbox").read(str(path)))
        messages = list(mbox_messages(path))
    assert outcome(items)[-1] == "mb2@x"
    assert [number for number, _ in messages] == list(range(1, len(items) + 1))
    assert b"".join(raw for _, raw in messages) == body  # each byte in exactly one message


def test_a_large_message_is_read_holding_few_copies_of_it(tmp_path: Path) -> None:
    """A 54 MB one-message mbox (a base64 attachment) peaked at 740 MB: the split kept every
    line alive, the header check split the whole message into lines, and the parser was
    handed it all at once and split it again."""
    attachment = base64.encodebytes(bytes(range(256)) * 16_000)  # 4 MB as 5.5 MB of text
    path = tmp_path / "big.mbox"
    path.write_bytes(
        mbox_message(1, b"")[: -len(b"\n")]  # its headers, without the blank line
        + b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        + b"see attached\n--b\nContent-Type: application/octet-stream\n"
        + b"Content-Transfer-Encoding: base64\n\n"
        + attachment
        + b"--b--\n"
    )
    tracemalloc.start()
    try:
        (complaint,) = MailChannel().read(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(complaint, Complaint)
    assert complaint.attributes["attachments"][0]["size"] == 4_096_000
    assert peak < 8 * path.stat().st_size  # 11 times before


@contextmanager
def fifo_unblocked(fifo: Path) -> Iterator[None]:
    """While the block runs, a writer opens and closes ``fifo`` whenever a reader waits on
    it: a reader that opens a named pipe and waits for a writer gets an empty file, so a
    test of one fails rather than hangs."""
    done = threading.Event()

    def unblock() -> None:
        while not done.is_set():
            with contextlib.suppress(OSError):  # no reader waiting
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            done.wait(0.05)

    thread = threading.Thread(target=unblock, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_or_a_device_named_like_a_message_costs_only_itself(tmp_path: Path) -> None:
    """A named pipe in a folder of .eml files or a Maildir was opened to be read and waited
    for a writer forever: the whole run hung. A symlink to a device was read as a message
    (``/dev/zero`` never ends). Neither is a file of bytes: each is a dead letter saying so
    (the symlink is not even followed)."""
    (tmp_path / "01-good.eml").write_bytes(good_mail(1))
    os.mkfifo(tmp_path / "02-pipe.eml")
    (tmp_path / "03-null.eml").symlink_to("/dev/null")
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    maildir.add(good_mail(2))
    os.mkfifo(tmp_path / "Maildir" / "new" / "pipe")
    with fifo_unblocked(tmp_path / "02-pipe.eml"), fifo_unblocked(tmp_path / "Maildir/new/pipe"):
        in_folder = list(MailChannel(format="eml").read(str(tmp_path)))
        in_maildir = list(MailChannel().read(str(tmp_path / "Maildir")))
    assert outcome(in_folder) == ["m1@example.com", "02-pipe.eml", "03-null.eml"]
    assert sorted(outcome(in_maildir)) == ["Maildir/pipe", "m2@example.com"]
    pipe, null = in_folder[1], in_folder[2]
    (in_box,) = [i for i in in_maildir if isinstance(i, Rejected)]
    assert isinstance(pipe, Rejected)
    assert isinstance(null, Rejected)
    assert "could not be read" in pipe.reason
    assert "named pipe" in pipe.reason
    assert "symbolic link" in null.reason
    assert "named pipe" in in_box.reason


@pytest.mark.parametrize(
    ("layout", "kind"),
    [
        ("file", "maildir"),
        ("empty folder", "maildir"),
        ("folder", "mbox"),
        ("half maildir", "maildir"),
    ],
)
def test_a_format_the_source_cannot_be_read_as_is_refused_naming_both(
    tmp_path: Path, layout: str, kind: str
) -> None:
    """``-o format=maildir`` over an .eml file ended the run with 'the channel could not
    read its source: NotADirectoryError: [Errno 20] Not a directory: 'a.eml/cur'', over an
    empty folder with FileNotFoundError, and ``-o format=mbox`` over a folder with
    IsADirectoryError: Python's words for what the format needs."""
    source = tmp_path / "box"
    if layout == "file":
        source.write_bytes(good_mail(1))
    else:
        source.mkdir()
        if layout == "half maildir":
            (source / "new").mkdir()
    with pytest.raises(ConfigError) as refused:
        list(MailChannel(format=kind).read(str(source)))
    message = str(refused.value)
    assert str(source) in message
    assert f"format={kind}" in message
    assert "Error" not in message
