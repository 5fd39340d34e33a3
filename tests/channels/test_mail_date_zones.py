"""A Date's zone is read only when it names one offset: ``+0860`` (60 minutes) or ``+08``
(two digits, read by the standard library as eight *minutes*) is refused, not shifted to
``+0900`` or ``+00:08``; ``CST`` — US Central to RFC 5322, China Standard Time to the
Linux ``date`` of a server in Shanghai, 14 hours apart — is refused as ambiguous, as is
``AST`` (Atlantic or Arabia). A numeric offset with a comment naming a zone is read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def _mail(date: str) -> bytes:
    return (
        "From: Li Wei <li@example.cn>\r\nMessage-ID: <z1@example.cn>\r\n"
        f"Date: {date}\r\nSubject: late\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "The parcel is late.\r\n"
    ).encode()


@pytest.mark.parametrize(
    "zone",
    ["+0860", "-0575", "+08", "+800", "+08000", "0800", "+8_00", "+\u0660\u0668\u0660\u0660"],
)
def test_a_malformed_numeric_zone_is_refused(zone: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(f"Mon, 23 Nov 2026 09:30:00 {zone}"))
    assert refused.value.field == "Date"
    assert zone in refused.value.message


@pytest.mark.parametrize("zone", ["CST", "cst", "CDT", "AST", "ADT"])
def test_an_ambiguous_zone_name_is_refused(zone: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(f"Mon, 23 Nov 2026 09:30:00 {zone}"))
    assert refused.value.field == "Date"
    assert "ambiguous" in refused.value.message


@pytest.mark.parametrize(
    ("date", "offset"),
    [
        ("Mon, 23 Nov 2026 09:30:00 +0800 (CST)", timedelta(hours=8)),
        ("Mon, 23 Nov 2026 09:30:00 +0545", timedelta(hours=5, minutes=45)),
        ("Mon, 23 Nov 2026 09:30:00 EST", timedelta(hours=-5)),
        ("Mon, 23 Nov 2026 09:30:00 GMT", timedelta(0)),
        ("23 Nov 2026 09:30:00+0800", timedelta(hours=8)),
    ],
)
def test_a_well_formed_zone_is_read(date: str, offset: timedelta) -> None:
    complaint = parse_mail(_mail(date))
    assert complaint.received_at == datetime(2026, 11, 23, 9, 30, tzinfo=timezone(offset))


@given(
    hours=st.integers(min_value=0, max_value=23),
    minutes=st.integers(min_value=0, max_value=99),
    sign=st.sampled_from("+-"),
)
def test_a_zone_is_read_as_written_or_refused(hours: int, minutes: int, sign: str) -> None:
    """Never read as an offset other than the one written."""
    zone = f"{sign}{hours:02d}{minutes:02d}"
    if minutes > 59:  # 60 minutes is no minute of an hour
        with pytest.raises(InvalidInput):
            parse_mail(_mail(f"Mon, 23 Nov 2026 09:30:00 {zone}"))
        return
    complaint = parse_mail(_mail(f"Mon, 23 Nov 2026 09:30:00 {zone}"))
    written = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    assert complaint.received_at.utcoffset() == written
    assert (
        complaint.received_at.astimezone(UTC) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC) - written
    )
