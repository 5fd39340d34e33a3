# ruff: noqa: RUF002 -- the Chinese punctuation a link is followed by is the subject
"""A status link as mail programs and chat apps hand it over, punctuation and all.

A letter's link ends a clause ("查看进度：https://…/status/<token>。") and a program that
links the text up to the next blank takes the full stop with it, or a ``，``, ``）``, ``」``,
an ASCII ``.`` or ``)``. A status token is ``secrets.token_urlsafe``'s letters only
(``model.ids``), so a tail of other characters cannot be part of it: the path that carries
one is sent on to the path without it (when a case has that token), and letters part the
link from what follows (``notify.templates``).
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote_from_bytes

from starlette.requests import Request

#: A token's letters, then a tail of characters no token has.
_TOKEN_THEN_TAIL: Final = re.compile(r"([A-Za-z0-9_-]+)[^A-Za-z0-9_-]+")


def token_before_tail(sent: str) -> str | None:
    """The token in ``sent`` when a tail of characters no token has follows it, else
    ``None`` (``sent`` is a token as it is, or holds none)."""
    match = _TOKEN_THEN_TAIL.fullmatch(sent)
    return None if match is None else match.group(1)


def status_location(request: Request, base: str, token: str) -> str:
    """``token``'s status path under ``base``, with the query ``request`` was sent with."""
    query = quote_from_bytes(request.scope.get("query_string", b""), safe="&=%+;")
    return f"{base}/status/{token}" + (f"?{query}" if query else "")
