"""An mbox whose separator lines carry a date not written as C's asctime writes it, or none:
a script's ``echo "From $USER $(date)"`` under a Chinese locale, an RFC 5322 date, an ISO
one, a bare envelope sender. Such a line went unrecognised, so every message after the
first was read as the first one's body: three customers' complaints opened one case, the
first sender's. It starts a message when it names a sender address or a time of day and
a header line follows it, after a blank line or not (a script writes none between
messages); a body line starting with "From " seldom does either."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mbox import mbox_messages
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

SEPARATORS = [
    "From root 2026年 11月 23日 星期一 10:00:00 CST",
    "From li@example.cn Mon, 23 Nov 2026 10:00:00 +0800",
    "From li@example.cn 2026-11-23T10:00:00+08:00",
    "From li@example.cn Mo 23. Nov 10:00:00 CET 2026",
    "From li@example.cn",
]


def message(separator: str, n: int, body: str = "") -> bytes:
    return (
        f"{separator}\nFrom: Customer {n} <c{n}@example.cn>\nSubject: s{n}\n"
        f"Date: Mon, 23 Nov 2026 10:00:00 +0800\nMessage-ID: <sep{n}@example.cn>\n\n"
        f"complaint {n}\n{body}\n"
    ).encode()


@pytest.mark.parametrize("separator", SEPARATORS)
def test_each_message_is_one_complaint(tmp_path: Path, separator: str) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(b"".join(message(separator, n) for n in range(1, 4)))
    items = list(MailChannel().read(str(box)))
    assert [i.customer.contact for i in items if isinstance(i, Complaint)] == [
        "c1@example.cn",
        "c2@example.cn",
        "c3@example.cn",
    ]
    assert [n for n, _ in mbox_messages(box)] == [1, 2, 3]


@pytest.mark.parametrize(
    "body",
    [
        "From my experience\nNote: it broke again",  # no address, no time: text
        "From li@example.cn I heard nothing\nsince then",  # no header line after it
        "as I said\nFrom my side\nSubject: nothing came",  # nor here
    ],
)
def test_a_body_line_starting_with_from_stays_in_its_message(tmp_path: Path, body: str) -> None:
    separator = "From li@example.cn Mon Nov 23 10:00:00 2026"
    box = tmp_path / "inbox.mbox"
    box.write_bytes(message(separator, 1, "\n" + body + "\n") + message(separator, 2))
    items = list(MailChannel().read(str(box)))
    assert [type(i) for i in items] == [Complaint, Complaint]
    assert isinstance(items[0], Complaint)
    assert body in items[0].text


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=5),
    st.lists(
        st.sampled_from(["", "From here on it broke", "From my side", "ok", ">From x"]),
        max_size=3,
    ),
)
def test_every_message_is_taken_in_or_dead_lettered(separators: list[str], body: list[str]) -> None:
    raw = b"".join(
        message(separator, n, "\n".join(body)) for n, separator in enumerate(separators, 1)
    )
    with tempfile.TemporaryDirectory() as folder:  # one file per example
        box = Path(folder) / "inbox.mbox"
        box.write_bytes(raw)
        items = list(MailChannel().read(str(box)))
    summary = take_in(Desk(storage="memory:"), "email", items)
    assert summary.opened + len(summary.rejected) == len(separators) == len(items)
    assert not any(isinstance(i, Rejected) for i in items)
