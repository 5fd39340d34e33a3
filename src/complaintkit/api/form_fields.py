"""The text fields of a submitted form, urlencoded (the built-in form) or multipart (a site's
own form that also lets the customer attach a file).

Both are read leniently: bytes that are not UTF-8 are replaced, not fatal, and only the
first ``MAX_PAIRS`` fields are looked at, so a body of many thousand costs no more than a
form's. Files are not fields: an attached photo is left out (complaintkit keeps no upload).
Multipart is read with the standard library's MIME parser, no extra package.
"""

from __future__ import annotations

import email.policy
from collections.abc import Collection, Iterator
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from typing import Final
from urllib.parse import parse_qsl

#: How many fields of a body are looked at.
MAX_PAIRS: Final = 64
_MULTIPART: Final = "multipart/form-data"


def read_form(body: bytes, content_type: str, keys: Collection[str]) -> dict[str, str]:
    """The first value of each of ``keys`` the form sent; other fields are ignored (a
    browser, an extension or a site's template may add a button's value or a CSRF token)."""
    multipart = content_type.split(";", maxsplit=1)[0].strip().lower() == _MULTIPART
    pairs = _multipart(body, content_type) if multipart else _urlencoded(body)
    values: dict[str, str] = {}
    for count, (key, value) in enumerate(pairs):
        if count == MAX_PAIRS:
            break
        if key in keys and key not in values:
            values[key] = value
    return values


def _urlencoded(body: bytes) -> list[tuple[str, str]]:
    pairs = body.decode("utf-8", "replace").split("&", MAX_PAIRS)[:MAX_PAIRS]
    return parse_qsl("&".join(pairs))


def _multipart(body: bytes, content_type: str) -> Iterator[tuple[str, str]]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(_class=EmailMessage, policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():  # no boundary, or none found in the body
        return
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.get_filename() is not None:
            continue  # a file, or a part that names no field
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:  # a blank field is no field, as urlencoded
            yield name, payload.decode(_charset(part), "replace")


def _charset(part: MIMEPart) -> str:
    """The part's declared charset if Python knows it, else UTF-8 (what browsers send)."""
    declared = part.get_content_charset() or "utf-8"
    try:
        "".encode(declared)
    except LookupError:
        return "utf-8"
    return declared
