"""A message larger than the mail channel's limit is a dead letter of its own, read no
further than the limit: an .eml file, an mbox message or a Maildir message was read whole
into memory (a 2 GB file; ``/dev/zero`` named as a message never ended)."""

from __future__ import annotations

import io
import mailbox
import sys
import tempfile
import tracemalloc
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_size import MAX_MESSAGE_BYTES, Oversized
from complaintkit.channels.mbox import mbox_messages
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_mail

LIMIT = 2_000


def big_mail(n: int) -> bytes:
    return good_mail(n) + b"x" * 76 * 100 + b"\r\n"  # 7,700 bytes more than LIMIT allows


def outcome(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else i.source for i in items]


def only_rejected(items: list[Complaint | Rejected]) -> Rejected:
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    return rejected


def test_an_oversized_eml_in_a_folder_costs_only_itself(tmp_path: Path) -> None:
    (tmp_path / "01.eml").write_bytes(good_mail(1))
    (tmp_path / "02.eml").write_bytes(big_mail(2))
    (tmp_path / "03.eml").write_bytes(good_mail(3))
    items = list(MailChannel(max_bytes=LIMIT).read(str(tmp_path)))
    assert outcome(items) == ["m1@example.com", "02.eml", "m3@example.com"]
    rejected = only_rejected(items)
    assert f"{LIMIT:,}" in rejected.reason
    assert rejected.raw == b""  # a cut message would read as a shorter one: none is kept


def test_an_oversized_maildir_message_costs_only_itself(tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    folder.add(good_mail(1))
    key = folder.add(big_mail(2))
    items = list(MailChannel(max_bytes=LIMIT).read(str(tmp_path / "Maildir")))
    assert sorted(outcome(items)) == sorted([f"Maildir/{key}", "m1@example.com"])
    assert f"{LIMIT:,}" in only_rejected(items).reason


def test_an_oversized_mbox_message_costs_only_itself(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    separator = b"From a@b.c Mon Nov 23 09:00:00 2026\n"
    box.write_bytes(separator + good_mail(1) + separator + big_mail(2) + separator + good_mail(3))
    items = list(MailChannel(max_bytes=LIMIT).read(str(box)))
    assert outcome(items) == ["m1@example.com", "box.mbox#2", "m3@example.com"]
    assert f"{LIMIT:,}" in only_rejected(items).reason


def test_an_mbox_line_without_end_is_not_held_whole(tmp_path: Path) -> None:
    """A message of one line far longer than the limit is counted, not kept."""
    box = tmp_path / "box.mbox"
    separator = b"From a@b.c Mon Nov 23 09:00:00 2026\n"
    box.write_bytes(separator + b"x" * 4_000_000 + b"\n" + separator + good_mail(2))
    tracemalloc.start()
    try:
        items = list(MailChannel(max_bytes=LIMIT).read(str(box)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    assert outcome(items) == ["box.mbox#1", "m2@example.com"]


def test_an_endless_file_named_as_the_message_ends_as_a_dead_letter() -> None:
    (rejected,) = MailChannel(format="eml", max_bytes=LIMIT).read("/dev/zero")
    assert isinstance(rejected, Rejected)
    assert rejected.source == "zero"
    assert f"{LIMIT:,}" in rejected.reason


def test_an_endless_message_on_stdin_ends_as_a_dead_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open("/dev/zero", "rb") as zeros:
        monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=zeros))
        (rejected,) = MailChannel(max_bytes=LIMIT).read("-")
    assert isinstance(rejected, Rejected)
    assert rejected.source == "<stdin>"
    assert f"{LIMIT:,}" in rejected.reason


def test_a_message_of_exactly_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    mail = good_mail(1)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(mail)))
    (complaint,) = MailChannel(max_bytes=len(mail)).read("-")
    assert isinstance(complaint, Complaint)


def test_the_limit_is_a_positive_whole_number_of_bytes() -> None:
    assert MailChannel().max_bytes == MAX_MESSAGE_BYTES
    assert MailChannel(max_bytes="4096").max_bytes == 4096  # as -o max_bytes=4096 gives it
    for wrong in ("0", "-1", "lots", "1.5", 0):
        with pytest.raises(ConfigError, match="max_bytes"):
            MailChannel(max_bytes=wrong)


def test_an_mbox_on_stdin_is_read_as_it_comes_never_copied_to_disk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An mbox piped in was copied whole to a temporary file first: an endless one (``From
    `` then ``/dev/zero``) filled the disk. It is split as it is read, each message held
    up to the limit."""
    separator = b"From a@b.c Mon Nov 23 09:00:00 2026\n"
    box = separator + good_mail(1) + separator + big_mail(2) + separator + good_mail(3)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(box)))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    items = list(MailChannel(max_bytes=LIMIT).read("-"))
    assert outcome(items) == ["m1@example.com", "<stdin>#2", "m3@example.com"]


def test_a_message_on_stdin_is_not_copied_to_disk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(good_mail(1))))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    assert outcome(list(MailChannel().read("-"))) == ["m1@example.com"]


def test_stdin_is_no_maildir() -> None:
    with pytest.raises(ConfigError, match="Maildir"):
        list(MailChannel(format="maildir").read("-"))


pieces = st.sampled_from(
    [b"From a@b.c Mon Nov 23 09:00:00 2026\n", b"From here\n", b"text\n", b"\r", b"\n"]
) | st.binary(max_size=60)


@given(
    st.lists(pieces | st.just(b" \n" * 40), max_size=12), st.integers(min_value=1, max_value=120)
)
def test_a_limit_marks_exactly_the_messages_longer_than_it(noise: list[bytes], limit: int) -> None:
    """Split with a limit, an mbox gives the same messages as without one, each larger than
    the limit given as ``Oversized`` instead of its bytes (blank text before the first
    separator, skipped, is counted and not kept: past the limit it is a letter too)."""
    with tempfile.TemporaryDirectory() as folder:
        box = Path(folder) / "box.mbox"
        box.write_bytes(b"".join(noise))
        whole = list(mbox_messages(box))
        limited = list(mbox_messages(box, limit))
    if limited and limited[0][0] == 0 and (not whole or whole[0][0] != 0):
        assert isinstance(limited.pop(0)[1], Oversized)  # blank, and longer than the limit
    assert [number for number, _ in limited] == [number for number, _ in whole]
    for (_, raw), (_, kept) in zip(whole, limited, strict=True):
        assert isinstance(kept, Oversized) == (len(raw) > limit)
        assert kept == (b"" if len(raw) > limit else raw)
