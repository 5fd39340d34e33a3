"""An mbox separator naming its envelope sender alone, with neither an address nor a time
(``From root``, ``From MAILER-DAEMON``: a script's ``echo "From $USER"``, a bounce
saved without its date), did not split: every message after it was read as the one
before's body, several customers' complaints one case. It starts a message when a mail
header (``Return-Path:``, ``From:``, ``Subject:``…) follows it; a body line of one word
after "From " (``From Monday``) followed by text, or by a line of another name and a
colon (``Note: …``), stays in its message, as mbox writers leave it unquoted."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mbox import mbox_messages
from complaintkit.model.complaint import Complaint

SEPARATORS = ["From root", "From MAILER-DAEMON", "From li", "From root  ", "From www-data"]


def message(separator: str, n: int, body: str = "", first: str = "") -> bytes:
    return (
        f"{separator}\n{first.format(n=n)}From: Customer {n} <c{n}@example.cn>\nSubject: s{n}\n"
        f"Date: Mon, 23 Nov 2026 10:00:00 +0800\nMessage-ID: <bare{n}@example.cn>\n\n"
        f"complaint {n}\n{body}\n"
    ).encode()


def contacts(box: Path) -> list[str | None]:
    return [i.customer.contact for i in MailChannel().read(str(box)) if isinstance(i, Complaint)]


@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("first", ["", "Return-Path: <c{n}@example.cn>\n", "X-Spam: no\n"])
@pytest.mark.parametrize("blank", ["", "\n"])
def test_each_message_is_one_complaint(
    tmp_path: Path, separator: str, first: str, blank: str
) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(blank.encode().join(message(separator, n, first=first) for n in (1, 2, 3)))
    assert contacts(box) == ["c1@example.cn", "c2@example.cn", "c3@example.cn"]
    assert [n for n, _ in mbox_messages(box)] == [1, 2, 3]


@pytest.mark.parametrize(
    "body",
    [
        "From Monday\nit leaked every day",
        "From Monday\nNote: it leaked every day",
        "as I said\nFrom Monday\nOrder 1234: nothing came",
        "From Shanghai\n\nand nothing since",
    ],
)
def test_a_body_line_of_one_word_after_from_stays_in_its_message(tmp_path: Path, body: str) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(message("From root", 1, "\n" + body + "\n") + message("From root", 2))
    items = list(MailChannel().read(str(box)))
    assert [type(i) for i in items] == [Complaint, Complaint]
    assert isinstance(items[0], Complaint)
    assert body.strip() in items[0].text


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
    st.lists(
        st.sampled_from(["", "From Monday", "From here on it broke", "ok", ">From x"]), max_size=3
    ),
)
def test_every_message_is_its_own(separators: list[str], body: list[str]) -> None:
    raw = b"".join(message(s, n, "\n".join(body)) for n, s in enumerate(separators, 1))
    with tempfile.TemporaryDirectory() as folder:  # one file per example
        box = Path(folder) / "inbox.mbox"
        box.write_bytes(raw)
        assert contacts(box) == [f"c{n}@example.cn" for n in range(1, len(separators) + 1)]
