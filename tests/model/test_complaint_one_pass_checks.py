"""The one-pass checks on the intake path decide exactly as the full checks they stand for.

Free attributes that are a few ASCII names of plain values (``jsonvalues.named_scalars``)
and ids that are ASCII beginning with a letter or digit (``complaint._checked_key``) are
passed in one test each, for speed; anything else takes the full checks. Whatever the
input, the answer — the value kept, or the field and reason of the refusal — must be the
one the full checks give.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model import complaint, jsonvalues
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.jsonvalues import named_scalars
from complaintkit.model.rounded_number import not_rounded

#: Characters that make a name or a value differ: ASCII, spaces, NUL, a lone surrogate,
#: invisible format characters, a combining mark, wide and Chinese letters.
_CHARS = st.sampled_from(
    [
        *"aZ09 _-.E+,;@\t\r\n",
        *("\x00", "\ud800", "\u200b", "\ufeff", "\u0301", "\u00a0", "\u3000", "投", "诉", "\uff21"),
    ]
)
_TEXTS = st.text(_CHARS, max_size=8) | st.text(max_size=8)
_VALUES: st.SearchStrategy[Any] = (
    _TEXTS
    | st.integers(min_value=-(10**4300), max_value=10**4300)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=True)
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
)


def _outcome(build: Any, *args: Any) -> tuple[str, Any]:
    try:
        return ("kept", build(*args))
    except InvalidInput as exc:
        return ("refused", (exc.field, exc.message))


def _checked_in_full(value: object, field: str) -> str:
    """An id through the four checks ``_checked_key`` stands for, one after another."""
    text = complaint.checked_text(value, field, complaint.MAX_ID_CHARS)
    complaint._visible(text, field)
    complaint._no_control(text, field)
    not_rounded(text, field)
    return text


@settings(max_examples=400)
@given(st.dictionaries(_TEXTS, _VALUES, max_size=5))
def test_attributes_kept_or_refused_as_the_full_walk_decides(attributes: dict[str, Any]) -> None:
    # a read-only mapping is no dict: it takes the full walk
    full = _outcome(complaint._attributes, MappingProxyType(attributes))
    assert _outcome(complaint._attributes, attributes) == full


@given(st.dictionaries(_TEXTS, _VALUES, max_size=5))
def test_one_pass_keeps_only_what_the_full_walk_keeps_unchanged(attributes: dict[str, Any]) -> None:
    named = named_scalars(attributes, 10, 100)
    if named is not None:
        assert named == attributes
        assert named is not attributes
        assert _outcome(complaint._attributes, MappingProxyType(attributes)) == ("kept", named)


def test_attribute_limits_hold_in_one_pass() -> None:
    assert named_scalars({"a": "x" * 99}, 10, 100) == {"a": "x" * 99}
    assert named_scalars({"a": "x" * 100}, 10, 100) is None  # 101 characters with the name
    assert named_scalars({f"k{i}": i for i in range(11)}, 10, 100) is None
    assert named_scalars({"a": 10**4300}, 10, 100) is None


@given(st.lists(_TEXTS, min_size=1, max_size=6), st.integers(min_value=0, max_value=3))
def test_names_passed_before_decide_as_names_never_seen(names: list[str], kept: int) -> None:
    # the names passed are remembered (a few): a name is kept or refused the same whether
    # it was seen before, never seen, or seen once the memory was full
    remembered: set[str] = set()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonvalues, "_PLAIN_NAMES", remembered)
        patch.setattr(jsonvalues, "_PLAIN_NAMES_KEPT", kept)
        for name in [*names, *names]:
            full = _outcome(complaint._attributes, MappingProxyType({name: 1}))
            assert _outcome(complaint._attributes, {name: 1}) == full
            assert len(remembered) <= kept
    assert remembered <= {name for name in names if name.isascii() and name[:1].isalnum()}


@settings(max_examples=400)
@given(_TEXTS | st.text(st.sampled_from("1.23457E+17 "), max_size=12) | st.integers())
def test_an_id_is_kept_or_refused_as_the_full_checks_decide(value: Any) -> None:
    assert _outcome(complaint._checked_key, value, "id") == _outcome(_checked_in_full, value, "id")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1.23457E+17", "Excel"),
        ("U1 ", "white space"),
        ("U1\u200b", "invisible"),
        ("x" * 257, "limit"),
    ],
)
def test_ids_the_one_pass_leaves_to_the_full_checks_are_still_refused(value: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why) as refused:
        Customer(value)
    assert refused.value.field == "id"


@pytest.mark.parametrize("separator", [",", ";", "\r", "\n"])
def test_a_contact_with_a_second_address_is_refused_whatever_separates_them(
    separator: str,
) -> None:
    contact = f"a@example.com{separator}b@example.com"
    with pytest.raises(InvalidInput, match="exactly one address") as refused:
        Complaint.from_json(
            {
                "channel": "web",
                "external_id": "W-1",
                "received_at": "2026-12-01T09:00:00+08:00",
                "customer": {"id": "U1", "contact": contact},
                "text": "送餐太慢",
            }
        )
    assert refused.value.field == "customer.contact"


#: Complaint fields with values of every kind (and keys no field has): what ``from_json``
#: builds without ``__init__`` must be what ``__init__`` builds, or refused as it refuses.
_COMPLAINT_VALUES: st.SearchStrategy[Any] = _VALUES | st.just("2026-11-23T09:00:00+08:00")
_COMPLAINTS = st.fixed_dictionaries(
    {
        "channel": st.just("web") | _TEXTS,
        "external_id": st.just("A1") | _TEXTS,
        "received_at": st.just("2026-11-23T09:00:00+08:00"),
        "customer": st.just({"id": "C1"}),
        "text": st.just("parcel late") | _TEXTS,
    },
    optional={
        "subject": _COMPLAINT_VALUES,
        "product": _COMPLAINT_VALUES,
        "order_id": _COMPLAINT_VALUES,
        "language": _COMPLAINT_VALUES,
        "amount": st.just({"amount": "12.50", "currency": "CNY"}) | _VALUES,
        "attributes": st.dictionaries(_TEXTS, _VALUES, max_size=3) | _VALUES,
        "history": st.just({"status": "closed"}) | _VALUES,
        "lang": _VALUES,  # no field: refused by name
    },
)


def _as_json(built: Any) -> Any:
    return built.to_json() if isinstance(built, Complaint) else built


@settings(max_examples=500, deadline=None)  # two builds an example, in a loaded suite
@given(_COMPLAINTS, st.sampled_from(["", "complaints[3]"]))
def test_from_json_builds_what_init_builds(data: dict[str, Any], field: str) -> None:
    """The complaint ``from_json`` assembles (``complaint._assembled``) against the one
    ``__init__`` builds from the same parsed values: equal, or refused naming the same
    field for the same reason."""
    assembled = _outcome(Complaint.from_json, data, field)
    with patch.object(complaint, "_assembled", lambda values: Complaint(**values)):
        initialised = _outcome(Complaint.from_json, data, field)
    assert (assembled[0], _as_json(assembled[1])) == (initialised[0], _as_json(initialised[1]))
