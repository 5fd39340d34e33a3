"""Passwords in URLs, kept out of what complaintkit writes.

A storage, broker or webhook URL may carry a password (``postgresql://app:pw@db/cases``),
and the URL reaches error messages, delivery failures and dead-letter sources, which are
listed, logged and reported. Every such text goes through ``without_password`` first. It
reads the text rather than parsing a URL, so a URL too broken to parse (an unclosed ``[``)
and a list of them (``nats://u:pw@a:4222,nats://u:pw@b:4222``) are covered too.
"""

from __future__ import annotations

import re

#: ``//user:password@`` — the password may hold a raw ``@`` (the last one before the host
#: ends it, as URL parsers read it), never a ``/``, a comma or a space.
_USER_AND_PASSWORD = re.compile(r"(//[^/@:,\s]*):[^/,\s]*@")
_USERINFO = re.compile(r"//[^/,\s]*@")
#: ``?password=…`` or ``&sslpassword=…``: libpq takes both in a URL's query too. The value
#: ends at the next parameter, the fragment, a space, a comma or a quote.
_QUERY_PASSWORD = re.compile(r"([?&](?:ssl)?password=)[^&#\s,'\"]*", re.IGNORECASE)


def without_password(text: str, *, user: bool = True) -> str:
    """``text`` with the password of every URL in it written ``***``, before its host or
    as a ``password`` parameter of its query; without ``user``, the whole user part goes
    (``//…@``), for URLs whose user name may be a token."""
    if "password=" in text.lower():
        text = _QUERY_PASSWORD.sub(r"\1***", text)
    if "@" not in text:
        return text
    if user:
        return _USER_AND_PASSWORD.sub(r"\1:***@", text)
    return _USERINFO.sub("//…@", text)


def holds_password(text: str) -> bool:
    """Whether ``text`` holds a URL with a password in it."""
    return without_password(text) != text
