"""Any mailbox taken in twice: the first run makes each message one case or one dead
letter at its own place, and the second opens no case and keeps no letter more."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import POISON_MAILS, good_mail

SEPARATOR = b"From jane@example.com Mon Nov 23 09:00:00 2026\n"
CHARSETS = ["utf-8", "gb2312", "shift_jis", "iso-2022-jp", "big5", "euc-kr", "x-unknown", ""]
WORDS = [
    "\u5305\u88f9\u574f\u4e86",
    "\u8377\u7269\u304c\u58ca\u308c\u3066\u3044\u307e\u3057\u305f",
    "\ubc30\uc1a1 \uc9c0\uc5f0",
    "broken",
]


@st.composite
def charset_mails(draw: st.DrawFn) -> bytes:
    """A message in some charset under some label (right, wrong or none), maybe cut."""
    n = draw(st.integers(100, 130))
    written = draw(st.sampled_from(["utf-8", "gb18030", "cp932", "iso2022_jp", "big5", "euc_kr"]))
    label = draw(st.sampled_from(CHARSETS))
    text = draw(st.sampled_from(WORDS))
    try:
        body = text.encode(written)
    except UnicodeEncodeError:
        body = text.encode()
    body = body[: draw(st.integers(0, len(body)))] if draw(st.booleans()) else body
    subject = draw(
        st.sampled_from([b"", b"Subject: ", b"Subject: " + body, b"Subject: =?utf-8?B?5ryP?="])
    )
    kind = f"Content-Type: text/plain; charset={label}\n" if label else ""
    return (
        (
            f"From: c{n}@example.com\nMessage-ID: <c{n}@example.com>\n"
            "Date: Mon, 23 Nov 2026 09:30:00 +0800\n"
        ).encode()
        + subject
        + b"\n"
        + kind.encode()
        + b"\n"
        + body
        + b"\n"
    )


messages = (
    st.integers(1, 40).map(good_mail)
    | st.sampled_from(sorted(POISON_MAILS.values())).map(
        lambda m: m.replace(b"\nFrom ", b"\n>From ")
    )
    | charset_mails()
    | st.binary(max_size=80).map(lambda b: b.replace(b"From ", b"") + b"\n")
)


def _twice(path: Path) -> tuple[list[Complaint | Rejected], int]:
    desk = Desk(storage="memory:")
    items = list(MailChannel().read(str(path)))
    first = take_in(desk, "email", items)
    cases, letters = len(list(desk.storage.case_ids())), len(desk.storage.dead_letters())
    assert first.opened == cases
    assert len(first.rejected) == letters
    second = take_in(desk, "email", list(MailChannel().read(str(path))))
    assert second.opened == 0
    assert second.already_known == first.already_known + first.opened
    assert len(list(desk.storage.case_ids())) == cases
    assert len(desk.storage.dead_letters()) == letters
    return items, letters


@settings(max_examples=40, deadline=None)
@given(st.lists(messages, min_size=1, max_size=5))
def test_an_mbox_taken_in_twice_adds_nothing(written: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.mbox"
        # ended by a blank line, as mbox writers do (a separator after a line of text,
        # before no header, is a body line)
        ended = (m + b"\n" if m.endswith(b"\n") else m + b"\n\n" for m in written)
        path.write_bytes(b"".join(SEPARATOR + m for m in ended))
        items, _ = _twice(path)
    assert len(items) == len(written)
    letters = [i for i in items if isinstance(i, Rejected)]
    assert all(letter.source.startswith("in.mbox#") for letter in letters)
    assert len({letter.source for letter in letters}) == len(letters)


@settings(max_examples=40, deadline=None)
@given(st.lists(messages, min_size=1, max_size=5))
def test_an_eml_folder_taken_in_twice_adds_nothing(written: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder) / "inbox"
        inbox.mkdir()
        for number, message in enumerate(written):
            (inbox / f"{number}.eml").write_bytes(message)
        items, _ = _twice(inbox)
    assert len(items) == len(written)
    assert {i.source for i in items if isinstance(i, Rejected)} <= {
        f"{n}.eml" for n in range(len(written))
    }
