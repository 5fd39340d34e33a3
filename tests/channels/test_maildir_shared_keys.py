"""Two files of one Maildir may share a key (the name up to its flags): a sync tool that
met a conflict keeps both (``key:2,S`` and ``key:2,RS``), a copy left in new/ beside the one
in cur/. Each is a message of its own, and neither may be dropped for the other."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_mail

NO_MESSAGE_ID = b"From: a@example.com\r\nDate: Mon, 23 Nov 2026 09:30:00 +0800\r\n\r\nhi\r\n"


def _maildir(root: Path) -> Path:
    mailbox.Maildir(root / "Maildir")
    return root / "Maildir"


def test_files_sharing_a_key_are_each_read(tmp_path: Path) -> None:
    folder = _maildir(tmp_path)
    (folder / "new" / "1700000000.M1P1.host").write_bytes(good_mail(1))
    (folder / "cur" / "1700000000.M1P1.host:2,S").write_bytes(good_mail(2))
    (folder / "cur" / "1700000000.M1P1.host:2,RS").write_bytes(good_mail(3))
    items = list(MailChannel().read(str(folder)))
    assert sorted(i.external_id for i in items if isinstance(i, Complaint)) == [
        "m1@example.com",
        "m2@example.com",
        "m3@example.com",
    ]


def test_a_letter_of_a_shared_key_names_its_own_file(tmp_path: Path) -> None:
    folder = _maildir(tmp_path)
    (folder / "new" / "k1").write_bytes(good_mail(1))
    (folder / "cur" / "k1:2,S").write_bytes(NO_MESSAGE_ID)
    items = list(MailChannel().read(str(folder)))
    (letter,) = [i for i in items if isinstance(i, Rejected)]
    assert letter.source == "Maildir/cur/k1:2,S"
    assert letter.raw == NO_MESSAGE_ID


_NAMES = st.text("abk", min_size=1, max_size=2)
_FLAGS = st.sampled_from(["", ":2,", ":2,S", ":2,RS"])


@settings(max_examples=40, deadline=None)
@given(
    files=st.dictionaries(
        st.tuples(st.sampled_from(["cur", "new"]), _NAMES, _FLAGS), st.booleans(), max_size=8
    )
)
def test_every_file_is_a_complaint_or_a_letter(
    tmp_path_factory: pytest.TempPathFactory, files: dict[tuple[str, str, str], bool]
) -> None:
    folder = _maildir(tmp_path_factory.mktemp("maildir"))
    for n, ((sub, key, flags), good) in enumerate(files.items()):
        (folder / sub / f"{key}{flags}").write_bytes(good_mail(n) if good else NO_MESSAGE_ID)
    items = list(MailChannel().read(str(folder)))
    taken = sorted(i.external_id for i in items if isinstance(i, Complaint))
    letters = [i.source for i in items if isinstance(i, Rejected)]
    assert taken == sorted(f"m{n}@example.com" for n, good in enumerate(files.values()) if good)
    assert len(letters) == len(files) - len(taken)
    assert len(set(letters)) == len(letters)
