"""A customer's answer to an offer sent with ``If-Match`` was recorded whatever the tag
said: an answer made for the case as it stood at one version went through after the case
had changed, though every agent step refuses such a change with a 412. The answer now
holds to ``If-Match`` as the steps do — the case's version, its ``ETag`` from ``GET
/cases/{case_id}`` — checked where the Desk reads the case: a case changed since is a
412 naming ``If-Match``, nothing recorded; ``*`` or no header takes it at any version.
The customer is not told the version it is at, which would count what staff did inside
the case."""

from __future__ import annotations

from pathlib import Path

import pytest
from offered_voucher import offered, voucher_desk

from complaintkit.api.app import create_app
from complaintkit.testing.server import running_server
from loopback import loopback_client

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("form", [False, True])
def test_an_answer_to_a_case_changed_since_is_refused(tmp_path: Path, form: bool) -> None:
    desk = voucher_desk(tmp_path)
    case = offered(desk)
    read = case.version
    desk.note(case.id, "customer called about the voucher", actor="li.na")
    path = f"/status/{case.status_token}/offers/comp-1"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        stale = {"If-Match": f'"{read}"'}
        if form:
            answer = client.post(path, content=b"answer=accept", headers=FORM | stale)
        else:
            answer = client.post(path, json={"answer": "accept"}, headers=stale)
    assert answer.status_code == 412, answer.text
    if form:
        assert "text/html" in answer.headers["content-type"]
    else:
        assert answer.json()["field"] == "If-Match"
        assert "version" not in answer.json()
        assert "etag" not in answer.json()
    assert desk.get(case.id).compensation[0]["status"] == "offered"


@pytest.mark.parametrize("tag", ["current", "*", None])
def test_an_answer_to_the_case_as_read_is_recorded(tmp_path: Path, tag: str | None) -> None:
    desk = voucher_desk(tmp_path)
    case = desk.note(offered(desk).id, "called", actor="li.na")
    headers = {} if tag is None else {"If-Match": f'"{case.version}"' if tag == "current" else tag}
    path = f"/status/{case.status_token}/offers/comp-1"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        answer = client.post(path, json={"answer": "decline"}, headers=headers)
        again = client.post(path, json={"answer": "decline"}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["changed"] is True
    assert again.status_code == 200, again.text  # recorded already: nothing to refuse
    assert desk.get(case.id).compensation[0]["status"] == "declined"


def test_an_if_match_of_no_entity_tag_is_a_422(tmp_path: Path) -> None:
    desk = voucher_desk(tmp_path)
    case = offered(desk)
    path = f"/status/{case.status_token}/offers/comp-1"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        answer = client.post(path, json={"answer": "accept"}, headers={"If-Match": "7"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "If-Match"
    assert desk.get(case.id).compensation[0]["status"] == "offered"
