# ruff: noqa: RUF001 -- full-width letters and punctuation are part of what SOPs write
"""Fuzzing the loader with what an SOP author writes: random policy trees built from the
schema's own keys and the values SOPs hold (24小时, T+1, 80%, 50元, 王芳、张伟, labels for
ids, misspelt paths), with shared subtrees YAML writes as anchors and aliases. Every
tree either loads or is refused with located problems; no other exception escapes, and
``validate`` and ``load_policy`` agree on which."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import checked_policy, load_policy
from complaintkit.policy.schema import shipped_schema

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@functools.cache
def _schema_keys() -> list[str]:
    """Every key the schema names anywhere, the sections' and the rows' alike."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(k for k in node.get("properties", {}) if isinstance(k, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(shipped_schema())
    return sorted(found)


_OPERATORS = ["field", "==", "!=", "<", ">=", "between", "in", "keywords", "fields", "all",
              "any", "not", "contains", "regex", "exists", "history", "规则", "类别", "ｒｕｌｅｓ"]  # fmt: skip
_SOP_TEXT = st.sampled_from(
    ["24小时", "3个工作日", "T+1", "次日", "半小时", "48h内", "80%", "100%", "50元", "¥50",
     "3000 CNY", "RMB", "CNY", "一年", "王芳、张伟", "紧急", "urgent", "critical", "product",
     "产品", "complaint.amount", "complaint.txet", "txet", "case.tags", "customer.tier",
     "2026-02-30", "mon-fri", "09:00-18:00", "9：00～18：00", "Asia/Shanghai", "中国", "CN",
     "apology", "道歉", "voucher", "first", "unique", "唯一", "!= x", "&a", "*a", "<<", "",
     " ", "\u200b", "变质", "late", "quality", "desk", "li.na", "{x}", "%s"]
)  # fmt: skip
_SCALARS = st.one_of(
    _SOP_TEXT,
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=6),
)
_KEYS = st.one_of(st.sampled_from(_schema_keys()), st.sampled_from(_OPERATORS), _SOP_TEXT)


def _trees(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
        max_leaves=12,
    )


@st.composite
def policies(draw: st.DrawFn) -> dict[str, Any]:
    """A policy: some of the schema's sections, each a random tree; one subtree may be
    used twice, which YAML writes as an anchor and an alias."""
    sections = draw(st.lists(st.sampled_from(sorted(shipped_schema()["properties"])), max_size=4))
    data: dict[str, Any] = {"complaintkit": 1}
    if draw(st.booleans()):
        data["extends"] = str(BASE)
    for name in sections:
        data[name] = draw(_trees(_SCALARS))
    twice: bool = draw(st.booleans())
    shared = [v for v in data.values() if isinstance(v, dict | list)]
    if twice and shared:
        data[draw(_KEYS)] = shared[0]  # the same object twice: &id001 and *id001
    return data


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(policies())
def test_a_random_sop_policy_loads_or_is_refused_with_located_problems(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    policy, problems = checked_policy(path)
    errors = [p for p in problems if p.severity == "error"]
    assert (policy is None) == bool(errors)
    assert all(p.message and p.location.file for p in problems)
    if errors:
        with pytest.raises(PolicyError):
            load_policy(path)
    else:
        load_policy(path)
