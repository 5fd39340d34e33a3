import attrs

from complaintkit.desk import Desk
from complaintkit.model.audit import verify_chain
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
