"""A text/plain part sent ``format=flowed`` (RFC 3676) reads as its sender wrote it: its
soft breaks (a line ending in a space) joined, less that space with ``delsp=yes``, its
space-stuffing gone; a fixed line, a signature line and a change of quote depth stay."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail


def _mail(params: str, body: str) -> bytes:
    return (
        "From: Li Wei <li@example.cn>\r\nMessage-ID: <f1@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: kettle\r\n"
        f"Content-Type: text/plain; charset=utf-8; {params}\r\n\r\n{body}"
    ).encode()


def test_delsp_yes_joins_soft_breaks_without_their_space() -> None:
    body = "我买的电热水壶 \r\n漏水了。\r\nThe kettle is broken and I w \r\nant a refund.\r\n"
    complaint = parse_mail(_mail("format=flowed; delsp=yes", body))
    assert complaint.text == "我买的电热水壶漏水了。\r\nThe kettle is broken and I want a refund."


def test_flowed_without_delsp_keeps_the_space() -> None:
    body = "The kettle is broken and I \r\nwant a refund.\r\nThanks\r\n"
    complaint = parse_mail(_mail("format=flowed", body))
    assert complaint.text == "The kettle is broken and I want a refund.\r\nThanks"


@pytest.mark.parametrize("params", ['format="Flowed"; delsp="Yes"', "format=flowed;delsp=yes"])
def test_parameters_are_read_as_written_in_any_case_and_quoting(params: str) -> None:
    complaint = parse_mail(_mail(params, "漏 \r\n水\r\n"))
    assert complaint.text == "漏水"


def test_stuffing_quotes_and_signature() -> None:
    body = (
        " From here on\r\n"
        "> You wrote that it \r\n"
        "> ships today.\r\n"
        "It did not \r\n"
        ">> old\r\n"
        "-- \r\n"
        "Li\r\n"
    )
    complaint = parse_mail(_mail("format=flowed", body))
    assert complaint.text == (
        "From here on\r\n> You wrote that it ships today.\r\nIt did not \r\n>> old\r\n-- \r\nLi"
    )


def test_a_plain_part_not_flowed_keeps_its_lines() -> None:
    complaint = parse_mail(_mail("format=fixed", "a \r\nb\r\n"))
    assert complaint.text == "a \r\nb"
