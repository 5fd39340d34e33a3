"""An extension whose period ends no later than the clock's (a second one after a longer
was granted, or one shorter than the target) lengthens nothing: it is recorded as such,
not as an ``sla_extended`` event telling of an extension, with a deadline that did not
move, which ``explain`` then listed as granted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sla_helpers import complaint, make_desk

UK = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)


def _document(extend: list[dict[str, str]]) -> dict[str, Any]:
    target = {"within": "15 business days", "ends": "end_of_day", "extend": extend}
    return {
        "calendars": {"uk": UK},
        "sla": {"calendar": "uk", "warnings": [0.8], "targets": [{"resolution": target}]},
    }


@pytest.mark.parametrize(
    ("extend", "signals", "granted"),
    [
        ([{"upon": "holding_reply", "to": "10 business days"}], ["holding_reply"], []),
        ([{"upon": "holding_reply", "by": "0 business days"}], ["holding_reply"], []),
        (
            [
                {"upon": "holding_reply", "to": "35 business days"},
                {"upon": "second_reply", "to": "20 business days"},
            ],
            ["holding_reply", "second_reply"],
            ["holding_reply"],
        ),
    ],
)
def test_an_extension_that_moves_no_deadline_is_not_told_as_one(
    extend: list[dict[str, str]], signals: list[str], granted: list[str]
) -> None:
    desk, clock = make_desk(_document(extend), start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.set(datetime(2026, 3, 10, 10, tzinfo=UTC))
    for signal in signals:
        desk.record_event(case_id, signal, actor="jo")
    state = desk.get(case_id).clocks.metrics["resolution"]
    history = desk.history(case_id)
    extended = [e.data["clock"]["extended"] for e in history if e.kind == "sla_extended"]
    assert len(extended) == len(granted)
    assert [record.extension.upon for record in state.granted] == granted
    void = [e for e in history if e.kind == "sla_not_extended"]
    assert len(void) == len(signals) - len(granted)
    for event in void:
        assert "ends no later" in event.reason
