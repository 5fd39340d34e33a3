"""``complaintkit.testing.policies.MINIMAL_POLICY``, the policy a test adds its sections to,
loads and takes any complaint in, as docs/plugins.md says, alone and with a section added."""

from __future__ import annotations

from pathlib import Path

from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

COMPLAINT = {
    "channel": "web",
    "external_id": "M-1",
    "received_at": "2026-12-01T09:00:00+08:00",
    "customer": {"id": "c"},
    "text": "快递丢了",
}


def test_it_takes_every_complaint_in_as_the_docs_say(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(MINIMAL_POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage="memory:")
    case = desk.intake(Complaint.from_json(COMPLAINT))
    assert (case.category, case.severity, case.priority) == ("other", "minor", "normal")
    assert (case.team, case.owner) == ("care", "li.na")


def test_a_section_added_after_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(MINIMAL_POLICY + "sla:\n  targets:\n    - {resolution: 3d}\n", "utf-8")
    desk = Desk(load_policy(path), storage="memory:")
    case = desk.intake(Complaint.from_json(COMPLAINT))
    clock = case.clocks.get("resolution")
    assert clock is not None
    assert clock.target == "3d"
