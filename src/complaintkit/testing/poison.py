"""Hostile input every channel and storage backend must survive, as raw bytes.

Each entry is a record that can never become a case. Mixed into a file of good records,
each must end as exactly one dead letter while every good record becomes a case — on
every backend. Plugin authors feed these to their own channels and storages.

``GOOD_LINE(n)`` is a valid JSON line; ``POISON_LINES`` maps a name to a JSON line;
``POISON_MAILS`` maps a name to an RFC 5322 message; ``good_mail(n)`` is a valid one.
"""

from __future__ import annotations

import json

RECEIVED = "2026-11-23T09:30:00+08:00"


def good_record(n: int, **extra: object) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"G-{n}",
        "received_at": RECEIVED,
        "customer": {"id": f"c{n}", "contact": f"c{n}@example.com"},
        "text": f"第{n}件 parcel is late",
        **extra,
    }


def good_line(n: int) -> bytes:
    return json.dumps(good_record(n), ensure_ascii=False).encode("utf-8")


def _with(name: str, field: str, literal: str) -> bytes:
    """A good record whose ``field`` is replaced by a raw JSON ``literal``."""
    marker = "__POISON__"
    record = good_record(0, external_id=f"P-{name}")
    target: dict[str, object] = record
    *path, last = field.split(".")
    for key in path:
        target = target.setdefault(key, {})  # type: ignore[assignment]
    target[last] = marker
    return json.dumps(record).replace(f'"{marker}"', literal).encode("utf-8")


POISON_LINES: dict[str, bytes] = {
    "lone surrogate": _with("surrogate", "text", '"\\ud800"'),
    "NaN": _with("nan", "attributes.score", "NaN"),
    "Infinity amount": _with("inf", "amount", '{"amount": 1e999, "currency": "CNY"}'),
    "nesting 1000 deep": _with("deep", "attributes.x", "[" * 1000 + "]" * 1000),
    "integer over 4300 digits": _with("bigint", "attributes.n", "9" * 4301),
    "invalid UTF-8": _with("utf8", "text", '"caf\xe9"').replace(b"\xc3\xa9", b"\xff"),
    "received_at year 1": _with("year1", "received_at", '"0001-01-01T00:00:00+08:00"'),
    "received_at year 9999": _with("year9999", "received_at", '"9999-12-31T23:59:59-12:00"'),
    "NUL character": _with("nul", "subject", '"a\\u0000b"'),
    "amount 1e20": _with("amount-1e20", "amount", '{"amount": "1e20", "currency": "CNY"}'),
    "contact list": _with("contact", "customer.contact", '"victim@x.example, attacker@y.example"'),
}


def good_mail(n: int) -> bytes:
    return (
        f"From: Customer {n} <c{n}@example.com>\r\n"
        f"Message-ID: <m{n}@example.com>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Subject: complaint {n}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"My parcel {n} is late.\r\n"
    ).encode()


def _mail(name: str, headers: str, body: bytes = b"My parcel is late.\r\n") -> bytes:
    return (
        "From: attacker@example.com\r\n"
        f"Message-ID: <poison-{name}@example.com>\r\n"
        f"Subject: {name}\r\n"
        "MIME-Version: 1.0\r\n" + headers + "\r\n"
    ).encode() + body


_DATE = "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"


def _nested(kind: str, depth: int) -> bytes:
    if kind == "multipart":
        opening = b"".join(
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
            for i in range(depth)
        )
        closing = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
        return opening + b"Content-Type: text/plain\r\n\r\nlate" + closing
    return b"Content-Type: message/rfc822\r\n\r\n" * depth + b"Content-Type: text/plain\r\n\r\nlate"


POISON_MAILS: dict[str, bytes] = {
    **{
        f"charset={codec}": _mail(codec, _DATE + f"Content-Type: text/plain; charset={codec}\r\n")
        for codec in ("base64", "rot13", "hex", "zlib")
    },
    "MIME nesting 1000 deep": _mail("mime", _DATE, b"")[:-2] + _nested("multipart", 1000),
    "message/rfc822 nesting 1000 deep": _mail("rfc822", _DATE, b"")[:-2] + _nested("rfc822", 1000),
    "Content-Transfer-Encoding x-gzip": _mail(
        "cte", _DATE + "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-gzip\r\n"
    ),
    "Date year 9999": _mail(
        "date", "Date: Fri, 31 Dec 9999 23:59:59 -1200\r\nContent-Type: text/plain\r\n"
    ),
}
