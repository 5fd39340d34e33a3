"""The complaint form carries its showing's one-off submission id (a double click is one
complaint). Sent with no cache rule and varying by ``Accept-Language`` without saying so,
a shared cache (a company proxy, a CDN in front of ``serve``) could keep one showing and
hand it to every customer behind it: each would send the first one's id, and every
complaint after the first would be refused as that key reused, or shown in the wrong
language. Every showing of the form is now ``no-store``."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk

FORM = [(b"content-type", b"application/x-www-form-urlencoded"), (b"accept", b"text/html")]


def _cache_rule(method: str, body: bytes = b"", query: bytes = b"") -> tuple[int, str]:
    app = create_app(Desk(storage="memory:"))
    headers = [(b"accept", b"text/html"), (b"accept-language", b"zh-CN")]
    status, answer, _ = asgi_request(
        app, method, "/", headers if method == "GET" else FORM, body, query
    )
    return status, answer.get(b"cache-control", b"").decode()


@pytest.mark.parametrize("query", [b"", b"lang=en", b"lang=zh"])
def test_the_form_shown_is_kept_by_no_cache(query: bytes) -> None:
    status, rule = _cache_rule("GET", query=query)
    assert (status, rule) == (200, "no-store")


def test_the_form_shown_again_with_its_errors_is_kept_by_no_cache() -> None:
    body = urlencode({"text": "", "submission": "ab" * 10}).encode()
    status, rule = _cache_rule("POST", body, b"lang=zh")
    assert (status, rule) == (422, "no-store")
