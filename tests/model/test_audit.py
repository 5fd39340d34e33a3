from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.audit import verify_chain
from complaintkit.model.canonical import canonical_json
from complaintkit.model.events import CaseEvent
from complaintkit.testing.storage_contract import make_complaint


def history() -> tuple[str, list]:  # type: ignore[type-arg]
    desk = Desk()
    case = desk.intake(make_complaint("a"))
    desk.respond(case.id, "收到", actor="li.na")
    desk.note(case.id, "called the customer", actor="li.na")
    return case.id, desk.history(case.id)


def test_untouched_history_verifies() -> None:
    case_id, events = history()
    assert verify_chain(case_id, events) is None


def test_edited_event_is_found() -> None:
    case_id, events = history()
    events[2] = attrs.evolve(events[2], actor="someone.else")
    problem = verify_chain(case_id, events)
    assert problem is not None
    assert (problem.seq, problem.problem) == (3, "content was altered after it was recorded")


def test_deleted_event_is_found() -> None:
    case_id, events = history()
    del events[1]
    problem = verify_chain(case_id, events)
    assert problem is not None
    assert problem.seq == 2


def _encoded(event: CaseEvent) -> str:
    """The text a hash covers, by definition: every field but the hash, sorted compact JSON."""
    body = event.to_json()
    body.pop("hash")
    return canonical_json(body)


def test_hashed_text_is_the_sorted_json_of_every_field_but_the_hash() -> None:
    _, events = history()
    for event in events:
        assert event._canonical() == _encoded(event)
        assert event.compute_hash() == event.hash


def test_fields_of_another_type_are_hashed_as_their_json() -> None:
    """A damaged stored event (null reason, text seq) hashes as the JSON it holds."""
    _, events = history()
    for damage in ({"reason": None}, {"seq": "2"}, {"actor": 7}, {"seq": True}):
        event = attrs.evolve(events[1], **damage)
        assert event._canonical() == _encoded(event)
        assert event.compute_hash() != events[1].hash


def test_an_event_holding_a_value_json_cannot_write_is_refused_naming_it() -> None:
    """A plugin's draft holding a Decimal or a date: InvalidInput naming the path, not the
    encoder's TypeError from deep in storage."""
    for value in (Decimal("1.5"), date(2026, 1, 1), {1: object()}):
        with pytest.raises(InvalidInput) as refused:
            CaseEvent.chained(
                case_id="CK-1",
                seq=2,
                kind="site_visit",
                at=datetime(2026, 11, 23, tzinfo=UTC),
                actor="li.na",
                reason="",
                data={"found": {"amount": value}},
                prev_hash="0" * 64,
            )
        assert refused.value.field.startswith("site_visit.found.amount")
