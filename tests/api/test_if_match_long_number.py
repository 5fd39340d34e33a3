"""An ``If-Match`` tag of a number longer than Python converts (over 4,300 digits) made
reading the header raise ``ValueError``: the step was answered "the request could not be
processed: ValueError", naming no field, and logged as a bug with its traceback. A tag of
a number no case reaches names no version the case is at: a 412 naming ``If-Match``,
nothing recorded, as for any other version the case is not at."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Desk, Case, httpx.Client]]:
    desk = Desk()
    case = desk.intake(make_complaint("LONG-1"))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    headers = {"Authorization": f"Bearer {AGENT}"}
    with running_server(app) as url, loopback_client(base_url=url, headers=headers) as client:
        yield desk, case, client


@pytest.mark.parametrize("digits", [19, 20, 4300, 4301, 6000])
@pytest.mark.parametrize("weak", [False, True])
def test_a_tag_of_a_number_no_case_reaches_is_a_412(
    served: tuple[Desk, Case, httpx.Client],
    caplog: pytest.LogCaptureFixture,
    digits: int,
    weak: bool,
) -> None:
    desk, case, client = served
    tag = ("W/" if weak else "") + '"' + "9" * digits + '"'
    with caplog.at_level(logging.ERROR):
        answer = client.post(
            f"/cases/{case.id}/note",
            json={"text": "checked"},
            headers={"If-Match": f'"{case.version}0", {tag}'},
        )
    assert answer.status_code == 412, answer.text
    assert answer.json()["field"] == "If-Match"
    assert answer.json()["version"] == case.version
    assert desk.get(case.id).version == case.version
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
