"""An agent's step whose query string is not UTF-8 (bytes over 127: uvicorn refuses such
a request line, an ASGI server passing it on as it came, or an app embedding the API,
need not) is the step all the same: the steps read no query. Before, the step's name was
read off ``request.url``, which decodes the query: the request was a 422 saying it 'could
not be processed: UnicodeDecodeError', logged as a bug with its traceback."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import MutableMapping
from typing import Any

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"


def _asgi_post(app: Any, path: str, query: bytes, headers: list[tuple[bytes, bytes]]) -> Any:
    """The status and JSON body of a POST of ``{"text": "x"}``, straight to ``app``."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    arriving = [{"type": "http.request", "body": b'{"text": "x"}', "more_body": False}]
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return arriving.pop(0) if arriving else {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], json.loads(b"".join(m.get("body", b"") for m in sent[1:]))


@pytest.mark.parametrize("key", [None, b"k-query-bytes"])
def test_a_step_with_a_query_of_other_bytes_is_recorded(
    key: bytes | None, caplog: pytest.LogCaptureFixture
) -> None:
    desk = Desk()
    case_id = desk.intake(make_complaint("Q1")).id
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = [(b"authorization", f"Bearer {AGENT}".encode())]
    headers += [] if key is None else [(b"idempotency-key", key)]
    with caplog.at_level(logging.ERROR):
        status, answer = _asgi_post(app, f"/cases/{case_id}/note", b"lang=\xe4\xb8&x=\xff", headers)
    assert (status, answer.get("case_id")) == (200, case_id), answer
    assert [e.kind for e in desk.history(case_id)].count("noted") == 1
    assert not [r for r in caplog.records if r.exc_info], caplog.text
