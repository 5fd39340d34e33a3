"""A ``classify_complaint`` plugin changing the complaint it is handed in place changed
the caller's complaint and the case the Desk returned (not the stored one) when the
complaint came with no attributes: only a complaint with some was copied. Submitted again
(a retry), the caller's complaint then differed from the one stored under its key."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.desk import Desk, Taken
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint


class Scribbling:
    @hookimpl
    def classify_complaint(self, complaint: Complaint, proposed: dict[str, Any]) -> None:
        complaint.attributes["scribbled"] = True  # type: ignore[index]


@pytest.fixture(scope="module", name="desk")
def desk_fixture() -> Desk:
    """One store for every example: each complaint's key is its own."""
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Scribbling(), name="acme-scribbler")
    return Desk(storage="memory:", plugins=Plugins(pm))


KEYS = count()


@settings(max_examples=10, deadline=None)
@given(
    attributes=st.dictionaries(
        st.sampled_from(["sku", "store"]),
        st.text("abcXYZ123-é", min_size=1),
        max_size=2,
    )
)
def test_a_classifier_changing_the_complaint_changes_neither_the_callers_nor_the_case(
    desk: Desk, attributes: dict[str, str]
) -> None:
    complaint = make_complaint(f"m-{next(KEYS)}", attributes=attributes)
    (taken,) = desk.intake_many([complaint])
    assert isinstance(taken, Taken)
    assert dict(complaint.attributes) == attributes
    assert dict(taken.case.complaint.attributes) == attributes
    stored = desk.storage.get(taken.case.id)
    assert stored is not None
    assert dict(stored.complaint.attributes) == attributes
    (again,) = desk.intake_many([complaint])  # the caller's retry: the same complaint
    assert isinstance(again, Taken)
    assert not again.created
