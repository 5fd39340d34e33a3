"""``Customer.from_json`` builds a customer as it nearly always comes (a dict of known keys
with an id) without ``__init__``: it must take and refuse exactly what ``Customer(**data)``
takes and refuses, naming the same field with the same reason."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Customer

_VALUES = st.one_of(
    st.none(),
    st.integers(),
    st.sampled_from(["C1", " ", "", "gold", "a@b.cn", "a@b.cn, c@d.cn", "x" * 300, "\u200bC1"]),
    st.text(max_size=20),
)
_CUSTOMERS = st.dictionaries(
    st.sampled_from(["id", "name", "contact", "tier", "region"]), _VALUES, max_size=5
)


def _outcome(build: Any) -> Any:
    try:
        return build()
    except InvalidInput as refused:
        return (refused.field, refused.message)
    except TypeError:  # no id: Customer(**data) misses its argument
        return "no id"


@given(_CUSTOMERS)
def test_from_json_takes_and_refuses_what_the_class_does(data: dict[str, Any]) -> None:
    built = _outcome(lambda: Customer(**data))
    read = _outcome(lambda: Customer.from_json(data, "customer"))
    if built == "no id":
        assert read == ("customer.id", "is required")
    elif isinstance(built, tuple):
        assert read == (f"customer.{built[0]}", built[1])
    else:
        assert read == built


def test_an_unknown_key_is_still_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        Customer.from_json({"id": "C1", "tierr": "gold"}, "customer")
    assert refused.value.field == "customer.tierr"
