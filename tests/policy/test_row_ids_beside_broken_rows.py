"""Two rows of one id are named even when one of them, or another row, has a mistake of its
own (a condition that cannot compile, an unknown key): fixing that row must not reveal a
second error that one run of ``validate`` could have named."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.tables import check_table

#: A row's own mistakes, each reported at the row (none about its id).
BROKEN = [
    {"when": {"field": "complaint.amount", "in": []}},
    {"when": {"field": "complaint.amonut", "==": 5}},
    {"when": {"field": "complaint.text", "regex": "(a"}},
    {"then": "product"},
    {"thne": {"tags": ["x"]}},
    {"priority": "high"},
]


@given(
    first=st.none() | st.sampled_from(BROKEN),
    second=st.none() | st.sampled_from(BROKEN),
    hit_policy=st.sampled_from(["first", "unique", "priority", "collect", "frist"]),
)
def test_a_duplicate_row_id_is_named_beside_any_broken_row(
    first: dict[str, object] | None, second: dict[str, object] | None, hit_policy: str
) -> None:
    rows = [
        {"id": "g", "when": {"field": "complaint.amount", ">": 1}, **(first or {})},
        {"id": "other", "when": {"field": "complaint.amount", "<": 0}},
        {"id": "g", "when": {"field": "complaint.amount", "==": 7}, **(second or {})},
    ]
    problems = check_table({"hit_policy": hit_policy, "rules": rows, "default": {}}, "t")
    duplicates = [p.location.path for p in problems if p.code == "duplicate-id"]
    assert duplicates == ["t.rules[2].id"]
