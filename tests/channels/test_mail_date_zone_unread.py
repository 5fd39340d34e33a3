"""A ``Date`` whose zone the standard library does not read (``GMT+0800``, as JavaScript's
``Date.toString()`` writes it, ``+08:00``, ``CET``, ``UTC+8``) was refused as one that
"has no time zone", when it names one: the sender's developer, told that, looks for a zone
missing and finds one there. It is refused naming the zone as written and the form RFC 5322
writes (``+0800``); a Date with no zone at all is still told it has none."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def _mail(date: str) -> bytes:
    return (
        f"From: a@example.cn\r\nSubject: late\r\nDate: {date}\r\nMessage-ID: <d1@example.cn>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nthe parcel is late\r\n"
    ).encode()


@pytest.mark.parametrize("zone", ["GMT+0800", "+08:00", "CET", "UTC+8", "Asia/Shanghai"])
def test_a_zone_not_read_is_named(zone: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(f"Mon, 23 Nov 2026 09:30:00 {zone}"))
    assert refused.value.field == "Date"
    assert f"zone {zone!r}" in refused.value.message
    assert "+0800" in refused.value.message
    assert "no time zone" not in refused.value.message


def test_a_date_with_no_zone_is_told_it_has_none() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail("Mon, 23 Nov 2026 09:30:00"))
    assert "has no time zone" in refused.value.message
