"""Validation of the compensation section: gaps, unique overlaps, caps, currencies."""

from __future__ import annotations

from decimal import localcontext
from pathlib import Path

import pytest

from complaintkit.compensation.policy import check_section, compile_section
from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.model.money import Money
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def section(*rules: dict[str, object], **extra: object) -> dict[str, object]:
    return {"currency": "CNY", "rules": list(rules), **extra}


def row(rid: str, when: dict[str, object] | None, amount: object = 10) -> dict[str, object]:
    out: dict[str, object] = {"id": rid, "remedies": [{"kind": "voucher", "amount": amount}]}
    if when is not None:
        out["when"] = when
    return out


def cat(name: str) -> dict[str, object]:
    return {"field": "case.category", "==": name}


def locate(path: str) -> Location:
    return Location("policy.yaml", 7, 3, path)


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in problems]


def test_a_category_and_severity_no_row_covers_is_a_warning_with_location() -> None:
    problems = check_section(
        section(row("product", cat("product"))),
        locate=locate,
        categories=["product", "service"],
        severities=["low"],
    )
    assert codes(problems) == [("warning", "compensation-gap")]
    assert "category 'service' x severity 'low'" in problems[0].message
    assert str(problems[0].location).startswith("policy.yaml:7:3")


def test_a_default_covers_every_gap() -> None:
    data = section(row("product", cat("product")), default={"remedies": ["apology"]})
    assert check_section(data, categories=["product", "service"]) == []


def test_rows_on_other_facts_may_cover_a_combination_so_no_gap_is_reported() -> None:
    data = section(row("gold", {"field": "customer.tier", "==": "gold"}))
    assert check_section(data, categories=["product"], severities=["high"]) == []


def test_rows_overlapping_under_unique_are_an_error() -> None:
    data = section(
        row("product", cat("product")),
        row("high", {"field": "case.severity", "==": "high"}),
        hit_policy="unique",
    )
    problems = check_section(data, categories=["product"], severities=["high", "low"])
    assert ("error", "unique-overlap") in codes(problems)
    with pytest.raises(PolicyError, match=r"'product' \(.*\) and 'high' \(.*\) can both match"):
        compile_section(data, categories=["product"], severities=["high", "low"])


def test_exclusive_rows_under_unique_compile() -> None:
    data = section(row("p", cat("product")), row("s", cat("service")), hit_policy="unique")
    assert compile_section(data, categories=["product", "service"]).table.hit_policy == "unique"


def test_a_cap_below_the_floor_is_an_error() -> None:
    data = section(row("r", None, {"multiple": 2, "of": "price", "floor": 500, "cap": 100}))
    assert ("error", "cap-below-floor") in codes(check_section(data))


def test_a_cap_below_the_floor_names_the_rule_and_both_bounds() -> None:
    data = section(row("late", None, {"multiple": 2, "of": "price", "floor": 100, "cap": 50}))
    (problem,) = check_section(data, locate=locate)
    assert problem.code == "cap-below-floor"
    assert "rule 'late'" in problem.message
    assert "floor 100.00 CNY is above the cap 50.00 CNY" in problem.message
    assert problem.location.path == "compensation.rules[0].remedies[0].amount.cap"


@pytest.mark.parametrize(
    ("currency", "floor", "cap"),
    [
        # 0.005 CNY is paid as at least 0.01, 0.009 as at most 0.00
        ("CNY", {"percent": 50, "of": {"fixed": "0.01"}}, {"percent": 90, "of": {"fixed": "0.01"}}),
        # 0.5 JPY is paid as at least 1, 0.9 as at most 0
        ("JPY", {"percent": 50, "of": {"fixed": 1}}, {"percent": 90, "of": {"fixed": 1}}),
        # a floor of 10.0004 KWD pays at least 10.001, a cap of 10.0009 at most 10.000
        (
            "KWD",
            {"percent": "100.004", "of": {"fixed": 10}},
            {"percent": "100.009", "of": {"fixed": 10}},
        ),
    ],
)
def test_bounds_no_paid_amount_fits_between_are_an_error(
    currency: str, floor: object, cap: object
) -> None:
    amount = {"multiple": 2, "of": "price", "floor": floor, "cap": cap}
    data = {"currency": currency, "rules": [row("tiny", None, amount)]}
    problems = check_section(data)
    assert codes(problems) == [("error", "cap-below-floor")]
    assert "rule 'tiny'" in problems[0].message


def test_bounds_rounding_to_one_amount_leave_that_amount() -> None:
    floor = {"percent": 50, "of": {"fixed": "0.01"}}  # at least 0.01
    cap = {"percent": 150, "of": {"fixed": "0.01"}}  # at most 0.01
    amount = {"multiple": 2, "of": "price", "floor": floor, "cap": cap}
    assert check_section(section(row("r", None, amount))) == []


def test_a_cap_below_the_floor_in_the_default_names_the_default() -> None:
    amount = {"multiple": 2, "of": "price", "floor": 100, "cap": 50}
    data = section(row("r", None), default={"remedies": [{"kind": "cash", "amount": amount}]})
    (problem,) = check_section(data)
    assert problem.code == "cap-below-floor"
    assert "the default" in problem.message


def test_a_cap_below_the_floor_is_reported_at_its_line_when_the_policy_loads(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncompensation:\n  currency: CNY\n"
        "  default: {remedies: [apology]}\n  rules:\n    - id: late\n      remedies:\n"
        "        - kind: cash\n          amount: {multiple: 2, of: price, floor: 100, cap: 50}\n",
        "utf-8",
    )
    problems = [p for p in check_policy(path) if p.severity == "error"]
    assert [(p.code, p.location.file, p.location.line) for p in problems] == [
        ("cap-below-floor", str(path), 10)
    ]
    assert "rule 'late'" in problems[0].message


def test_a_remedy_in_another_currency_is_an_error_at_its_path() -> None:
    amount = {"fixed": {"amount": 250, "currency": "EUR"}}
    problems = check_section(section(row("r", None, amount)))
    assert codes(problems) == [("error", "currency-mismatch")]
    assert problems[0].location.path == "compensation.rules[0].remedies[0].amount.fixed.currency"


def test_a_refund_over_100_percent_needs_beyond_paid() -> None:
    data = section({"id": "r", "remedies": [{"kind": "refund", "percent": 150}]})
    assert ("error", "refund-over-paid") in codes(check_section(data))
    data["rules"][0]["remedies"][0]["beyond_paid"] = True  # type: ignore[index]
    assert check_section(data) == []


@pytest.mark.parametrize(
    ("amount", "share"),
    [
        ({"percent": 150, "of": "paid"}, "150%"),
        ({"percent": "100.01"}, "100.01%"),
        ({"multiple": 2, "of": "amount", "floor": 10, "cap": 1000}, "200%"),
        ({"percent": 50, "of": {"multiple": 3, "of": "paid"}}, "150%"),
    ],
)
def test_a_refund_amount_over_what_was_paid_needs_beyond_paid_as_percent_does(
    amount: dict[str, object], share: str
) -> None:
    data = section({"id": "r", "remedies": [{"kind": "refund", "amount": amount}]})
    problems = check_section(data)
    assert codes(problems) == [("error", "refund-over-paid")]
    assert problems[0].location.path == "compensation.rules[0].remedies[0].amount"
    assert share in problems[0].message
    data["rules"][0]["remedies"][0]["beyond_paid"] = True  # type: ignore[index]
    assert check_section(data) == []


@pytest.mark.parametrize(
    "amount",
    [
        {"percent": 100, "of": "paid"},
        {"multiple": 2, "of": "price"},
        {"percent": 50, "of": {"multiple": 2, "of": "paid"}},
        {"multiple": {"fact": "days"}, "of": "paid"},
    ],
)
def test_a_refund_amount_not_over_what_was_paid_as_written_is_fine(amount: object) -> None:
    data = section({"id": "r", "remedies": [{"kind": "refund", "amount": amount}]})
    assert check_section(data) == []


def test_unknown_remedy_kinds_and_formula_keys_name_their_path() -> None:
    data = section(
        {"id": "r", "remedies": [{"kind": "hug"}, {"kind": "cash", "amount": {"times": 3}}]}
    )
    problems = check_section(data)
    assert [p.location.path for p in problems] == [
        "compensation.rules[0].remedies[0].kind",
        "compensation.rules[0].remedies[1].amount",
    ]


def test_a_cap_on_kinds_no_row_gives_is_a_warning_at_its_kinds() -> None:
    cap = {"limit": 100, "days": 30, "kinds": ["statutory_damages"]}
    problems = check_section(section(row("r", None), caps=[cap]))
    assert codes(problems) == [("warning", "cap-unused")]
    assert problems[0].location.path == "compensation.caps[0].kinds"
    assert "statutory_damages" in problems[0].message


def test_a_cap_counting_one_kind_a_row_gives_is_fine() -> None:
    cap = {"limit": 100, "days": 30, "kinds": ["voucher", "cash"]}
    assert check_section(section(row("r", None), caps=[cap])) == []


def test_a_cap_on_the_default_kinds_counts_the_default_remedies_too() -> None:
    cap = {"limit": 100, "days": 30}
    data = section(row("r", cat("product")), caps=[cap], default={"remedies": ["apology"]})
    assert check_section(data) == []
    data = section(
        {"id": "r", "when": cat("product"), "remedies": ["apology"]},
        caps=[cap],
        default={"remedies": [{"kind": "cash", "amount": 5}]},
    )
    assert check_section(data) == []
    data["default"] = {"remedies": ["apology"]}
    assert codes(check_section(data)) == [("warning", "cap-unused")]


@pytest.mark.parametrize(
    "amount",
    [
        {"amount": 250, "currency": "CNY"},
        {"multiple": 2, "of": "price", "floor": {"amount": 250, "currency": "CNY"}},
        {"multiple": 2, "of": "price", "cap": {"amount": 250, "currency": "CNY"}},
    ],
)
def test_money_with_its_currency_is_a_fixed_amount_wherever_one_is(amount: object) -> None:
    assert check_section(section(row("r", None, amount))) == []


def test_money_in_another_currency_is_a_mismatch_at_its_currency() -> None:
    problems = check_section(section(row("r", None, {"amount": 250, "currency": "EUR"})))
    assert codes(problems) == [("error", "currency-mismatch")]
    assert problems[0].location.path == "compensation.rules[0].remedies[0].amount.currency"


@pytest.mark.parametrize(
    ("remedy", "path"),
    [
        ({"kind": "cash", "amount": "\uff15\uff10\uff10"}, "amount"),
        (
            {
                "kind": "cash",
                "amount": {"amount": "\uff15\uff10\uff10.\uff15\uff10", "currency": "CNY"},
            },
            "amount",
        ),
        ({"kind": "cash", "amount": {"multiple": "\uff13", "of": "price"}}, "amount.multiple"),
        ({"kind": "cash", "amount": {"multiple": 3, "of": "price", "cap": "￥500"}}, "amount.cap"),
        ({"kind": "refund", "percent": "\uff15\uff10"}, "percent"),
    ],
)
def test_a_number_in_full_width_digits_is_an_error_at_its_path(
    remedy: dict[str, object], path: str
) -> None:
    problems = check_section(section({"id": "r", "remedies": [remedy]}))
    assert [p.location.path for p in problems] == [f"compensation.rules[0].remedies[0].{path}"]
    assert "ASCII digits" in problems[0].message


@pytest.mark.parametrize("precision", [6, 9])
def test_the_applications_decimal_context_does_not_change_what_validate_finds(
    precision: int,
) -> None:
    amount = {"multiple": 1, "of": "price", "floor": "1234567.89", "cap": "99999999.99"}
    data = section(row("r", None, amount), caps=[{"limit": "12345678.90", "days": 30}])
    with localcontext(prec=precision):
        assert check_section(data) == []
        assert compile_section(data).caps[0].limit == Money("12345678.90", "CNY")


@pytest.mark.parametrize(
    "of",
    [
        "",  # no name at all
        "price ",  # a trailing space: never the fact 'price'
        "flight.price",  # inputs are top-level facts; flight: {price: ...} is no input
        "价格",  # names are ASCII, as a condition's fields are
    ],
)
def test_an_input_no_fact_can_supply_is_an_error_at_its_of(of: str) -> None:
    # each validated, then every decision failed asking for an input nobody can give
    amount = {"multiple": 3, "of": of, "default": 0}
    problems = check_section(section(row("r", None, amount)))
    assert [(p.code, p.location.path) for p in problems] == [
        ("input-name", "compensation.rules[0].remedies[0].amount.of")
    ]


@pytest.mark.parametrize("of", [{"fixed": 10}, {"percent": 50, "of": "price"}])
def test_a_default_beside_an_of_that_is_no_input_is_an_error_at_the_default(
    of: dict[str, object],
) -> None:
    # {multiple: 3, of: {percent: 50, of: price}, default: 100} read as if the 100 stood in
    # for a missing price; it was silently never used
    amount = {"multiple": 3, "of": of, "default": 100}
    problems = check_section(section(row("r", None, amount)))
    assert [(p.code, p.location.path) for p in problems] == [
        ("unused-default", "compensation.rules[0].remedies[0].amount.default")
    ]


@pytest.mark.parametrize("second", [500, "500.00", {"amount": "500", "currency": "CNY"}])
def test_two_approval_thresholds_at_one_amount_are_an_error_at_the_second(second: object) -> None:
    # which role approved 600 CNY was the first listed; the second role silently never did
    approvals = [{"above": 500, "role": "store_manager"}, {"above": second, "role": "regional"}]
    problems = check_section(section(row("r", None), approvals=approvals))
    assert [(p.code, p.location.path) for p in problems] == [
        ("approval-twice", "compensation.approvals[1].above")
    ]
    assert "store_manager" in problems[0].message
    assert "regional" in problems[0].message
