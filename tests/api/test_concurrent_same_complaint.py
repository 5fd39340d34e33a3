"""The same complaint posted several times at once opens one case: one request is answered
201, the others 200 with the same case; bodies under one key that say different things,
posted unsigned at once, each open a case of their own, none a 409 or a 500."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.base import CaseQuery
from complaintkit.testing.server import running_server
from loopback import loopback_client

AT_ONCE = 4


def _at_once(url: str, bodies: list[bytes]) -> list[httpx.Response]:
    """Each of ``bodies`` posted on its own connection, all released together."""
    start = threading.Barrier(len(bodies))
    answers: list[httpx.Response | None] = [None] * len(bodies)

    def post(at: int) -> None:
        with loopback_client(base_url=url, timeout=30) as client:
            start.wait()
            answers[at] = client.post("/complaints", content=bodies[at])

    threads = [threading.Thread(target=post, args=(at,)) for at in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


@pytest.mark.parametrize("store", ["memory:", "sqlite"])
def test_one_complaint_posted_at_once_opens_one_case(tmp_path: Path, store: str) -> None:
    desk = Desk(storage=store if store == "memory:" else f"sqlite:///{tmp_path / 'c.db'}")
    body = {"external_id": "R-1", "customer": {"id": "c-1"}, "text": "the bread was stale"}
    with desk.storage, running_server(create_app(desk)) as url:
        for round_ in range(2):
            sent = json.dumps({**body, "external_id": f"R-{round_}"}).encode()
            answers = _at_once(url, [sent] * AT_ONCE)
            assert sorted(a.status_code for a in answers) == [200] * (AT_ONCE - 1) + [201]
            assert len({a.json()["case_id"] for a in answers}) == 1
            assert len({a.json()["status_url"] for a in answers}) == 1
        cases = desk.storage.find(CaseQuery(customer_id="c-1"))
        assert len(cases) == 2
        assert desk.storage.dead_letters() == []


def test_different_complaints_under_one_key_at_once_each_open_their_own(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}")
    bodies = [
        json.dumps({"external_id": "K-9", "customer": {"id": f"c-{n}"}, "text": f"text {n}"})
        for n in range(AT_ONCE)
    ]
    with desk.storage, running_server(create_app(desk)) as url:
        answers = _at_once(url, [b.encode() for b in bodies])
        assert [a.status_code for a in answers] == [201] * AT_ONCE
        assert len({a.json()["case_id"] for a in answers}) == AT_ONCE
        for n, answer in enumerate(answers):  # each its own, with what it said
            case = desk.get(answer.json()["case_id"])
            assert case.complaint.customer.id == f"c-{n}"
            assert case.complaint.text == f"text {n}"
        assert desk.storage.dead_letters() == []
