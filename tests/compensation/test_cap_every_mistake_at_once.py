"""A per-customer cap with several independent mistakes (its window, its kinds, its limit)
names each of them in one run of ``complaintkit validate``, not one per run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.caps import compile_caps
from complaintkit.compensation.formulas import FormulaCompiler

BAD_DAYS = [0, -1, "90", 1.5, True]
BAD_KINDS = [["cashh"], [], "voucher", ["apology"]]
BAD_LIMITS = [-2000, "lots", {"amount": 10, "currency": "USD"}, 100.005]
GOOD = {"limit": 500, "days": 90, "kinds": ["voucher", "cash"]}


@given(
    days=st.none() | st.sampled_from(BAD_DAYS),
    kinds=st.none() | st.sampled_from(BAD_KINDS),
    limit=st.none() | st.sampled_from(BAD_LIMITS),
)
def test_each_mistake_of_a_cap_is_named(days: object, kinds: object, limit: object) -> None:
    given = {"days": days, "kinds": kinds, "limit": limit}
    wrong = {key: value for key, value in given.items() if value is not None}
    compiler = FormulaCompiler("CNY")
    caps = compile_caps([GOOD | wrong], "compensation.caps", compiler)
    named = {
        p.location.path.removeprefix("compensation.caps[0].").split(".")[0]
        for p in compiler.problems
    }
    assert set(wrong) <= named, compiler.problems
    assert (caps == []) == bool(wrong)
