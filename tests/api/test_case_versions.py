"""Two agents editing one case over HTTP: the later write won silently. Each read the case
at one version, the first handed it to qa.zhou, the second, not knowing, to li.na, and
the case went to li.na with nothing said to either. Agents now read a case with
``GET /cases/{case_id}`` (its ``ETag`` the case's version) and send ``If-Match`` with
a step: a case changed since is a 412 naming the version it is at, nothing recorded."""

from __future__ import annotations

import json
import threading
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
from complaintkit.model.case import Case
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.testing.server import running_server
from loopback import loopback_client

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
TOKENS = {"agent-token-0123456789": "li.na", "agent-token-9876543210": "qa.zhou"}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(name="retail", scope="module")
def retail_fixture() -> Policy:
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
    app = create_app(desk, agent_tokens=TOKENS)
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk, case.id


def assign(
    client: httpx.Client, case_id: str, owner: str, token: str, if_match: str | None
) -> httpx.Response:
    headers = auth(token) | ({} if if_match is None else {"If-Match": if_match})
    body = {"owner": owner, "team": "quality"}
    return client.post(f"/cases/{case_id}/assign", json=body, headers=headers)


def test_the_later_of_two_agents_editing_one_case_is_refused(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, desk, case_id = served
    li_na, qa_zhou = TOKENS
    read = client.get(f"/cases/{case_id}", headers=auth(li_na))
    assert read.status_code == 200, read.text
    seen = read.headers["ETag"]
    assert read.json()["version"] == desk.get(case_id).version
    first = assign(client, case_id, "qa.zhou", qa_zhou, seen)
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != seen
    later = assign(client, case_id, "li.na", li_na, seen)
    assert later.status_code == 412, later.text
    assert later.json()["field"] == "If-Match"
    assert later.json()["version"] == first.json()["version"]
    assert desk.get(case_id).owner == "qa.zhou"
    again = assign(client, case_id, "li.na", li_na, first.headers["ETag"])
    assert again.status_code == 200, again.text
    assert desk.get(case_id).owner == "li.na"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offset=st.integers(min_value=-5, max_value=5).filter(bool),
    weak=st.booleans(),
    with_current=st.booleans(),
)
def test_only_the_current_version_matches(
    served: tuple[httpx.Client, Desk, str], offset: int, weak: bool, with_current: bool
) -> None:
    client, desk, case_id = served
    li_na = next(iter(TOKENS))
    before = desk.get(case_id)
    other = f'"{before.version + offset}"'
    current = f'"{before.version}"'
    tags = [other, f"W/{current}" if weak else other]
    if with_current:
        tags.append(current)
    owner = "li.na" if before.owner != "li.na" else "qa.zhou"
    answer = assign(client, case_id, owner, li_na, ", ".join(tags))
    after = desk.get(case_id)
    if with_current:  # a weak tag never matches: If-Match compares strongly
        assert answer.status_code == 200, answer.text
        assert answer.headers["ETag"] == f'"{after.version}"'
        assert after.owner == owner
    else:
        assert answer.status_code == 412, answer.text
        assert answer.json()["version"] == before.version
        assert after.version == before.version


def test_any_version_and_none_sent_act_as_before(served: tuple[httpx.Client, Desk, str]) -> None:
    client, desk, case_id = served
    li_na = next(iter(TOKENS))
    assert assign(client, case_id, "qa.zhou", li_na, "*").status_code == 200
    assert assign(client, case_id, "li.na", li_na, None).status_code == 200
    assert desk.get(case_id).owner == "li.na"


@pytest.mark.parametrize("sent", ["7", "'7'", '"7', 'W/"7" junk', ""])
def test_an_if_match_that_is_no_entity_tag_is_named(
    served: tuple[httpx.Client, Desk, str], sent: str
) -> None:
    client, desk, case_id = served
    before = desk.get(case_id).version
    answer = assign(client, case_id, "qa.zhou", next(iter(TOKENS)), sent)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "If-Match"
    assert desk.get(case_id).version == before


def test_a_retried_step_gets_its_first_answer_not_a_412(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, _, case_id = served
    li_na = next(iter(TOKENS))
    seen = client.get(f"/cases/{case_id}", headers=auth(li_na)).headers["ETag"]
    headers = auth(li_na) | {"If-Match": seen, "Idempotency-Key": "k-1"}
    body = {"text": "批次 B-17"}
    first = client.post(f"/cases/{case_id}/note", json=body, headers=headers)
    again = client.post(f"/cases/{case_id}/note", json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert json.loads(again.content) == json.loads(first.content)
    assert again.headers["ETag"] == first.headers["ETag"]


def test_reading_a_case_needs_an_agent_and_names_an_unknown_one(
    served: tuple[httpx.Client, Desk, str],
) -> None:
    client, _, case_id = served
    assert client.get(f"/cases/{case_id}").status_code == 401
    assert client.get("/cases/CK-nobody", headers=auth(next(iter(TOKENS)))).status_code == 404


def test_a_change_saved_between_the_read_and_the_save_is_caught(
    served: tuple[httpx.Client, Desk, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version is checked where the Desk reads the case it changes: a change another
    writer saves after that read makes the save a Conflict, the Desk reads the case again,
    and the check refuses it then, rather than build on a version the agent never saw."""
    client, desk, case_id = served
    seen = desk.get(case_id)
    real_get = desk.storage.get
    meddled: list[int] = []

    def get_then_meddle(wanted: str) -> Case:
        case = real_get(wanted)
        if not meddled:  # another agent's change, saved from another thread meanwhile
            meddled.append(case.version)
            writer = threading.Thread(
                target=desk.note, args=(case_id, "已电话联系"), kwargs={"actor": "qa.zhou"}
            )
            writer.start()
            writer.join()
        return case

    monkeypatch.setattr(desk.storage, "get", get_then_meddle)
    headers = auth(next(iter(TOKENS))) | {"If-Match": f'"{seen.version}"'}
    answer = client.post(f"/cases/{case_id}/note", json={"text": "批次 B-17"}, headers=headers)
    assert meddled == [seen.version]
    assert answer.status_code == 412, answer.text
    assert answer.json()["version"] == seen.version + 1
    monkeypatch.undo()
    notes = [e.data.get("text") for e in desk.storage.events(case_id) if e.kind == "noted"]
    assert notes == ["已电话联系"]
