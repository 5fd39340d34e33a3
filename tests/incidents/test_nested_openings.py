"""A case opened from ``case_event`` calls nested ``MAX_NESTED_CHANGES`` deep was told to no
plugin, the built-in batch watcher included: counted only when another case was opened
later, the incident it completed was raised then, or never if none came. The batch watcher
cannot loop (what it changes, an incident's own case and the flag on a case, are nothing it
acts on), so it is told of every opening however deep."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.builtin.lifecycle import MAX_NESTED_CHANGES
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.incidents import INCIDENT_CHANNEL
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
#: The chain's last case is opened this deep: told to no third-party plugin.
LINKS = MAX_NESTED_CHANGES + 1
POLICY = f"""
complaintkit: 1
name: incidents
version: "1"
categories: {{product: {{label: Product}}}}
severities: {{minor: {{label: Minor}}}}
priorities: {{normal: {{label: Normal}}}}
teams: {{desk: {{label: Desk, default_owner: chen.jing}}}}
classification:
  - rules: []
    default: {{category: product, severity: minor, priority: normal}}
routing: {{rules: [], default: {{team: desk, owner: chen.jing}}}}
incidents:
  batches:
    - {{key: product, min_cases: {LINKS}, window_hours: 48, opens_case: true}}
"""


def complaint(link: int) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"link-{link}",
        "received_at": (T0 + timedelta(minutes=link)).isoformat(),
        "customer": {"id": f"c-{link}"},
        "product": "SKU-9",
        "text": "the milk had gone off",
        "attributes": {"link": link},
    }


class Chain:
    """Opens the next linked case when one opens: each from the last one's case_event."""

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: Any) -> None:
        link = case.complaint.attributes.get("link")
        if event.kind == "opened" and isinstance(link, int) and link < LINKS:
            context.desk.intake(complaint(link + 1))


def test_a_case_opened_deepest_completes_its_incident_at_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Chain(), name="chain")
    plugins = Plugins(pm)
    desk = Desk(
        load_policy(tmp_path / "policy.yaml", plugins),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        plugins=plugins,
        clock=ManualClock(T0 + timedelta(hours=1)),
    )
    caplog.set_level(logging.WARNING)
    desk.intake(complaint(1))
    cases = [desk.get(case_id) for case_id in desk.storage.case_ids()]
    linked = [c for c in cases if c.complaint.channel != INCIDENT_CHANNEL]
    assert len(linked) == LINKS  # the chain ran to its end
    flagged = [
        c.id for c in linked if any(e.kind == "incident_detected" for e in desk.history(c.id))
    ]
    last = next(c.id for c in linked if c.complaint.attributes["link"] == LINKS)
    assert flagged == [last]
    assert [c.complaint.channel for c in cases].count(INCIDENT_CHANNEL) == 1
    # only the chain's own deepest change is called a loop, never the watcher's
    warned = [r.getMessage() for r in caplog.records if "a loop" in r.getMessage()]
    assert warned
    assert all("'chain'" in line for line in warned)
