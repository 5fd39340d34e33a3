"""An mboxcl or mboxcl2 file (Solaris mail, some IMAP exports) says each message's body
length in a ``Content-Length`` header and quotes no body line. A body line in a
separator's whole form right after a blank line ("From someone@x Sat Jan  3 01:05:34 1996"
quoted in a complaint) split the message: its tail became a dead letter, 'From: header
is missing', and the complaint was cut short. A length that lands exactly on a separator
(or on a blank line before one, or the end of the file) is trusted; one that does not is
not, and the separator lines split the file as before."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mbox import mbox_messages
from complaintkit.model.complaint import Complaint

SEPARATOR = b"From a@b.c Mon Nov 23 09:00:00 2026\n"
QUOTED = b"From someone@x Sat Jan  3 01:05:34 1996\n"
BODY = b"I wrote to you before:\n\n" + QUOTED + b"says the parcel left.\n"


def message(n: int, body: bytes, length: int | None = None) -> bytes:
    said = len(body) if length is None else length
    return (
        SEPARATOR
        + f"From: a{n}@b.c\nMessage-ID: <cl{n}@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n".encode()
        + f"Subject: s\nContent-Length: {said}\n\n".encode()
        + body
    )


def split(tmp_path: Path, raw: bytes) -> list[bytes]:
    box = tmp_path / "box.mbox"
    box.write_bytes(raw)
    return [r for _, r in mbox_messages(box)]


def test_a_length_landing_on_a_separator_keeps_a_separator_line_in_its_body(
    tmp_path: Path,
) -> None:
    first, second = message(1, BODY), message(2, b"two\n")
    assert split(tmp_path, first + second) == [first, second]
    box = tmp_path / "box.mbox"
    items = list(MailChannel().read(str(box)))
    assert [type(i) for i in items] == [Complaint, Complaint]
    assert isinstance(items[0], Complaint)
    assert "From someone@x Sat Jan  3 01:05:34 1996\nsays the parcel left." in items[0].text


def test_a_length_landing_on_the_end_of_the_file_is_trusted(tmp_path: Path) -> None:
    whole = message(1, BODY)
    assert split(tmp_path, whole) == [whole]


def test_a_length_landing_on_the_blank_line_before_a_separator_is_trusted(
    tmp_path: Path,
) -> None:
    """mboxcl2 writers end each message with a blank line the length does not count."""
    first, second = message(1, BODY) + b"\n", message(2, b"two\n") + b"\n"
    assert split(tmp_path, first + second) == [first, second]


def test_a_length_landing_elsewhere_is_not_trusted(tmp_path: Path) -> None:
    """Too short (inside a line), too long (past the file): the separators split it."""
    for wrong in (5, len(BODY) + 9, 10**12):
        raw = message(1, BODY, wrong) + message(2, b"two\n")
        assert len(split(tmp_path, raw)) == 3  # as before: the quoted line splits it


def test_a_message_without_a_length_is_split_as_before(tmp_path: Path) -> None:
    first = SEPARATOR + b"From: a@b.c\n\n" + BODY
    assert len(split(tmp_path, first + message(2, b"two\n"))) == 3


bodies = st.lists(
    st.sampled_from([QUOTED, SEPARATOR, b"\n", b"text\n", b"From: x\n", b"Content-Length: 3\n"])
    | st.binary(max_size=30),
    max_size=6,
).map(lambda lines: b"".join(lines).rstrip(b"\r\n") + b"\n")  # a body ends its last line


@settings(max_examples=80, deadline=None)
@given(st.lists(bodies, min_size=1, max_size=4), st.booleans())
def test_messages_with_true_lengths_are_split_where_they_were_written(
    written: list[bytes], blank_after: bool
) -> None:
    """Whatever their bodies hold, messages whose lengths are true come back whole."""
    ending = b"\n" if blank_after else b""
    raws = [message(n, body) + ending for n, body in enumerate(written)]
    with tempfile.TemporaryDirectory() as folder:
        assert split(Path(folder), b"".join(raws)) == raws


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(bodies, st.none() | st.integers(0, 200)), min_size=1, max_size=4))
def test_messages_with_any_lengths_together_are_the_whole_file(
    written: list[tuple[bytes, int | None]],
) -> None:
    """True lengths or not, no byte is lost or read twice."""
    raw = b"".join(message(n, body, length) for n, (body, length) in enumerate(written))
    with tempfile.TemporaryDirectory() as folder:
        assert b"".join(split(Path(folder), raw)) == raw
