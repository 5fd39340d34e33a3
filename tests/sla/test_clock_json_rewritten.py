"""A warning or a breach moves one field of a clock: the engine writes the event's clock
JSON from the JSON of the clock it replaces, that field written again (``ClockState.
rewritten``), when that JSON is known (a stored case's, an earlier event's). It must be
the JSON ``to_json`` writes, key order included: events are hashed and cases stored as text."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState, Cycle, Extended, Extension, Pause
from complaintkit.model.lifecycle import Status
from complaintkit.sla import clock
from complaintkit.testing.strategies import aware_datetimes

H = timedelta(hours=1)
_INSTANTS = aware_datetimes()
_MAYBE = st.none() | _INSTANTS
_SPANS = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)).map(
    lambda span: span // timedelta(microseconds=1) * timedelta(microseconds=1)
)
_LABELS = st.sampled_from(["50%", "80%", "87.5%", "1h before"])

states = st.builds(
    ClockState,
    state=st.sampled_from(["running", "paused", "stopped"]),
    target=st.sampled_from(["24h", "7 business days", "15日"]),
    calendar=st.none() | st.just("support"),
    business=st.booleans(),
    budget=_SPANS,
    started_at=_INSTANTS,
    resumed_at=_INSTANTS,
    elapsed=_SPANS,
    paused_at=_MAYBE,
    pauses=st.lists(st.builds(Pause, _INSTANTS, _MAYBE), max_size=2).map(tuple),
    due_at=_MAYBE,
    thresholds=st.dictionaries(_LABELS, _SPANS, max_size=3),
    warned=st.lists(_LABELS, max_size=2, unique=True).map(tuple),
    breached_at=_MAYBE,
    met_at=_MAYBE,
    stopped_at=_MAYBE,
    outcome=st.sampled_from([None, "met", "breached", "cancelled"]),
    cycle=st.integers(1, 3),
    cycles=st.lists(st.builds(Cycle, st.integers(1, 2), _MAYBE, _MAYBE), max_size=1).map(tuple),
    row=st.none() | st.integers(0, 3),
    start_reason=st.none() | st.text(max_size=8),
    calendar_reason=st.none() | st.text(max_size=8),
    end=st.sampled_from(["exact", "end_of_day"]),
    roll=st.booleans(),
    extensions=st.lists(st.just(Extension("responded", "by", "15日")), max_size=1).map(tuple),
    pause_in=st.none() | st.just((Status.WAITING_ON_CUSTOMER,)),
    holiday_data=st.none() | st.just("holidays 0.109; 2027 provisional"),
    extended=st.lists(
        st.builds(Extended, st.just(Extension("responded", "by", "15日")), _INSTANTS, _SPANS),
        max_size=1,
    ).map(tuple),
    recorded=st.booleans(),
)


def _written(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)  # the keys in their order


@given(state=states, label=_LABELS)
def test_a_warning_rewritten_is_the_json_to_json_writes(state: ClockState, label: str) -> None:
    warned = clock.warn(state, label)
    assert _written(warned.rewritten(state.to_json(), "warned")) == _written(warned.to_json())


@given(state=states, at=_INSTANTS)
def test_a_breach_rewritten_is_the_json_to_json_writes(state: ClockState, at: Any) -> None:
    breached = clock.breach(state, at)
    rewritten = breached.rewritten(state.to_json(), "breached_at")
    assert _written(rewritten) == _written(breached.to_json())


def test_a_sweep_writes_a_stored_clock_again_from_its_stored_json() -> None:
    """The clocks of a stored case keep the JSON they were read from: a warning and a
    breach on them are that JSON with one field written again, as ``to_json`` writes it."""
    document = {
        "calendars": {"office": OFFICE},
        "sla": {
            "calendar": "office",
            "warnings": [0.5],
            "targets": [  # a clock set by row 0 reads as unset there: it is encoded again
                {"when": {"field": "case.priority", "==": "urgent"}, "first_response": "1h"},
                {"first_response": "4h", "resolution": "10h"},
            ],
        },
    }
    desk, _ = make_desk(document)
    case_id = desk.intake(complaint()).id
    engine = desk.sla
    assert engine is not None
    for later, kinds in ((2 * H, {"sla_warning"}), (5 * H, {"sla_breached", "sla_warning"})):
        stored = Case.from_json(json.loads(json.dumps(desk.get(case_id).to_json())))
        known = stored.clocks.written
        drafts = engine.react(stored, (), START + later)
        moved = [draft for draft in drafts if draft.kind.startswith("sla_") and draft.clock]
        assert {draft.kind for draft in moved} == kinds
        for draft in moved:
            assert draft.clock is not None
            written = draft.data["clock"]
            assert _written(written) == _written(draft.clock.to_json())
            # the stored JSON's own values: the clock was not encoded again
            assert written["thresholds"] is known[draft.data["metric"]]["thresholds"]
        desk.tick(START + later)
