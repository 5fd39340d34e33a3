"""The customer's answer to an offer sent as a multipart form whose closing boundary never
appears (or with a part after it) was recorded as if whole, with no word of the defect —
while the complaint form keeps such a body as a dead letter naming it. The answer page now
does as the form does: nothing is recorded from a body that may be cut short, the page
answers 400 saying to send the answer again, and the body's fields are kept as a dead
letter naming the defect, for staff to see what the customer sent."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from offered_voucher import offered, voucher_desk

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import MAX_FIELDS, TOO_MANY_FIELDS
from complaintkit.api.offers import offers
from complaintkit.api.wording import say
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.testing.server import running_server
from loopback import loopback_client

KIND = "multipart/form-data; boundary=b"


def part(name: str, value: str) -> bytes:
    return f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()


UNCLOSED = part("lang", "en") + part("answer", "accept")
AFTER_CLOSE = part("lang", "en") + b"--b--\r\n" + part("answer", "accept") + b"--b--\r\n"
WHOLE = part("lang", "en") + part("answer", "accept") + b"--b--\r\n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    desk = voucher_desk(tmp_path)
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def _answer(client: httpx.Client, case: Case, body: bytes, token: str = "") -> httpx.Response:
    path = f"/status/{token or case.status_token}/offers/comp-1"
    headers = {"Content-Type": KIND, "Accept": "text/html", "Accept-Language": "en"}
    return client.post(path, content=body, headers=headers)


def _status(desk: Desk, case: Case) -> str:
    (offer,) = offers(desk.get(case.id))
    return str(offer["status"])


@pytest.mark.parametrize(
    ("body", "defect"),
    [(UNCLOSED, "closing boundary never appears"), (AFTER_CLOSE, "after its closing boundary")],
)
def test_a_broken_answer_is_refused_and_kept_naming_the_defect(
    served: tuple[httpx.Client, Desk], body: bytes, defect: str
) -> None:
    client, desk = served
    case = offered(desk)
    response = _answer(client, case, body)
    assert response.status_code == 400
    assert html.escape(say("answer_broken", "en")) in response.text  # says what to do
    assert _status(desk, case) == "offered"  # nothing recorded from a body maybe cut short
    (letter,) = desk.storage.dead_letters()
    assert defect in letter.reason
    assert case.id in letter.source
    assert case.status_token not in letter.source  # the customer's key stays theirs
    kept = json.loads(letter.raw)
    assert kept["answer"] == "accept"
    assert kept["offer_id"] == "comp-1"


def test_a_whole_multipart_answer_is_recorded(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case = offered(desk)
    assert _answer(client, case, WHOLE).status_code == 303
    assert _status(desk, case) == "accepted"
    assert desk.storage.dead_letters() == []


def test_a_broken_answer_for_no_case_keeps_nothing(served: tuple[httpx.Client, Desk]) -> None:
    client, desk = served
    case = offered(desk)
    response = _answer(client, case, UNCLOSED, token="A" * 22)
    assert response.status_code == 404
    assert desk.storage.dead_letters() == []


def test_retrying_a_kept_answer_says_what_to_do_instead(
    served: tuple[httpx.Client, Desk], tmp_path: Path
) -> None:
    client, desk = served
    case = offered(desk)
    assert _answer(client, case, UNCLOSED).status_code == 400
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "dead-letters", "retry", "--all", "--json"]
    result = CliRunner().invoke(build_cli(), args)
    (outcome,) = json.loads(result.stdout)
    assert outcome["outcome"] == "skipped"
    assert f"cases accept {case.id} comp-1" in outcome["reason"]
    assert _status(desk, case) == "offered"


def test_an_answer_past_the_most_fields_read_is_refused_naming_the_limit(
    served: tuple[httpx.Client, Desk],
) -> None:
    client, desk = served
    case = offered(desk)
    extras = "".join(f"e{i}=x&" for i in range(MAX_FIELDS))
    path = f"/status/{case.status_token}/offers/comp-1"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"}
    response = client.post(path, content=f"{extras}lang=en&answer=accept", headers=headers)
    assert response.status_code == 400
    assert _status(desk, case) == "offered"
    (letter,) = desk.storage.dead_letters()
    assert letter.reason == TOO_MANY_FIELDS
