"""The hex digest of POST /complaints' signature is read whatever its letters' case, as
HMAC libraries write one or the other; any other digest is refused in either case."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize("case", [str.upper, str.lower, str.swapcase])
def test_the_hex_digest_is_read_in_either_case(
    served: tuple[httpx.Client, Desk], case: object
) -> None:
    client, _ = served
    body = complaint(f"HEX-{getattr(case, '__name__', '')}")
    stamp = int(time.time())
    scheme, _, digest = sign_request(SECRET, body, stamp).partition("=")
    signature = f"{scheme}={case(digest)}"  # type: ignore[operator]
    headers = {TIMESTAMP_HEADER: str(stamp), HEADER: signature}
    assert client.post("/complaints", content=body, headers=headers).status_code == 201


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flips=st.lists(st.integers(0, 63), min_size=1, max_size=4, unique=True))
def test_any_other_digest_is_refused_whatever_its_case(
    served: tuple[httpx.Client, Desk], flips: list[int]
) -> None:
    client, _ = served
    body = complaint("WRONG-HEX")
    stamp = int(time.time())
    digest = list(sign_request(SECRET, body, stamp).removeprefix("sha256="))
    for at in flips:  # another hex digit at each place: another digest
        digest[at] = "0" if digest[at].lower() != "0" else "1"
    headers = {TIMESTAMP_HEADER: str(stamp), HEADER: "sha256=" + "".join(digest).upper()}
    response = client.post("/complaints", content=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["field"] == HEADER
