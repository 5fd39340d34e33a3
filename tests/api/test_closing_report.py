"""The closing report an agent's steps produce: the cause and the improvements recorded,
in the customer's language, and never an improvement nobody wrote down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}
ZH_REPORT = "原因：供应商冷藏车故障。我们已采取的改进措施：冷链车加装温度记录仪；每日抽检。"  # noqa: RUF001 -- Chinese punctuation
CAUSE = {"fishbone": "partner", "whys": ["冷链断了", "供应商冷藏车故障"], "nature": "systemic"}


@pytest.fixture(scope="module", name="served")
def served_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Desk]]:
    db = tmp_path_factory.mktemp("closing") / "cases.db"
    desk = Desk(
        load_policy(RETAIL),
        storage=f"sqlite:///{db}",
        clock=ManualClock(datetime(2026, 12, 1, 4, tzinfo=UTC)),
    )
    with (
        running_server(create_app(desk, agent_tokens={AGENT: "li.na"})) as url,
        loopback_client(base_url=url, headers=AUTH) as client,
    ):
        yield client, desk


def _open(desk: Desk, text: str) -> str:
    complaint = {
        "channel": "web",
        "external_id": f"x-{len(desk.find())}",
        "received_at": desk.clock.now().isoformat(),
        "customer": {"id": "C-1", "name": "王女士", "contact": "wang@example.com"},
        "text": text,
    }
    return desk.intake(complaint).id


def _closing_report(desk: Desk, case_id: str) -> str:
    (report,) = [
        d.outgoing.payload["body"]
        for d in desk.storage.deliveries("pending")
        if d.outgoing.case_id == case_id
        and d.outgoing.payload["data"]["template"] == "closing_report"
    ]
    return str(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("买的酸奶变质了", ZH_REPORT),
        (
            "The yoghurt had gone off",
            "The cause: 供应商冷藏车故障. What we have changed: 冷链车加装温度记录仪; 每日抽检.",
        ),
    ],
)
def test_the_closing_report_names_the_recorded_cause_and_improvements(
    served: tuple[httpx.Client, Desk], text: str, expected: str
) -> None:
    client, desk = served
    case_id = _open(desk, text)
    improvements = ["冷链车加装温度记录仪", "每日抽检"]
    steps = [
        ("root-cause", {**CAUSE, "improvements": improvements}),
        ("transition", {"to": "investigating"}),
        ("resolve", {"resolution": "全额退款并致歉"}),
    ]
    for step, body in steps:
        assert client.post(f"/cases/{case_id}/{step}", json=body).status_code == 200
    assert expected in _closing_report(desk, case_id)


blank = st.text(alphabet=" \t\u3000\n", max_size=4)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    improvements=st.lists(
        st.sampled_from(["每日抽检", "staff trained"]) | blank, min_size=1
    ).filter(lambda items: any(not item.strip() for item in items))
)
def test_a_blank_improvement_is_refused_not_claimed(
    served: tuple[httpx.Client, Desk], improvements: list[str]
) -> None:
    client, desk = served
    case_id = _open(desk, "店员态度很差")
    answer = client.post(
        f"/cases/{case_id}/root-cause", json={**CAUSE, "improvements": improvements}
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "improvements"
    assert desk.get(case_id).root_cause is None


def test_a_case_is_resolved_only_by_saying_how(served: tuple[httpx.Client, Desk]) -> None:
    """A bare move to resolved would send a closing report with no resolution in it."""
    client, desk = served
    case_id = _open(desk, "店员态度很差")
    assert client.post(f"/cases/{case_id}/transition", json={"to": "investigating"}).is_success
    before = desk.get(case_id).version
    refused = client.post(f"/cases/{case_id}/transition", json={"to": "resolved"})
    assert refused.status_code == 422
    assert refused.json()["field"] == "to"
    assert desk.get(case_id).version == before
    assert client.post(f"/cases/{case_id}/resolve", json={"resolution": "道歉"}).is_success
    assert "处理结果：道歉" in _closing_report(desk, case_id)  # noqa: RUF001 -- Chinese punctuation
