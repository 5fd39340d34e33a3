"""An agent's step sent again with its ``Idempotency-Key`` (its answer was lost) is recorded
once and answered as the first time; the key used for another request is refused, naming
it, and nothing is recorded."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT, OTHER = "agent-token-0123456789", "other-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}
KEY = "Idempotency-Key"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk()
    app = create_app(desk, agent_tokens={AGENT: "li.na", OTHER: "wang.wei"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as client:
        yield client, desk


def opened(desk: Desk, key: str) -> str:
    return desk.intake(make_complaint(key)).id


def kinds(desk: Desk, case_id: str, kind: str) -> int:
    return sum(event.kind == kind for event in desk.history(case_id))


def test_respond_sent_again_with_its_key_is_recorded_once(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case_id = opened(desk, "RETRY-1")
    first = client.post(f"/cases/{case_id}/respond", json={"message": "hi"}, headers={KEY: "r1"})
    again = client.post(f"/cases/{case_id}/respond", json={"message": "hi"}, headers={KEY: "r1"})
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert kinds(desk, case_id, "responded") == 1
    other = client.post(f"/cases/{case_id}/respond", json={"message": "hi"}, headers={KEY: "r2"})
    assert other.json()["version"] > first.json()["version"]
    assert kinds(desk, case_id, "responded") == 2


def test_retries_sent_at_once_are_recorded_once(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case_id = opened(desk, "RETRY-2")

    def send(_: int) -> httpx.Response:
        return client.post(f"/cases/{case_id}/note", json={"text": "x"}, headers={KEY: "n1"})

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(8)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert kinds(desk, case_id, "noted") == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("respond", {"message": "something else"}),
        ("update", {"message": "hi"}),
        ("respond", {"message": "hi."}),
    ],
)
def test_the_key_of_another_request_is_a_409_naming_it(
    served: tuple[httpx.Client, Desk], path: str, body: dict[str, Any]
) -> None:
    client, desk = served
    case_id = opened(desk, f"RETRY-3-{path}")
    key = {KEY: f"k-{path}"}
    assert client.post(f"/cases/{case_id}/respond", json={"message": "hi"}, headers=key).is_success
    version = desk.get(case_id).version
    refused = client.post(f"/cases/{case_id}/{path}", json=body, headers=key)
    assert refused.status_code == 409
    assert refused.json()["field"] == KEY
    assert desk.get(case_id).version == version


def test_each_agent_has_its_own_keys(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case_id = opened(desk, "RETRY-4")
    for token in (AGENT, OTHER):
        headers = {KEY: "same", "Authorization": f"Bearer {token}"}
        assert client.post(f"/cases/{case_id}/note", json={"text": "x"}, headers=headers).is_success
    assert kinds(desk, case_id, "noted") == 2


@pytest.mark.parametrize("key", ["", "a" * 256, "caf\u00e9", "tab\there"])
def test_a_key_no_client_would_send_is_a_422_naming_it(
    served: tuple[httpx.Client, Desk], key: str
) -> None:
    client, desk = served
    case_id = opened(desk, f"RETRY-5-{len(key)}-{key[:3]!r}")
    headers = [(KEY.encode(), key.encode()), (b"Authorization", f"Bearer {AGENT}".encode())]
    refused = client.post(f"/cases/{case_id}/note", json={"text": "x"}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["field"] == KEY
    assert kinds(desk, case_id, "noted") == 0


def test_a_key_sent_twice_is_a_400_naming_it(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case_id = opened(desk, "RETRY-6")
    headers = [(KEY, "a"), (KEY, "b"), ("Authorization", f"Bearer {AGENT}")]
    refused = client.post(f"/cases/{case_id}/note", json={"text": "x"}, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["field"] == KEY
    assert kinds(desk, case_id, "noted") == 0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sends=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=8))
def test_any_run_of_retries_records_each_key_once(
    served: tuple[httpx.Client, Desk], sends: list[str]
) -> None:
    client, desk = served
    case_id = opened(desk, f"RETRY-7-{uuid.uuid4().hex}")
    answers: dict[str, str] = {}
    for key in sends:
        answer = client.post(
            f"/cases/{case_id}/note", json={"text": key}, headers={KEY: f"{case_id}-{key}"}
        )
        assert answers.setdefault(key, answer.text) == answer.text
    assert kinds(desk, case_id, "noted") == len(set(sends))


def test_openapi_lists_the_key_on_every_step(served: tuple[httpx.Client, Desk]) -> None:
    client, _ = served
    paths = client.get("/openapi.json").json()["paths"]
    steps = [path for path in paths if path.startswith("/cases/") and "post" in paths[path]]
    assert steps
    for path in steps:
        names = {p["name"] for p in paths[path]["post"]["parameters"] if p["in"] == "header"}
        assert KEY in names, path


def test_a_body_of_another_value_is_another_request(served: tuple[httpx.Client, Desk]) -> None:
    """The body is compared as the JSON value it holds: a score of 4 written again as 4.0
    is the same request (test_step_retry_same_json.py), 5 is another."""
    client, desk = served
    case_id = opened(desk, "RETRY-8")
    desk.respond(case_id, "on it", actor="li.na")
    desk.resolve(case_id, "refunded", actor="li.na")
    key = {KEY: "written", "Content-Type": "application/json"}
    first = b'{"score": 4, "comment": "ok"}'
    sent = client.post(f"/cases/{case_id}/follow-up", content=first, headers=key)
    same = client.post(
        f"/cases/{case_id}/follow-up", content=first.replace(b"4", b"4.0"), headers=key
    )
    other = client.post(
        f"/cases/{case_id}/follow-up", content=first.replace(b"4", b"5"), headers=key
    )
    assert sent.status_code == same.status_code == 200, sent.text
    assert same.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 409
    assert other.json()["field"] == KEY
    satisfaction = desk.get(case_id).satisfaction
    assert satisfaction is not None
    assert satisfaction.score == 4
