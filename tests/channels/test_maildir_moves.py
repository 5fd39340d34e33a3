"""A Maildir is shared without locks: while intake reads it, a mail client moves a message
from new/ to cur/ when it is seen and renames it when its flags change. The message is
still there under its key; it must be read where it went, not kept as a dead letter with
nothing in it."""

from __future__ import annotations

import mailbox
from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint
from complaintkit.testing.poison import good_mail


def test_a_message_moved_to_cur_and_flagged_while_read_is_read_where_it_went(
    tmp_path: Path,
) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    keys = sorted(folder.add(good_mail(n)) for n in range(3))
    reading = MailChannel().read(str(tmp_path / "Maildir"))
    first = next(reading)  # the folder is listed, and its first message read
    for key in keys[1:]:  # a mail client sees the others, then flags one
        (tmp_path / "Maildir" / "new" / key).rename(tmp_path / "Maildir" / "cur" / f"{key}:2,S")
    (tmp_path / "Maildir" / "cur" / f"{keys[2]}:2,S").rename(
        tmp_path / "Maildir" / "cur" / f"{keys[2]}:2,RS"
    )
    items = [first, *reading]
    assert [type(i) for i in items] == [Complaint] * 3, [
        i.reason for i in items if isinstance(i, Rejected)
    ]


def test_a_message_deleted_while_read_is_still_a_dead_letter_naming_its_key(
    tmp_path: Path,
) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    keys = sorted(folder.add(good_mail(n)) for n in range(2))
    reading = MailChannel().read(str(tmp_path / "Maildir"))
    first = next(reading)
    (tmp_path / "Maildir" / "new" / keys[1]).unlink()
    (gone,) = list(reading)
    assert isinstance(first, Complaint)
    assert isinstance(gone, Rejected)
    assert gone.source == f"Maildir/{keys[1]}"


def test_a_maildir_removed_while_read_costs_each_message_not_the_run(tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "Maildir")
    keys = sorted(folder.add(good_mail(n)) for n in range(3))
    reading = MailChannel().read(str(tmp_path / "Maildir"))
    first = next(reading)
    (tmp_path / "Maildir").rename(tmp_path / "Elsewhere")
    rest = list(reading)
    assert isinstance(first, Complaint)
    assert [i.source for i in rest if isinstance(i, Rejected)] == [f"Maildir/{k}" for k in keys[1:]]
