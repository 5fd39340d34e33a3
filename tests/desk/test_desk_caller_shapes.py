"""A Python caller's value of the wrong shape — no event name, event data, an incident or
compensation facts that are not a mapping, a root cause that is not a ``RootCause`` — is
refused naming the field, as HTTP input is, not a ``TypeError`` or ``AttributeError`` from
inside the Desk; nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.testing.storage_contract import make_complaint


@pytest.fixture(params=["memory:", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    url = request.param if request.param == "memory:" else f"sqlite:///{tmp_path / 'c.db'}"
    return Desk(storage=url)


CALLS: list[tuple[str, Callable[[Desk, str], Any], str]] = [
    ("no name", lambda d, c: d.record_event(c, None, actor="li.na"), "event"),  # type: ignore[arg-type]
    ("name a number", lambda d, c: d.record_event(c, 7, actor="li.na"), "event"),  # type: ignore[arg-type]
    ("data a list", lambda d, c: d.record_event(c, "site_visit", actor="li.na", data=[1]), "data"),  # type: ignore[arg-type]
    ("data text", lambda d, c: d.record_event(c, "site_visit", actor="li.na", data="ab"), "data"),  # type: ignore[arg-type]
    ("no incident", lambda d, c: d.flag_incident(c, None), "incident"),  # type: ignore[arg-type]
    ("incident a list", lambda d, c: d.flag_incident(c, ["batch"]), "incident"),  # type: ignore[arg-type]
    ("no root cause", lambda d, c: d.record_root_cause(c, None, actor="li.na"), "root_cause"),  # type: ignore[arg-type]
    ("root cause a dict", lambda d, c: d.record_root_cause(c, {}, actor="li.na"), "root_cause"),  # type: ignore[arg-type]
    ("facts a list", lambda d, c: d.propose_compensation(c, [1], actor="li.na"), "facts"),  # type: ignore[arg-type]
    ("facts text", lambda d, c: d.propose_compensation(c, "paid", actor="li.na"), "facts"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    ("call", "field"), [(c, f) for _, c, f in CALLS], ids=[n for n, _, _ in CALLS]
)
def test_a_value_of_the_wrong_shape_is_refused_by_name_and_stores_nothing(
    desk: Desk, call: Callable[[Desk, str], Any], field: str
) -> None:
    case = desk.intake(make_complaint("a"))
    before = desk.history(case.id)
    with pytest.raises(InvalidInput) as refused:
        call(desk, case.id)
    assert refused.value.field == field
    assert desk.history(case.id) == before
    assert desk.get(case.id).version == case.version
