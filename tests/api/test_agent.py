"""The agents' endpoints for the SOP's later steps, under uvicorn with a gated policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}


@pytest.fixture(name="retail", scope="module")
def retail_fixture() -> Policy:
    """The shipped supermarket policy, loaded once: a policy is immutable."""
    return load_policy(RETAIL)


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path, retail: Policy) -> Iterator[tuple[httpx.Client, Desk, str]]:
    desk = Desk(
        retail,
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(datetime(2026, 12, 1, 2, 0, tzinfo=UTC)),
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "A-1",
            "received_at": "2026-12-01T10:00:00+08:00",
            "customer": {"id": "c1", "contact": "wang@example.cn"},
            "text": "买的牛奶变质了",
        }
    )
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as client:
        yield client, desk, case.id


def step(client: httpx.Client, case_id: str, name: str, body: object) -> httpx.Response:
    return client.post(f"/cases/{case_id}/{name}", json=body)


def test_every_closing_step_over_http(served: tuple[httpx.Client, Desk, str]) -> None:
    client, desk, case_id = served
    assert step(client, case_id, "note", {"text": "批次 B-17"}).status_code == 200
    assert (
        step(client, case_id, "assign", {"owner": "qa.zhou", "team": "quality"}).json()["status"]
        == "received"
    )
    assert client.post(f"/cases/{case_id}/respond", json={"message": "马上核查"}).status_code == 200
    assert step(client, case_id, "update", {"message": "供应商已确认"}).status_code == 200
    refused = client.post(f"/cases/{case_id}/resolve", json={"resolution": "退款"})
    assert refused.status_code == 409
    assert "root cause" in refused.json()["error"]
    cause = {
        "fishbone": "partner",
        "whys": ["冷链断了"],
        "nature": "systemic",
        "improvements": ["冷链车加装温度记录仪"],
    }
    assert step(client, case_id, "root-cause", cause).status_code == 200
    assert client.post(f"/cases/{case_id}/resolve", json={"resolution": "退款"}).status_code == 200
    early = step(client, case_id, "close", {})
    assert early.status_code == 409
    assert "follow-up" in early.json()["error"]
    assert step(client, case_id, "follow-up", {"score": 5, "comment": "满意"}).status_code == 200
    closed = step(client, case_id, "close", {"reason": "回访满意"})
    assert closed.json()["status"] == "closed"
    case = desk.get(case_id)
    assert case.owner == "qa.zhou"
    assert case.root_cause is not None
    assert case.root_cause.improvements == ("冷链车加装温度记录仪",)
    actors = {e.actor for e in desk.history(case_id) if e.kind in ("noted", "root_cause")}
    assert actors == {"li.na"}


@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("follow-up", {"score": "five"}, "score"),
        ("follow-up", {"score": 9}, "score"),
        ("root-cause", {"fishbone": "people", "whys": [" "], "nature": "systemic"}, "whys"),
        ("follow-up", {"score": 4.5}, "score"),
        ("follow-up", {"refused": "yes", "score": 3}, "refused"),
        ("follow-up", {"refused": 1}, "refused"),
        ("follow-up", {"refused": True, "score": 3}, "score"),
        ("assign", {"owner": "qa.zhou", "team": "nonexistent-team"}, "team"),
        ("root-cause", {"fishbone": "weather", "whys": ["x"], "nature": "systemic"}, "fishbone"),
        ("root-cause", {"fishbone": "people", "whys": "x", "nature": "systemic"}, "whys"),
        ("note", {"text": "  "}, "text"),
        ("compensation", {"facts": [1]}, "facts"),
    ],
)
def test_bad_fields_are_422_naming_them(
    served: tuple[httpx.Client, Desk, str], name: str, body: object, field: str
) -> None:
    client, _, case_id = served
    response = step(client, case_id, name, body)
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_a_follow_up_before_the_case_is_resolved_is_409(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    """Not a bad field (422): the case is not there yet, as with a second visit."""
    client, desk, case_id = served
    early = step(client, case_id, "follow-up", {"score": 5})
    assert early.status_code == 409
    assert "after it is resolved" in early.json()["error"]
    assert desk.get(case_id).satisfaction is None


@pytest.mark.parametrize("name", ["respond", "update"])
def test_a_reply_to_a_withdrawn_case_is_409(
    served: tuple[httpx.Client, Desk, str], name: str
) -> None:
    """Not a bad field (422): the case ended; nothing is stored or sent."""
    client, desk, case_id = served
    assert step(client, case_id, "transition", {"to": "withdrawn"}).status_code == 200
    before = len(desk.history(case_id))
    answer = step(client, case_id, name, {"message": "我们还在处理"})
    assert answer.status_code == 409
    assert "withdrawn" in answer.json()["error"]
    assert len(desk.history(case_id)) == before


def test_agent_steps_need_the_token(served: tuple[httpx.Client, Desk, str]) -> None:
    client, _, case_id = served
    response = client.post(
        f"/cases/{case_id}/note", json={"text": "x"}, headers={"Authorization": ""}
    )
    assert response.status_code == 401


@pytest.mark.parametrize("token", ["", "   ", "short-token"])
def test_an_agent_token_anyone_could_send_is_refused_at_start(token: str) -> None:
    """An empty token (an unset environment variable) let 'Authorization: Bearer' with no
    token act as that agent; the server refuses it as the command line does."""
    with pytest.raises(ConfigError) as refused:
        create_app(Desk(), agent_tokens={token: "li.na", AGENT: "chen.jing"})
    assert "li.na" in str(refused.value)


def test_the_follow_up_is_recorded_once_and_never_after_closing(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, desk, case_id = served
    cause = {"fishbone": "partner", "whys": ["冷链断了"], "nature": "systemic"}
    assert step(client, case_id, "root-cause", cause).status_code == 200
    assert step(client, case_id, "respond", {"message": "马上核查"}).status_code == 200
    assert step(client, case_id, "resolve", {"resolution": "退款"}).status_code == 200
    assert step(client, case_id, "follow-up", {"score": 4.0}).status_code == 200  # JSON's 4
    again = step(client, case_id, "follow-up", {"refused": True})
    assert again.status_code == 409
    assert "already recorded" in again.json()["error"]
    assert step(client, case_id, "close", {}).status_code == 200
    late = step(client, case_id, "follow-up", {"score": 5})
    assert late.status_code == 409
    assert "closed" in late.json()["error"]
    satisfaction = desk.get(case_id).satisfaction
    assert satisfaction is not None
    assert (satisfaction.score, satisfaction.refused) == (4, False)


#: Tokens beyond ASCII, some whose UTF-8 ends in a byte Latin-1 reads as a space (U+0420
#: is D0 A0, U+0445 is D1 85): each must name its agent, sent as the UTF-8 bytes it is.
UTF8_TOKENS = {
    "ключ-секретный-длинный": "ru",
    "客服密钥一二三四五六七八九十": "zh",
    "token-ending-in-\u0420": "pe",
    "token-ending-in-\u0445": "kha",
}


def test_a_token_beyond_ascii_names_its_agent() -> None:
    desk = Desk()
    case_id = desk.intake(make_complaint("U-1")).id
    app = create_app(desk, agent_tokens={**UTF8_TOKENS, AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        for token, name in UTF8_TOKENS.items():
            auth = {b"Authorization": b"Bearer " + token.encode()}
            answer = client.post(f"/cases/{case_id}/note", json={"text": name}, headers=auth)
            assert answer.status_code == 200, answer.text
            assert desk.history(case_id)[-1].actor == name


@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("transition", {"to": "investigating", "reason": 5}, "reason"),
        ("events", {"name": "holding_reply", "reason": ["x"]}, "reason"),
        ("assign", {"owner": "qa.zhou", "team": 7}, "team"),
        ("assign", {"owner": "qa.zhou", "reason": False}, "reason"),
        ("close", {"reason": {"why": "done"}}, "reason"),
        ("follow-up", {"score": 5, "comment": 5}, "comment"),
        (
            "root-cause",
            {"fishbone": "people", "whys": [], "nature": "systemic", "impact": 5},
            "impact",
        ),
    ],
)
def test_an_optional_field_of_the_wrong_type_is_not_called_required(
    served: tuple[httpx.Client, Desk, str], name: str, body: dict[str, object], field: str
) -> None:
    client, _, case_id = served
    answer = step(client, case_id, name, body)
    assert (answer.status_code, answer.json()["field"]) == (422, field)
    assert answer.json()["error"] == "must be text"


def test_an_optional_text_may_be_blank(served: tuple[httpx.Client, Desk, str]) -> None:
    client, _, case_id = served
    answer = step(client, case_id, "transition", {"to": "investigating", "reason": ""})
    assert answer.status_code == 200, answer.text
