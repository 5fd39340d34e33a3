"""Any mbox: each message between separator lines is one case or one dead letter, the
letters hold their messages' exact bytes, and taking the file in again adds nothing."""

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
#: body lines an mbox writer may leave unquoted, which must not split a message; the bare
#: address after a line of text (after a blank line and before a header it is a separator,
#: tests/channels/test_mbox_bare_separators.py)
LOOKALIKES = [b"From here on it broke\n", b"It said\nFrom jane@example.com\n", b">From x Mon\n"]
HEADERS = ["From", "Message-ID", "Date", "Subject", "Content-Type"]
headers = st.tuples(st.sampled_from(HEADERS), st.binary(max_size=40)).map(
    lambda pair: pair[0].encode() + b": " + pair[1].translate(None, b"\r\n") + b"\n"
)
bodies = st.lists(
    st.sampled_from(LOOKALIKES) | st.binary(max_size=60).map(lambda b: b.replace(b"From ", b"")),
    max_size=4,
).map(b"".join)
messages = (
    st.tuples(st.lists(headers, max_size=5), bodies).map(lambda p: b"".join(p[0]) + b"\n" + p[1])
    | st.sampled_from(sorted(POISON_MAILS.values())).map(
        lambda m: m.replace(b"\nFrom ", b"\n>From ")
    )
    | st.integers(1, 50).map(good_mail)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(messages, min_size=1, max_size=5))
def test_each_message_of_any_mbox_is_a_case_or_a_letter(written: list[bytes]) -> None:
    # each message ended by a blank line, as mbox writers do: a separator right after a
    # line of text, before no header, is a body line
    raw = b"".join(SEPARATOR + m + (b"\n" if m.endswith(b"\n") else b"\n\n") for m in written)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.mbox"
        path.write_bytes(raw)
        items = list(MailChannel().read(str(path)))
        assert len(items) == len(written)
        for item in items:
            assert isinstance(item, Complaint | Rejected)
        letters = [item.raw for item in items if isinstance(item, Rejected)]
        assert all(letter.startswith(SEPARATOR) for letter in letters)
        desk = Desk(storage="memory:")
        first = take_in(desk, "email", items)
        assert first.opened + first.already_known + len(first.rejected) == len(written)
        stored = desk.storage.dead_letters()
        again = take_in(desk, "email", MailChannel().read(str(path)))
        assert again.opened == 0
        assert desk.storage.dead_letters() == stored
