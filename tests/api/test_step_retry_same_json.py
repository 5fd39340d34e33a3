"""A step sent again with its ``Idempotency-Key`` is the same request when its body is the
same JSON, however the client wrote it the second time: a retry after a lost answer is
often serialised again (keys in another order, other spaces, ``\\u`` escapes, ``12.8`` for
``12.80``), and refusing it as "another request" left the agent not knowing whether the
step was recorded. A body of another value (another text, another number, another key) is
still another request."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.step_retries import fingerprint
from complaintkit.desk import Desk
from complaintkit.model.jsonvalues import parse_json
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"
HEADERS = {"Authorization": f"Bearer {AGENT}", "Content-Type": "application/json"}


def _texts(most: int) -> st.SearchStrategy[str]:
    """Text a step takes: no NUL, no lone surrogate."""
    alphabet = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
    return st.text(alphabet, max_size=most)


_numbers = st.one_of(
    st.integers(-(2**53), 2**53),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    ),
)
_values = st.recursive(
    st.one_of(st.none(), st.booleans(), _texts(8), _numbers),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_texts(4), inner, max_size=3)
    ),
    max_leaves=12,
)
_objects = st.dictionaries(_texts(4), _values, max_size=4)


def _written(value: Any, rng: random.Random) -> str:
    """``value`` as JSON the way some client might write it: keys shuffled, spaces or
    none, escapes or raw characters, a number with trailing zeros or an exponent."""
    space = rng.choice(["", " ", "\n  "])
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        items = [f"{_written(k, rng)}:{space}{_written(value[k], rng)}" for k in keys]
        return "{" + f",{space}".join(items) + "}"
    if isinstance(value, list):
        return "[" + f",{space}".join(_written(v, rng) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=rng.choice([True, False]))
    number = Decimal(value)
    return rng.choice([f"{number}", f"{number:.6f}", f"{number:E}"]) if number else "0"


@given(_objects, st.randoms(use_true_random=False))
def test_the_same_json_written_otherwise_is_the_same_request(
    value: dict[str, Any], rng: random.Random
) -> None:
    first = parse_json(_written(value, rng).encode())
    again = parse_json(_written(value, rng).encode())
    assert fingerprint("/cases/CK-1/note", first) == fingerprint("/cases/CK-1/note", again)


def _same(one: Any, other: Any) -> bool:
    """Whether two generated values are one JSON value: numbers by their value, a boolean
    never a number."""
    if isinstance(one, bool) or isinstance(other, bool):
        return type(one) is type(other) and one == other
    if isinstance(one, int | Decimal) and isinstance(other, int | Decimal):
        return Decimal(one) == Decimal(other)
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_same(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_same, one, other))
    return type(one) is type(other) and one == other


@given(_objects, _objects, st.randoms(use_true_random=False))
def test_two_values_are_two_requests(
    one: dict[str, Any], other: dict[str, Any], rng: random.Random
) -> None:
    first, second = (parse_json(_written(v, rng).encode()) for v in (one, other))
    assert (fingerprint("/p", first) == fingerprint("/p", second)) == _same(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ('{"text": "1"}', '{"text": 1}'),
        ('{"text": "12.80"}', '{"text": "12.8"}'),
        ('{"n": 1.5}', '{"n": 1.50001}'),
        ('{"n": 123456789012345678901234567890}', '{"n": 123456789012345678901234567891}'),
        ('{"n": true}', '{"n": 1}'),
        ('{"n": null}', '{"n": "null"}'),
        ('{"a": [1, 2]}', '{"a": [2, 1]}'),
        ('{"a": {"b": 1}}', '{"a.b": 1}'),
    ],
)
def test_what_reads_otherwise_is_another_request(one: str, other: str) -> None:
    assert fingerprint("/p", parse_json(one)) != fingerprint("/p", parse_json(other))
    assert fingerprint("/p", parse_json(one)) != fingerprint("/q", parse_json(one))


POLICY = """\
complaintkit: 1
name: retries
version: "1"
categories: {goods: {label: Goods}}
severities: {normal: {label: Normal}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: goods, severity: normal, priority: normal}}
routing: {rules: [], default: {team: desk}}
compensation:
  currency: CNY
  rules: [{id: refund, remedies: [{kind: refund, amount: {percent: 100, of: price}}]}]
"""


@pytest.fixture(name="served")
def served_fixture(tmp_path: Path) -> Iterator[tuple[httpx.Client, Desk]]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(tmp_path / "policy.yaml", storage=f"sqlite:///{tmp_path / 'c.db'}")
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=HEADERS) as client:
        yield client, desk


def test_a_retry_serialised_again_is_answered_as_the_first(
    served: tuple[httpx.Client, Desk],
) -> None:
    """The compensation step sent as a hand-written body, then retried by a client that
    read it into floats and wrote it back: one proposal, the first answer again."""
    client, desk = served
    case_id = desk.intake(make_complaint("RESERIALISED")).id
    key = {"Idempotency-Key": "price-1"}
    first = '{"facts": {"price": {"amount": 12.80, "currency": "CNY"}, "note": "\u6f0f\u6c34"}}'
    again = json.dumps(json.loads(first), ensure_ascii=True, indent=2, sort_keys=True)
    assert again != first
    assert "12.8," in again
    sent = client.post(f"/cases/{case_id}/compensation", content=first.encode(), headers=key)
    retried = client.post(f"/cases/{case_id}/compensation", content=again.encode(), headers=key)
    assert sent.status_code == retried.status_code == 200, retried.text
    assert retried.json() == sent.json()
    assert retried.headers["Idempotent-Replayed"] == "true"
    (proposal,) = desk.get(case_id).compensation
    assert proposal["decision"]["inputs"]["price"] == {"amount": "12.80", "currency": "CNY"}
    other = client.post(
        f"/cases/{case_id}/compensation", content=first.replace("12.80", "12.81"), headers=key
    )
    assert other.status_code == 409
    assert other.json()["field"] == "Idempotency-Key"
    assert len(desk.get(case_id).compensation) == 1
