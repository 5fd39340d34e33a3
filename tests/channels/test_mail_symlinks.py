"""A symbolic link in a mail folder is not followed: whoever may write to the folder could
make any file the intake can read (``/etc/passwd``, a key) a dead letter anyone listing
letters sees, or a complaint."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_mail


def outcome(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else i.source for i in items]


def test_a_symlink_in_an_eml_folder_is_a_dead_letter_holding_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"password=hunter2\n")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(good_mail(9))  # a message, outside the folder
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "01.eml").write_bytes(good_mail(1))
    (folder / "02.eml").symlink_to(secret)
    (folder / "03.eml").symlink_to(elsewhere)
    items = list(MailChannel(format="eml").read(str(folder)))
    assert outcome(items) == ["m1@example.com", "02.eml", "03.eml"]
    for link in items[1:]:
        assert isinstance(link, Rejected)
        assert link.raw == b""
        assert "symbolic link" in link.reason


def test_a_symlink_in_a_maildir_is_a_dead_letter_holding_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"password=hunter2\n")
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(good_mail(1))
    (tmp_path / "Maildir" / "cur" / "123.link:2,S").symlink_to(secret)
    items = list(MailChannel().read(str(tmp_path / "Maildir")))
    (link,) = [i for i in items if isinstance(i, Rejected)]
    assert link.source == "Maildir/123.link"
    assert link.raw == b""
    assert "symbolic link" in link.reason
    assert "m1@example.com" in outcome(items)


@pytest.mark.parametrize("sub", ["cur", "new"])
def test_a_maildir_whose_subfolder_is_a_symlink_is_refused(tmp_path: Path, sub: str) -> None:
    other = tmp_path / "other"
    mailbox.Maildir(other).add(good_mail(1))
    mailbox.Maildir(tmp_path / "Maildir")
    (tmp_path / "Maildir" / sub).rmdir()
    (tmp_path / "Maildir" / sub).symlink_to(other / "new")
    with pytest.raises(ConfigError, match=f"{sub}.*symbolic link"):
        list(MailChannel().read(str(tmp_path / "Maildir")))


def test_a_message_file_named_by_the_operator_may_be_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real.eml").write_bytes(good_mail(1))
    (tmp_path / "link.eml").symlink_to(tmp_path / "real.eml")
    assert outcome(list(MailChannel().read(str(tmp_path / "link.eml")))) == ["m1@example.com"]
