"""A bare number with a point before three digits (``1.000``) compared with a fact in a
policy whose currency has no minor unit (JPY, VND). ``complaint.amount >= 1.000`` is
refused at load (``amount-grouping``); the same threshold on a fact supplied as money
(``loss: {amount: "500", currency: JPY}``) was read as 1 JPY, so a 500 yen loss met it and
the voucher was paid. A fact is known to be money only when it arrives, so the test cannot
decide it then: unmet both ways (``not`` of it too), and the trace names both readings. A
plain-number fact (a ratio) is still compared as written."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.case_record import case_record
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

BASE = (Path(__file__).parents[2] / "docs" / "policy" / "base.yaml").as_posix()


def _policy(tmp_path: Path, currency: str, when: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: {currency}\n"
        f"  rules:\n    - id: a\n      when: {when}\n"
        "      remedies: [{kind: voucher, amount: 500}]\n"
        "  default: {remedies: [apology]}\n",
        "utf-8",
    )
    return path


def _decided(path: Path, facts: Mapping[str, object], currency: str) -> tuple[list[str], str]:
    section = load_policy(path).compensation
    assert section is not None
    decision = section.decide(make_case("1000", currency), facts, now=NOW)
    return [remedy.kind for remedy in decision.remedies], decision.explain()


@pytest.mark.parametrize("written", ["1.000", "'1.000'"])
@pytest.mark.parametrize(("currency", "loss"), [("JPY", "500"), ("VND", "150000")])
def test_a_money_fact_against_a_point_grouped_threshold_is_undecided(
    tmp_path: Path, written: str, currency: str, loss: str
) -> None:
    facts = {"loss": {"amount": loss, "currency": currency}}
    met = _policy(tmp_path, currency, f"{{field: loss, '>=': {written}}}")
    kinds, why = _decided(met, facts, currency)
    assert kinds == ["apology"]
    assert f"'1.000' is ambiguous in {currency}" in why
    assert "'1000'" in why
    unmet = _policy(tmp_path, currency, f"{{not: {{field: loss, '>=': {written}}}}}")
    assert _decided(unmet, facts, currency)[0] == ["apology"]


@given(
    whole=st.integers(min_value=1, max_value=999),
    places=st.integers(min_value=0, max_value=999),
    loss=st.integers(min_value=0, max_value=10**7),
    operator=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
)
def test_no_money_fact_is_decided_by_such_a_threshold(
    tmp_path_factory: pytest.TempPathFactory, whole: int, places: int, loss: int, operator: str
) -> None:
    written = f"{whole}.{places:03d}"
    path = _policy(tmp_path_factory.mktemp("p"), "JPY", f"{{field: loss, '{operator}': {written}}}")
    negated = path.with_name("n.yaml")
    negated.write_text(
        path.read_text("utf-8").replace(
            f"{{field: loss, '{operator}': {written}}}",
            f"{{not: {{field: loss, '{operator}': {written}}}}}",
        ),
        "utf-8",
    )
    facts = {"loss": {"amount": str(loss), "currency": "JPY"}}
    assert _decided(path, facts, "JPY")[0] == ["apology"]
    assert _decided(negated, facts, "JPY")[0] == ["apology"]


def test_a_plain_number_fact_is_compared_as_written(tmp_path: Path) -> None:
    path = _policy(tmp_path, "JPY", "{field: ratio, '>=': 1.100}")
    assert _decided(path, {"ratio": "1.2"}, "JPY")[0] == ["voucher"]
    assert _decided(path, {"ratio": 1}, "JPY")[0] == ["apology"]


def test_where_the_currency_has_a_minor_unit_it_is_read_as_written(tmp_path: Path) -> None:
    path = _policy(tmp_path, "CNY", "{field: loss, '>=': 1.000}")
    assert _decided(path, {"loss": {"amount": "1.00", "currency": "CNY"}}, "CNY")[0] == ["voucher"]


def test_the_condition_alone_agrees(tmp_path: Path) -> None:
    """The condition as compiled on its own (not into the section's rows) is undecided too."""
    facts = Facts(
        case_record(make_case("1000", "JPY"), {"loss": {"amount": "500", "currency": "JPY"}})
    )
    test = {"field": "loss", ">=": "1.000"}
    assert not compile_condition(test, currency="JPY")(facts)
    assert not compile_condition({"not": test}, currency="JPY")(facts)
    assert compile_condition({"field": "ratio", ">=": "1.000"}, currency="JPY")(
        Facts({"ratio": Decimal("1.5")})
    )
