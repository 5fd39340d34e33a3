"""Every text a person records on a case is held to the complaint's own limit and must be
text: a root cause's whys, impact and improvements, a follow-up comment and a team are
stored, hashed into the chain and shown by every view, as a reply is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import RootCause
from complaintkit.model.complaint import MAX_TEXT_CHARS
from complaintkit.testing.storage_contract import make_complaint

LONG = "x" * (MAX_TEXT_CHARS + 1)
Step = Callable[[Desk, str], Any]
STEPS: dict[str, tuple[Step, str]] = {
    "why": (
        lambda d, c: d.record_root_cause(c, RootCause("people", (LONG,), "systemic"), actor="li"),
        "root_cause.whys",
    ),
    "impact": (
        lambda d, c: d.record_root_cause(
            c, RootCause("people", ("no stock",), "systemic", LONG), actor="li"
        ),
        "root_cause.impact",
    ),
    "improvement": (
        lambda d, c: d.record_root_cause(
            c, RootCause("people", ("no stock",), "systemic", "", (LONG,)), actor="li"
        ),
        "root_cause.improvements",
    ),
    "why not text": (
        lambda d, c: d.record_root_cause(c, RootCause("people", (7,), "systemic"), actor="li"),  # type: ignore[arg-type]
        "root_cause.whys",
    ),
    "impact not text": (
        lambda d, c: d.record_root_cause(
            c,
            RootCause("people", ("no stock",), "systemic", None),  # type: ignore[arg-type]
            actor="li",
        ),
        "root_cause.impact",
    ),
    "whys not a list": (
        lambda d, c: d.record_root_cause(c, RootCause("people", 5, "systemic"), actor="li"),  # type: ignore[arg-type]
        "root_cause.whys",
    ),
    "fishbone not text": (
        lambda d, c: d.record_root_cause(c, RootCause(["people"], ("a",), "systemic"), actor="li"),  # type: ignore[arg-type]
        "root_cause.fishbone",
    ),
    "follow-up comment": (lambda d, c: d.follow_up(c, 4, LONG, actor="li"), "satisfaction.comment"),
    "follow-up comment not text": (
        lambda d, c: d.follow_up(c, 4, 12, actor="li"),  # type: ignore[arg-type]
        "satisfaction.comment",
    ),
    "refusal comment": (
        lambda d, c: d.follow_up_refused(c, LONG, actor="li"),
        "satisfaction.comment",
    ),
    "team": (lambda d, c: d.assign(c, "li", team=LONG, actor="li"), "team"),
    "team not text": (lambda d, c: d.assign(c, "li", team=3, actor="li"), "team"),  # type: ignore[arg-type]
    "blank team": (lambda d, c: d.assign(c, "li", team="  ", actor="li"), "team"),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    desk = Desk(storage=f"sqlite:///{tmp_path_factory.mktemp('limits') / 'cases.db'}")
    yield desk
    desk.storage.close()


@pytest.mark.parametrize("name", sorted(STEPS))
def test_a_text_too_long_or_not_text_is_refused_by_name(desk: Desk, name: str) -> None:
    case = desk.intake(make_complaint(f"LIMIT-{name}"))
    desk.respond(case.id, "looking into it", actor="li")
    desk.resolve(case.id, "refunded", actor="li")
    before = desk.history(case.id)
    step, field = STEPS[name]
    with pytest.raises(InvalidInput) as refused:
        step(desk, case.id)
    assert refused.value.field == field
    assert desk.history(case.id) == before


def test_texts_at_the_limit_are_kept(desk: Desk) -> None:
    case = desk.intake(make_complaint("LIMIT-at"))
    at_limit = "y" * MAX_TEXT_CHARS
    cause = RootCause("process", (at_limit,), "incidental", at_limit, (at_limit,))
    desk.record_root_cause(case.id, cause, actor="li")
    desk.assign(case.id, "li", team="after-sales 售后", actor="li")
    assert desk.get(case.id).root_cause == cause
