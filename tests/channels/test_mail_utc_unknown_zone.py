"""RFC 5322 (3.3): a Date ending ``-0000`` is Universal Time written by a system that does
not say its own zone; Python's ``email.utils.formatdate()`` writes it by default, so mail
sent from scripts carries it. It names the instant, so the complaint is taken in at that
instant in UTC; a Date with no zone at all names no instant and stays a dead letter."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint

MESSAGE = """From: Dana <dana@example.com>
To: care@shop.example
Subject: late parcel
Date: {date}
Message-ID: <{key}@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The parcel is two weeks late.
"""


def _read(tmp_path: Path, date: str) -> Complaint | Rejected:
    path = tmp_path / "m.eml"
    path.write_text(MESSAGE.format(date=date, key="k1"), encoding="utf-8")
    (item,) = MailChannel().read(str(path))
    return item


@pytest.mark.parametrize(
    "date",
    [
        "Mon, 23 Nov 2026 09:30:00 -0000",
        "Mon, 23 Nov 2026 09:30:00 -0000 (unknown)",
        formatdate(datetime(2026, 11, 23, 9, 30, tzinfo=UTC).timestamp()),
    ],
)
def test_minus_zero_is_universal_time(tmp_path: Path, date: str) -> None:
    item = _read(tmp_path, date)
    assert isinstance(item, Complaint), item
    assert item.received_at == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert item.received_at.utcoffset() is not None


def test_a_date_without_a_zone_is_still_refused(tmp_path: Path) -> None:
    item = _read(tmp_path, "Mon, 23 Nov 2026 09:30:00")
    assert isinstance(item, Rejected)
    assert "no time zone" in item.reason
    assert "Mon, 23 Nov 2026 09:30:00" in item.reason
