"""A policy version that adds an escalation level falling due before a case's stored next
deadline: the Desk runs the new version, so the level fires when it falls due (at the first
sweep after it), recorded with the instant it fell due, not at the deadline the old version
planned."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.storage.base import Storage

H = timedelta(hours=1)


def _document(*levels: tuple[str, float]) -> dict[str, Any]:
    return {
        "sla": {"warnings": [], "targets": [{"resolution": "48h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "std",
                    "levels": [
                        {
                            "name": name,
                            "trigger": {"sla": "resolution", "elapsed": fraction},
                            "actions": [{"add_tags": [name]}],
                        }
                        for name, fraction in levels
                    ],
                }
            ]
        },
    }


@pytest.mark.xfail(
    strict=True,
    reason="known defect: the tick claims cases by the next deadline the old version "
    "stored (+48h), so a level the new version adds at +2h fires only then",
)
@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_a_level_a_new_version_adds_fires_before_the_stored_deadline(
    store: str, tmp_path: Path
) -> None:
    url: Storage | str = f"sqlite:///{tmp_path}/c.db"
    old, _ = make_desk(_document(("late", 1.0)), storage=url, version="1")
    case_id = old.intake(complaint()).id
    assert old.get(case_id).next_deadline == START + 48 * H
    if store == "memory":
        url = old.storage
    new, clock = make_desk(_document(("early", 2 / 48), ("late", 1.0)), storage=url, version="2")
    clock.set(START + 3 * H)
    new.tick()
    fired = [
        datetime.fromisoformat(e.data["due_at"])
        for e in new.history(case_id)
        if e.kind == "escalated"
    ]
    assert fired == [START + 2 * H]
    assert "early" in new.get(case_id).tags


def test_a_restart_under_the_same_version_writes_nothing_at_the_sweep(tmp_path: Path) -> None:
    """The guard any fix must keep: a Desk restarted on the version that planned the
    stored deadlines finds nothing to fire before them, and records nothing."""
    url = f"sqlite:///{tmp_path}/c.db"
    old, _ = make_desk(_document(("late", 1.0)), storage=url, version="1")
    case_id = old.intake(complaint()).id
    written = len(old.history(case_id))
    again, clock = make_desk(_document(("late", 1.0)), storage=url, version="1")
    clock.set(START + 3 * H)
    assert again.tick().events == 0
    assert len(again.history(case_id)) == written
