# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""The notice a batch incident sends its owner and manager is in the complaints' language.

Three 漏水 complaints from one building opened the incident case of the shipped property
policy, whose text the library writes in English: the manager of a Chinese estate got
"Batch incident …: site manager to act now" instead of its Chinese template.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

PROPERTY = (
    Path(__file__).resolve().parents[2] / "policies" / "property" / "property-management.yaml"
)


@pytest.mark.parametrize(
    ("text", "declared", "subject"),
    [
        ("楼上漏水，天花板湿了", None, "批量事件"),
        ("water is leaking through the ceiling", None, "Batch incident"),
        ("water is leaking through the ceiling", "zh-CN", "批量事件"),
        # a text showing no language: its complaint is answered in the policy's
        # notifications.default_language (zh), so is its incident's notice, not English
        ("1201", None, "批量事件"),
        # a tag the policy writes no template in: the complaint is answered in its script
        ("楼上漏水，天花板湿了", "fr", "批量事件"),
        ("water is leaking through the ceiling", "fr", "Batch incident"),
    ],
)
def test_the_incident_notice_reads_in_the_language_of_its_complaints(
    text: str, declared: str | None, subject: str
) -> None:
    clock = ManualClock(datetime(2026, 11, 20, 3, tzinfo=UTC))
    desk = Desk(load_policy(PROPERTY), storage="memory:", clock=clock)
    for n in range(3):
        complaint = {
            "channel": "web",
            "external_id": f"L-{n}",
            "received_at": "2026-11-20T10:00:00+08:00",
            "customer": {"id": f"c{n}", "contact": f"c{n}@example.cn"},
            "text": text,
            "attributes": {"building": "7号楼"},
        }
        if declared:
            complaint["language"] = declared
        desk.intake(complaint)
    notices = [
        d.outgoing.payload
        for d in desk.storage.deliveries("pending")
        if d.outgoing.payload.get("data", {}).get("template") == "incident_opened"
    ]
    # the shipped policy's manager owns incident cases: one notice, not one per role
    assert [(n["role"], n["to"]) for n in notices] == [("owner", "wu.jingli@estate.example")]
    assert all(n["subject"].startswith(subject) for n in notices), notices
