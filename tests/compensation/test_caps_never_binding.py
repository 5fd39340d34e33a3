"""A per-customer cap another cap always holds tighter is a warning at its limit.

``caps: [{limit: 500, days: 90, kinds: [voucher, cash]}, {limit: 300, days: 90, kinds:
[cash, voucher]}]`` (the 500 kept when the 300 was added) was valid with no word: the 300 is
reached first, so the 500 never limits anything, and an author reading the file believes
customers may be given 500.
"""

from __future__ import annotations

import pytest

from complaintkit.compensation.policy import check_section
from complaintkit.errors import Location, Problem


def section(*caps: dict[str, object]) -> dict[str, object]:
    row = {"id": "r", "remedies": [{"kind": "voucher", "amount": 10}]}
    return {"currency": "CNY", "rules": [row], "caps": list(caps)}


def locate(path: str) -> Location:
    return Location("policy.yaml", 7, 3, path)


def never_binding(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code == "cap-never-binding"]


def test_the_larger_of_two_caps_on_one_window_and_kinds_is_a_warning() -> None:
    problems = check_section(
        section(
            {"limit": 500, "days": 90, "kinds": ["voucher", "cash"]},
            {"limit": 300, "days": 90, "kinds": ["cash", "voucher"]},
        ),
        locate=locate,
    )
    (found,) = never_binding(problems)
    assert found.severity == "warning"
    assert found.location.path == "compensation.caps[0].limit"
    assert "caps[1]" in found.message
    assert "300.00" in found.message
    assert "500.00" in found.message


def test_the_same_cap_written_twice_is_a_warning_at_the_second() -> None:
    cap: dict[str, object] = {"limit": 300, "days": 90}
    (found,) = never_binding(check_section(section(cap, dict(cap)), locate=locate))
    assert found.location.path == "compensation.caps[1].limit"


def test_a_cap_over_a_longer_window_and_more_kinds_holds_a_larger_one_tighter() -> None:
    problems = check_section(
        section(
            {"limit": 500, "days": 30, "kinds": ["voucher"]},
            {"limit": 300, "days": 90, "kinds": ["voucher", "cash"]},
        ),
        locate=locate,
    )
    (found,) = never_binding(problems)
    assert found.location.path == "compensation.caps[0].limit"


@pytest.mark.parametrize(
    "caps",
    [
        # a shorter window: the larger limit over the longer one binds on its own
        [{"limit": 100, "days": 30}, {"limit": 300, "days": 365}],
        # other kinds: each counts money the other does not
        [
            {"limit": 100, "days": 90, "kinds": ["voucher"]},
            {"limit": 300, "days": 90, "kinds": ["cash"]},
        ],
        # another currency: neither weighs the other's money
        [{"limit": 100, "days": 90}, {"limit": {"amount": 300, "currency": "USD"}, "days": 90}],
    ],
)
def test_caps_each_of_which_may_bind_are_fine(caps: list[dict[str, object]]) -> None:
    assert never_binding(check_section(section(*caps), locate=locate)) == []
