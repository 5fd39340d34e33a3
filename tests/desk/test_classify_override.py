"""A plugin's ``classify_complaint`` answer is checked as the policy's own outcome is."""

from __future__ import annotations

import functools
from collections import deque
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.testing.storage_contract import make_complaint

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"


class Answers:
    """A plugin that answers every complaint with ``answer``."""

    def __init__(self, answer: object) -> None:
        self.answer = answer

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
        return self.answer


@functools.cache
def demo_policy() -> Policy:
    """The demo policy, compiled once: every Desk answering here shares it (a frozen value)."""
    return load_policy(DEMO_POLICY)


def desk_answering(answer: object, *, policy: bool = True) -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Answers(answer), name="answers")
    return Desk(demo_policy() if policy else None, plugins=Plugins(pm))


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        (["a"], "mapping"),
        ("delivery", "mapping"),
        ({"category": 5}, "category"),
        ({"category": ""}, "category"),
        ({"severity": "nonexistent"}, "nonexistent"),
        ({"priority": "p9"}, "p9"),
        ({"category": "no-such-category"}, "no-such-category"),
        ({"tags": "abc"}, "tags"),
        ({"tags": [1, 2]}, "tags"),
        ({"categroy": "delivery"}, "categroy"),
    ],
)
def test_a_malformed_answer_refuses_the_complaint_naming_the_field(
    answer: object, named: str
) -> None:
    desk = desk_answering(answer)
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    assert "classify_complaint" in str(refused.value)
    assert named in str(refused.value)
    assert "answers" in str(refused.value)  # which plugin answered
    (outcome,) = desk.intake_many([make_complaint("b")])
    assert isinstance(outcome, InvalidInput)
    assert named in str(outcome)
    assert desk.storage.find_by_key("web", "a") is None


def test_a_well_formed_answer_still_overrides() -> None:
    desk = desk_answering({"category": "delivery", "severity": "critical", "tags": ["食品"]})
    case = desk.intake(make_complaint("a"))
    assert (case.category, case.severity) == ("delivery", "critical")
    assert "食品" in case.tags


def test_without_a_catalog_any_text_id_is_taken() -> None:
    case = desk_answering({"category": "anything"}, policy=False).intake(make_complaint("a"))
    assert case.category == "anything"


def test_none_and_an_empty_mapping_keep_the_policy_outcome() -> None:
    unplugged = Desk(load_policy(DEMO_POLICY)).intake(make_complaint("a"))
    keep: tuple[object, ...] = (None, {})
    for answer in keep:
        case = desk_answering(answer).intake(make_complaint("a"))
        assert (case.category, case.severity) == (unplugged.category, unplugged.severity)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=9), inner),
    max_leaves=6,
)
answers = json_values | st.dictionaries(
    st.sampled_from(["category", "severity", "priority", "tags"]), json_values, max_size=4
)


@settings(max_examples=150, deadline=None)
@given(answer=answers)
def test_any_answer_is_taken_or_refused_and_the_batch_goes_on(answer: object) -> None:
    desk = desk_answering(answer)
    outcomes = desk.intake_many([make_complaint("a"), make_complaint("b")])
    for outcome in outcomes:
        assert isinstance(outcome, Taken | InvalidInput)
        if isinstance(outcome, Taken):
            case = outcome.case
            assert all(isinstance(v, str) and v for v in (case.category, case.severity))
            assert all(isinstance(tag, str) for tag in case.tags)


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        ({"category": "x" * 257}, "category"),
        ({"severity": "s" * 100_000}, "severity"),
        ({"tags": ["t" * 257]}, "tags"),
        ({"tags": [f"t{n}" for n in range(101)]}, "tags"),
    ],
)
def test_an_answer_beyond_what_a_case_holds_is_refused(answer: object, named: str) -> None:
    desk = desk_answering(answer, policy=False)
    with pytest.raises(InvalidInput, match=named):
        desk.intake(make_complaint("a"))
    assert desk.storage.find_by_key("web", "a") is None


class Raises:
    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> object:
        raise self.exc


@pytest.mark.parametrize("exc", [ValueError("model offline"), RecursionError("too deep")])
def test_a_plugin_that_raises_refuses_the_complaint_naming_hook_and_plugin(
    exc: Exception,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Raises(exc), name="answers")
    desk = Desk(load_policy(DEMO_POLICY), plugins=Plugins(pm))
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    assert refused.value.field == "classify_complaint"
    assert "answers" in str(refused.value)
    assert str(exc) in str(refused.value)
    (outcome,) = desk.intake_many([make_complaint("b")])
    assert isinstance(outcome, InvalidInput)
    assert "classify_complaint" in str(outcome)


class Tampers:
    """A plugin that changes the outcome it was shown and answers ``None``."""

    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> None:
        proposed["tags"].extend([None, {"not": "a tag"}])
        proposed["category"] = "tampered"


def test_changing_the_proposed_outcome_in_place_changes_nothing() -> None:
    """``proposed['tags']`` was the very list the case was opened with: a plugin appending
    to it and answering ``None`` gave the case tags no check saw (a dict crashed intake
    with a bare ``TypeError``) and no reason recorded a plugin's hand."""
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Tampers(), name="tampers")
    desk = Desk(load_policy(DEMO_POLICY), plugins=Plugins(pm))
    plain = Desk(load_policy(DEMO_POLICY)).intake(make_complaint("a"))
    case = desk.intake(make_complaint("a"))
    assert (case.category, case.tags) == (plain.category, plain.tags)


# A tuple was taken and a deque refused, though both are sequences of text; a text
# ("vip"), bytes or a set were refused with one sentence for all ("they must be a list…")
# that said neither what was wrong nor what to write; a blank tag, which the policy's own
# rows may not give, was stored.


@pytest.mark.parametrize("tags", [["vip", "食品"], ("vip", "食品"), deque(["vip", "食品"])])
def test_any_sequence_of_text_is_taken_in_its_order(tags: object) -> None:
    case = desk_answering({"tags": tags}, policy=False).intake(make_complaint("a"))
    assert case.tags[:2] == ("vip", "食品")


@pytest.mark.parametrize(
    ("tags", "said"),
    [
        ("vip", "a text, not a list of texts: return ['vip']"),
        (b"vip", "bytes, not a list of texts"),
        ({"vip"}, "a set, whose order changes from run to run: return a list"),
        (frozenset({"vip"}), "a set, whose order changes from run to run: return a list"),
        ([b"vip"], "tags[0] is bytes, not text: decode it"),
        (["vip", 7], "tags[1] is int, not text"),
        (["vip", "  "], "tags[1] is blank"),
        ({"vip": 1}, "a mapping, not a list of texts"),
    ],
)
def test_tags_of_a_wrong_type_are_refused_saying_what_to_return(tags: object, said: str) -> None:
    desk = desk_answering({"tags": tags}, policy=False)
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    assert said in str(refused.value)
    assert "(answered by plugin 'answers')" in str(refused.value)
    assert desk.storage.find_by_key("web", "a") is None


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"category": "产品投诉"}, "'产品投诉' is the label of 'product': return 'product'"),
        ({"severity": "Critical"}, "'Critical' is the label of 'critical': return 'critical'"),
        ({"priority": "紧急"}, "'紧急' is the label of 'urgent': return 'urgent'"),
        ({"category": "delivry"}, "did you mean 'delivery'?"),
    ],
)
def test_an_answer_naming_a_label_or_a_slip_says_which_id_to_return(
    answer: object, said: str
) -> None:
    """A model or a service answers in the SOP's words (产品投诉) or an id's label: the
    refusal listed the ids without saying which one was meant."""
    desk = desk_answering(answer)
    with pytest.raises(InvalidInput) as refused:
        desk.intake(make_complaint("a"))
    assert said in str(refused.value)
    assert "answers" in str(refused.value)
