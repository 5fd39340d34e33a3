"""The public form can be turned off, and is off where complaints must be signed: otherwise
anyone could make the desk acknowledge to any address, around ``secret``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from starlette.applications import Starlette

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

SECRET = "form-switch-secret-0123456789abcdef"
HTML = {"Accept": "text/html"}
FORM = {"text": "牛奶变质了", "contact": "victim@example.com"}


@contextmanager
def client_of(app: Starlette) -> Iterator[httpx.Client]:
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client


def posted(client: httpx.Client) -> int:
    return client.post("/", data=FORM, headers=HTML, follow_redirects=False).status_code


def test_the_form_is_served_by_default() -> None:
    desk = Desk()
    with client_of(create_app(desk)) as client:
        assert client.get("/", headers=HTML).status_code == 200
        assert posted(client) == 303
    assert len(desk.find()) == 1


def test_a_server_without_the_form_takes_nothing_in_through_it() -> None:
    desk = Desk()
    with client_of(create_app(desk, form=False)) as client:
        assert client.get("/", headers=HTML).status_code == 404
        assert posted(client) == 404
        assert "/" not in client.get("/openapi.json").json()["paths"]
    assert desk.find() == []


def test_signed_intake_leaves_no_unsigned_way_in_unless_the_form_is_asked_for() -> None:
    desk = Desk()
    with client_of(create_app(desk, secret=SECRET)) as client:
        assert posted(client) == 404
    assert desk.find() == []
    with client_of(create_app(desk, secret=SECRET, form=True)) as client:
        assert posted(client) == 303
    assert len(desk.find()) == 1
