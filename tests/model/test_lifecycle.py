import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.desk import Desk
from complaintkit.errors import IllegalTransition
from complaintkit.model.case import Case
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import TERMINAL, TRANSITIONS, Status
from complaintkit.testing.storage_contract import make_complaint


def test_every_state_has_an_entry_and_terminal_states_lead_only_to_reopen() -> None:
    assert set(TRANSITIONS) == set(Status)
    for state in TERMINAL:
        assert TRANSITIONS[state] <= {Status.REOPENED}


def test_illegal_transition_names_case_states_and_allowed_moves() -> None:
    desk = Desk()
    case = desk.intake(make_complaint("a"))
    with pytest.raises(IllegalTransition) as error:
        desk.transition(case.id, "closed", actor="li.na")
    message = str(error.value)
    assert case.id in message
    assert "'received' to 'closed'" in message
    assert "acknowledged, investigating, rejected, withdrawn" in message


@given(st.lists(st.sampled_from(list(Status)), max_size=25))
def test_random_walks_stay_legal_and_replay_to_the_same_case(targets: list[Status]) -> None:
    desk = Desk()
    case = desk.intake(make_complaint("walk"))

    def move(target: Status) -> Case:  # only resolve resolves: it says how
        if target is Status.RESOLVED:
            return desk.resolve(case.id, "已处理", actor="walker")
        return desk.transition(case.id, target, actor="walker", reason="走一步")

    for target in targets:
        before = desk.get(case.id)
        if target in TRANSITIONS[before.status]:
            case = move(target)
            assert case.status is target
        else:
            with pytest.raises(IllegalTransition):
                move(target)
            assert desk.get(case.id).to_json() == before.to_json()
    history = desk.history(case.id)
    for previous, event in itertools.pairwise(history):
        if event.kind == "transitioned":
            assert Status(event.data["to"]) in TRANSITIONS[Status(event.data["from"])]
        assert event.prev_hash == previous.hash
    assert replay(history).to_json() == desk.get(case.id).to_json()


def test_case_json_round_trip_after_a_full_lifecycle() -> None:
    desk = Desk()
    case = desk.intake(make_complaint("a"))
    desk.respond(case.id, "收到", actor="li.na")
    desk.resolve(case.id, "退款", actor="li.na")
    case = desk.follow_up(case.id, 5, "满意", actor="li.na")
    data = json.loads(json.dumps(case.to_json()))
    assert Case.from_json(data).to_json() == case.to_json()
