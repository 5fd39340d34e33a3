"""A template field misspelt under the wrong part (``{case.nmae}``: the case has no name,
the customer has) is pointed at the part that has it, not at the nearest spelling of the
part written (``{case.id}``, which the earlier hint offered)."""

from __future__ import annotations

import pytest

from complaintkit.notify.templates import Template


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("case.nmae", "customer.name"),
        ("case.name", "customer.name"),
        ("customer.nmae", "customer.name"),
        ("case.catgory", "case.category"),
        ("customer.contcat", "customer.contact"),
        ("case.reason", "event.reason"),
    ],
)
def test_a_misspelt_field_is_pointed_at_the_part_that_has_it(written: str, meant: str) -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(f"Dear {{{written}}}")
    assert str(caught.value) == f"unknown field {{{written}}}; did you mean {{{meant}}}?"
