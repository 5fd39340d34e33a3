"""The signature headers of POST /complaints, each sent once: with two copies, which one is
verified would be the server's pick (the first, where a proxy may check the last), so two
are refused, naming the header, and nothing is taken in."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.testing.server import running_server
from loopback import loopback_client

SECRET = "intake-secret-of-the-shop"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk()
    app = create_app(desk, secret=SECRET)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk


def complaint(external_id: str) -> bytes:
    return json.dumps({"external_id": external_id, "customer": {"id": "c"}, "text": "t"}).encode()


@pytest.mark.parametrize("header", [TIMESTAMP_HEADER, HEADER])
@pytest.mark.parametrize("good_first", [True, False])
def test_a_signature_header_sent_twice_is_a_400_naming_it(
    served: tuple[httpx.Client, Desk], header: str, good_first: bool
) -> None:
    client, desk = served
    body = complaint(f"TWICE-{header}-{good_first}")
    stamp = int(time.time())
    good = {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(SECRET, body, stamp)}
    other = str(stamp - 1) if header == TIMESTAMP_HEADER else sign_request(SECRET, b"{}", stamp)
    copies = [good[header], other] if good_first else [other, good[header]]
    headers = [(name, value) for name, value in good.items() if name != header]
    headers += [(header, value) for value in copies]
    response = client.post("/complaints", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json()["field"] == header
    assert desk.storage.find_by_key("http", f"TWICE-{header}-{good_first}") is None
