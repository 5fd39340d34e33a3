"""Text a person gives the Desk — a reply, a note, a reason, their own name — is stored, or
refused by name when no backend can store or hash it (a NUL, a lone surrogate): never an
encoder's traceback, and a refusal leaves the case as it was."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError, InvalidInput
from complaintkit.model.case import RootCause
from complaintkit.testing.storage_contract import make_complaint

Step = Callable[[Desk, str, str, str], Any]
STEPS: dict[str, Step] = {
    "respond": lambda d, c, a, b: d.respond(c, a, actor=b),
    "update": lambda d, c, a, b: d.update(c, a, actor=b),
    "note": lambda d, c, a, b: d.note(c, a, actor=b),
    "assign": lambda d, c, a, b: d.assign(c, a, actor=b, reason=b),
    "transition": lambda d, c, a, b: d.transition(c, a, actor=b),
    "resolve": lambda d, c, a, b: d.resolve(c, a, actor=b),
    "root cause": lambda d, c, a, b: d.record_root_cause(
        c, RootCause("people", (a,), "systemic"), actor=b
    ),
    "follow-up": lambda d, c, a, b: d.follow_up(c, 4, a, actor=b),
    "event": lambda d, c, a, b: d.record_event(c, a, actor="li.na", reason=b, data={a: b}),
    "close": lambda d, c, a, b: d.close(c, actor=a, reason=b),
}
texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=12) | st.sampled_from(
    ["", " ", "li.na", "investigating", "已安排", "a\x00b", "\ud800", "\\u0000", "x" * 300]
)

#: Each example's complaint its own number (counting the stored cases read them all).
NUMBERS = itertools.count()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    desk = Desk(storage=f"sqlite:///{tmp_path_factory.mktemp('text') / 'cases.db'}")
    yield desk
    desk.storage.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(step=st.sampled_from(sorted(STEPS)), a=texts, b=texts)
def test_any_text_is_stored_or_refused_by_name(desk: Desk, step: str, a: str, b: str) -> None:
    case = desk.intake(make_complaint(f"TX{next(NUMBERS)}"))
    before = desk.history(case.id)
    try:
        STEPS[step](desk, case.id, a, b)
    except ComplaintkitError:
        assert desk.history(case.id) == before
    else:  # every step stores both texts it was given
        assert storable(a)
        assert storable(b)
    desk.get(case.id)


def storable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


@pytest.mark.parametrize(
    ("text", "named"), [("\ud800", "message"), ("a\x00b", "message")], ids=["surrogate", "NUL"]
)
def test_a_reply_no_backend_stores_is_refused_naming_it(desk: Desk, text: str, named: str) -> None:
    case = desk.intake(make_complaint(f"TX-reply-{named}-{len(text)}"))
    before = desk.history(case.id)
    with pytest.raises(InvalidInput) as refused:
        desk.respond(case.id, text, actor="li.na")
    assert named in refused.value.field
    with pytest.raises(InvalidInput, match="lone surrogate") as refused:
        desk.note(case.id, "fine", actor="li\ud800na")
    assert refused.value.field == "actor"
    assert desk.history(case.id) == before
