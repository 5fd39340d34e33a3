"""A status token no case has is a 404 naming ``token`` in JSON, on the status view and on
an offer's answer alike, as every other refusal names what it refuses."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with running_server(create_app(Desk())) as url, loopback_client(base_url=url) as session:
        yield session


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/status/no-such-token", None),
        ("POST", "/status/no-such-token/offers/comp-1", {"answer": "accept"}),
    ],
)
def test_an_unknown_status_token_is_a_404_naming_it(
    client: httpx.Client, method: str, path: str, body: object
) -> None:
    response = client.request(method, path, json=body, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json()["field"] == "token"
    assert "no-such-token" not in response.text  # a token is a key: never echoed
