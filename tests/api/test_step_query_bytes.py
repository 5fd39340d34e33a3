"""An agent's step whose query string is not UTF-8 (bytes over 127: uvicorn refuses such
a request line, an ASGI server passing it on as it came, or an app embedding the API,
need not) is the step all the same: the steps read no query. Before, the step's name was
read off ``request.url``, which decodes the query: the request was a 422 saying it 'could
not be processed: UnicodeDecodeError', logged as a bug with its traceback."""

from __future__ import annotations

import json
import logging

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"


@pytest.mark.parametrize("key", [None, b"k-query-bytes"])
def test_a_step_with_a_query_of_other_bytes_is_recorded(
    key: bytes | None, caplog: pytest.LogCaptureFixture
) -> None:
    desk = Desk()
    case_id = desk.intake(make_complaint("Q1")).id
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = [(b"authorization", f"Bearer {AGENT}".encode())]
    headers += [(b"content-type", b"application/json")]
    headers += [] if key is None else [(b"idempotency-key", key)]
    path, query = f"/cases/{case_id}/note", b"lang=\xe4\xb8&x=\xff"
    with caplog.at_level(logging.ERROR):
        status, _, answer = asgi_request(app, "POST", path, headers, b'{"text": "x"}', query)
    assert (status, json.loads(answer).get("case_id")) == (200, case_id), answer
    assert [e.kind for e in desk.history(case_id)].count("noted") == 1
    assert not [r for r in caplog.records if r.exc_info], caplog.text
