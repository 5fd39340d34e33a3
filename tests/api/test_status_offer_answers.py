"""The customer answers an offer on their status page, over real HTTP: a form with two
buttons beside each offer waiting for an answer, or ``POST /status/{token}/offers/{id}``
with JSON. The answer is recorded as the Desk records one staff enter (actor
``customer:<customer id>``), once: the same answer again changes nothing, the other one is a 409 naming
the answer that stands, and every refusal is clear (a page or JSON with a request id),
never a 500, with nothing stored."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.offers import offers
from complaintkit.audit.records import Auditable
from complaintkit.audit.verify import verify_store
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Conflict, InvalidInput
from complaintkit.model.complaint import MAX_ID_CHARS
from complaintkit.model.customer_actor import customer_actor
from complaintkit.model.history import replay
from complaintkit.model.money import Money
from complaintkit.testing.server import running_server
from loopback import loopback_client

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
HTML = {"Accept": "text/html"}
FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}
STAFF = "staff.wen"
ANSWERED = ("compensation_accepted", "compensation_declined")
_numbers = itertools.count(1)


def write_policy(folder: Path) -> Path:
    policy = {
        "complaintkit": 1,
        "name": "answers",
        "version": "1",
        "categories": {"goods": {"label": {"zh": "商品", "en": "Goods"}}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "desk"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {
                            "kind": "voucher",
                            "label": {"zh": "购物券", "en": "shopping voucher"},
                            "amount": {"percent": 100, "of": "voucher"},
                        },
                        "replacement",
                    ],
                }
            ],
        },
    }
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return path


Served = tuple[httpx.Client, Desk]


@pytest.fixture(name="served", scope="module")
def served_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("answers")
    desk = Desk(write_policy(folder), storage=f"sqlite:///{folder / 'c.db'}", clock=ManualClock(T0))
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


def open_case(desk: Desk) -> tuple[str, str]:
    n = next(_numbers)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": f"a-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"c-{n}", "contact": f"c{n}@example.com"},
            "text": "买的电水壶漏水",
            "language": "zh",
        }
    )
    return case.id, case.status_token


def offer(desk: Desk, case_id: str, amount: str = "80") -> str:
    desk.propose_compensation(case_id, {"voucher": Money(amount, "CNY")}, actor=STAFF)
    offer_id = f"comp-{len(desk.get(case_id).compensation)}"
    desk.offer_compensation(case_id, offer_id, actor=STAFF)
    return offer_id


def close(desk: Desk, case_id: str) -> None:
    desk.transition(case_id, "investigating", actor=STAFF)
    desk.resolve(case_id, "已换新", actor=STAFF)
    desk.transition(case_id, "closed", actor=STAFF)


def answer_json(client: httpx.Client, token: str, offer_id: str, body: Any) -> httpx.Response:
    return client.post(f"/status/{token}/offers/{offer_id}", json=body)


def answer_form(client: httpx.Client, token: str, offer_id: str, body: str) -> httpx.Response:
    return client.post(f"/status/{token}/offers/{offer_id}?lang=zh", content=body, headers=FORM)


def answers(desk: Desk, case_id: str) -> list[tuple[str, str, str]]:
    return [(e.kind, e.data["id"], e.actor) for e in desk.history(case_id) if e.kind in ANSWERED]


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def is_error(answer: httpx.Response, status: int, field: str | None = None) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["request_id"] == answer.headers["X-Request-Id"]
    assert body.get("field") == field
    return body


def test_the_page_offers_two_buttons_beside_an_offer_waiting_for_an_answer(served: Served) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    first = offer(desk, case_id)
    second = offer(desk, case_id, "20")
    desk.decline_compensation(case_id, second, actor=STAFF)
    page = client.get(f"/status/{token}?lang=en", headers=HTML).text
    forms = re.findall(r'<form method="post" action="([^"]+)" class="answer">(.*?)</form>', page)
    assert [action for action, _ in forms] == [f"/status/{token}/offers/{first}?lang=en"]
    buttons = re.findall(r'name="answer" value="(\w+)"[^>]*>([^<]+)<', forms[0][1])
    assert buttons == [("accept", "Accept"), ("decline", "Decline")]
    chinese = client.get(f"/status/{token}?lang=zh", headers=HTML).text
    assert ">接受<" in chinese
    assert ">拒绝<" in chinese


def test_a_form_answer_is_recorded_as_the_customers_and_leads_back_to_the_page(
    served: Served,
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    sent = answer_form(client, token, offer_id, "answer=accept")
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/status/{token}?lang=zh#offer-{offer_id}"
    assert sent.headers["Cache-Control"] == "no-store"
    customer = f"customer:{desk.get(case_id).customer_id}"
    assert answers(desk, case_id) == [("compensation_accepted", offer_id, customer)]
    assert replay(desk.history(case_id)).to_json() == desk.get(case_id).to_json()
    page = text_of(client.get(sent.headers["location"], headers=HTML).text)
    assert "您已接受" in page
    assert 'class="answer"' not in client.get(sent.headers["location"], headers=HTML).text
    again = answer_form(client, token, offer_id, "answer=accept")  # a double click
    assert again.status_code == 303
    assert len(answers(desk, case_id)) == 1


def test_the_answer_names_which_customer_gave_it_and_the_store_still_verifies(
    served: Served,
) -> None:
    """Recorded as plain ``customer``, the history and audit trail could not tell whose
    answer it was (a case may hold complaints of one customer only, but the actor is what
    reports and the audit export show)."""
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    assert answer_json(client, token, offer_id, {"answer": "accept"}).status_code == 200
    (event,) = [e for e in desk.history(case_id) if e.kind in ANSWERED]
    assert event.actor == f"customer:{desk.get(case_id).customer_id}"
    assert event.data["by"] == event.actor
    assert replay(desk.history(case_id)).to_json() == desk.get(case_id).to_json()
    assert isinstance(desk.storage, Auditable)
    with desk.storage.audit_snapshot() as snapshot:
        assert verify_store(snapshot, desk.storage.audit_key).findings == []


def test_a_customer_id_too_long_to_name_whole_is_named_by_its_digest() -> None:
    long_id = "c" * MAX_ID_CHARS
    actor = customer_actor(long_id)
    assert actor.startswith("customer:sha256:")
    assert len(actor) <= MAX_ID_CHARS
    assert actor == customer_actor(long_id)
    assert customer_actor("c-1") == "customer:c-1"


def test_json_sent_as_curl_d_sends_it_is_read_as_json(served: Served) -> None:
    """``curl -d '{"answer": "accept"}'`` labels its body a form
    (application/x-www-form-urlencoded): it got the HTML page and a 422, as no form field
    ``answer`` was in it. No form's body starts with ``{``, so it is read as the JSON it is
    and answered in JSON (as ``POST /complaints`` reads it)."""
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    curl = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "*/*"}
    url = f"/status/{token}/offers/{offer_id}"
    sent = client.post(url, content=b' {"answer": "accept"}', headers=curl)
    assert sent.status_code == 200, sent.text
    assert sent.headers["content-type"].startswith("application/json")
    assert (sent.json()["changed"], sent.json()["offer"]["status"]) == (True, "accepted")
    customer = f"customer:{desk.get(case_id).customer_id}"
    assert answers(desk, case_id) == [("compensation_accepted", offer_id, customer)]
    broken = client.post(url, content=b"{answer: accept}", headers=curl)
    is_error(broken, 422, "body")
    assert len(answers(desk, case_id)) == 1


def test_a_json_answer_is_idempotent_and_the_other_answer_after_it_is_a_409(
    served: Served,
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    first = answer_json(client, token, offer_id, {"answer": "decline"})
    assert first.status_code == 200
    assert first.json()["changed"] is True
    assert first.json()["offer"]["status"] == "declined"
    assert first.json()["offer"]["id"] == offer_id
    again = answer_json(client, token, offer_id, {"answer": "decline"})
    assert (again.status_code, again.json()["changed"]) == (200, False)
    assert again.json()["offer"] == first.json()["offer"]
    other = is_error(answer_json(client, token, offer_id, {"answer": "accept"}), 409, "answer")
    assert other["recorded"] == "declined"
    page = answer_form(client, token, offer_id, "answer=accept")
    assert page.status_code == 409
    assert "您已拒绝这项补偿" in text_of(page.text)
    assert page.headers["X-Request-Id"] in page.text
    customer = f"customer:{desk.get(case_id).customer_id}"
    assert answers(desk, case_id) == [("compensation_declined", offer_id, customer)]


def test_an_unknown_token_or_offer_is_a_404_and_a_proposal_cannot_be_answered(
    served: Served,
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    desk.propose_compensation(case_id, {"voucher": Money("50", "CNY")}, actor=STAFF)
    is_error(answer_json(client, "no-such-token", "comp-1", {"answer": "accept"}), 404, "token")
    missing = answer_form(client, "no-such-token", "comp-1", "answer=accept")
    assert missing.status_code == 404
    assert "找不到这个投诉" in missing.text
    for offer_id in ("comp-1", "comp-9"):  # proposed only, and none
        is_error(answer_json(client, token, offer_id, {"answer": "accept"}), 404, "offer_id")
        page = answer_form(client, token, offer_id, "answer=accept")
        assert page.status_code == 404
        assert "找不到这项补偿" in text_of(page.text)
    assert desk.get(case_id).compensation[0]["status"] == "proposed"


def test_an_offer_lapsed_with_its_case_cannot_be_answered(served: Served) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    close(desk, case_id)
    is_error(answer_json(client, token, offer_id, {"answer": "accept"}), 409, "offer_id")
    page = answer_form(client, token, offer_id, "answer=accept")
    assert page.status_code == 409
    assert "这项补偿已失效" in text_of(page.text)
    assert answers(desk, case_id) == []


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b"{", 422, "body"),
        (b"[]", 422, "body"),
        (b'{"answer": "accept", "answer": "decline"}', 422, "body"),
        (b'{"answer": "yes"}', 422, "answer"),
        (b'{"answer": ["accept"]}', 422, "answer"),
        (b"{}", 422, "answer"),
        # a field the answer does not read would be dropped while the answer stood
        (b'{"answer": "decline", "counter_offer": "50"}', 422, "counter_offer"),
        (b'{"Answer": "decline", "answer": "accept"}', 422, "Answer"),
        (b'{"answer": "accept", "pad": "' + b"x" * 5000 + b'"}', 413, "body"),
    ],
)
def test_a_bad_json_body_is_refused_naming_what_and_nothing_is_stored(
    served: Served, body: bytes, status: int, field: str
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    sent = client.post(
        f"/status/{token}/offers/{offer_id}",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    is_error(sent, status, field)
    assert answers(desk, case_id) == []


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ("answer=accept&answer=decline", 422, "“answer”一项提交了不止一次"),
        ("answer=maybe", 422, "请选择接受或拒绝"),
        ("", 422, "请选择接受或拒绝"),
        ("answer=accept&pad=" + "x" * 5000, 413, "提交的内容太大"),
    ],
)
def test_a_bad_form_is_the_page_again_saying_why_and_nothing_is_stored(
    served: Served, body: str, status: int, words: str
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    page = answer_form(client, token, offer_id, body)
    assert page.status_code == status
    assert words in text_of(page.text)
    assert page.headers["X-Request-Id"] in page.text
    assert answers(desk, case_id) == []
    assert 'class="answer"' in page.text  # the offer still waits; the buttons are there


def test_staff_answering_meanwhile_decides_what_the_customer_is_told(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the customer's read and the Desk's change, staff record an answer: the same
    one is the customer's success, the other a 409 naming it; never two answers."""
    client, desk = served
    for staff_answer, status in (("accept", 200), ("decline", 409)):
        case_id, token = open_case(desk)
        offer_id = offer(desk, case_id)
        real = desk.accept_compensation

        def racing(
            cid: str,
            oid: str,
            *,
            actor: str,
            reason: str = "",
            said: str = staff_answer,
            real: Callable[..., Any] = real,
        ) -> Any:
            staff = desk.decline_compensation if said == "decline" else real
            staff(cid, oid, actor=STAFF)
            return real(cid, oid, actor=actor, reason=reason)

        monkeypatch.setattr(desk, "accept_compensation", racing)
        sent = answer_json(client, token, offer_id, {"answer": "accept"})
        monkeypatch.undo()
        assert sent.status_code == status
        assert [a[2] for a in answers(desk, case_id)] == [STAFF]


def test_a_case_that_keeps_changing_is_a_409_asking_to_send_again(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)

    def busy(cid: str, oid: str, *, actor: str, reason: str = "") -> Any:
        raise Conflict(cid, 3, 4)

    monkeypatch.setattr(desk, "accept_compensation", busy)
    assert (
        "again"
        in is_error(answer_json(client, token, offer_id, {"answer": "accept"}), 409, "version")[
            "error"
        ]
    )
    page = answer_form(client, token, offer_id, "answer=accept")
    assert page.status_code == 409
    assert "请刷新本页后再试一次" in text_of(page.text)
    monkeypatch.undo()
    assert answer_json(client, token, offer_id, {"answer": "accept"}).status_code == 200


STEPS = st.lists(
    st.sampled_from(
        [
            "customer accept",
            "customer decline",
            "staff accept",
            "staff decline",
            "offer",
            "close",
            "reopen",
        ]
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS, picks=st.lists(st.integers(0, 3), min_size=12, max_size=12))
def test_answers_never_disagree_and_the_page_shows_what_is_stored(
    served: Served, steps: list[str], picks: list[int]
) -> None:
    client, desk = served
    case_id, token = open_case(desk)
    offer(desk, case_id)
    for step, pick in zip(steps, picks, strict=False):
        made = [e["id"] for e in desk.get(case_id).compensation]
        offer_id = made[pick % len(made)]
        who, _, what = step.partition(" ")
        if who == "customer":
            if pick % 2:  # by the page's form, or as an API client
                sent = answer_form(client, token, offer_id, f"answer={what}")
                assert sent.status_code in (303, 409), sent.text
            else:
                sent = answer_json(client, token, offer_id, {"answer": what})
                assert sent.status_code in (200, 409), sent.text
        elif who == "staff":
            record = desk.accept_compensation if what == "accept" else desk.decline_compensation
            with contextlib.suppress(InvalidInput):
                record(case_id, offer_id, actor=STAFF)
        elif step == "offer" and desk.get(case_id).is_open:
            offer(desk, case_id)
        elif step == "close" and desk.get(case_id).is_open:
            close(desk, case_id)
        elif step == "reopen" and not desk.get(case_id).is_open:
            desk.transition(case_id, "reopened", actor=STAFF, reason="顾客来电")
    ids = [a[1] for a in answers(desk, case_id)]
    assert len(ids) == len(set(ids))  # no offer answered twice, alike or not
    stored = desk.get(case_id)
    shown = client.get(f"/status/{token}", headers={"Accept": "application/json"}).json()
    expected = [(o["id"], o["status"]) for o in offers(stored)]
    assert [(o["id"], o["status"]) for o in shown["compensation"]] == expected
    page = client.get(f"/status/{token}?lang=en", headers=HTML).text
    with_forms = re.findall(r'action="/status/[^/]+/offers/([^?"]+)\?lang=en" class="answer"', page)
    assert with_forms == [i for i, status in expected if status == "offered"]


def test_the_documented_answer_is_what_the_api_gives(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "closing-the-loop.md"
    section = docs.read_text("utf-8").split("#### The customer's answer", 1)[1]
    command = section.split("```console\n", 1)[1].split("```", 1)[0]
    documented = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    clock = ManualClock(T0)
    desk = Desk(write_policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id, "1234.5")
    clock.advance(timedelta(hours=2))
    body = json.loads(re.search(r"-d '([^']+)'", command).group(1))  # type: ignore[union-attr]
    assert f"/status/$TOKEN/offers/{offer_id}" in command
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        sent = client.post(f"/status/{token}/offers/{offer_id}", json=body)
    assert sent.status_code == 200
    assert sent.json() == documented


def test_pages_mounted_in_another_app_post_answers_under_their_path(tmp_path: Path) -> None:
    from starlette.applications import Starlette  # noqa: PLC0415 -- this test only
    from starlette.routing import Mount  # noqa: PLC0415

    desk = Desk(
        write_policy(tmp_path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0)
    )
    case_id, token = open_case(desk)
    offer_id = offer(desk, case_id)
    outer = Starlette(routes=[Mount("/complaints", create_app(desk))])
    with running_server(outer) as url, loopback_client(base_url=url) as client:
        page = client.get(f"/complaints/status/{token}?lang=en", headers=HTML).text
        action = f"/complaints/status/{token}/offers/{offer_id}?lang=en"
        assert f'action="{action}"' in page
        sent = client.post(action, content="answer=decline", headers=FORM)
    assert sent.status_code == 303
    assert sent.headers["location"].startswith(f"/complaints/status/{token}?lang=en")
    customer = f"customer:{desk.get(case_id).customer_id}"
    assert answers(desk, case_id) == [("compensation_declined", offer_id, customer)]
