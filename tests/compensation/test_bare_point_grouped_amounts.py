"""A bare number with a point before three digits in a currency with no minor unit
(``1.000`` in JPY) is as ambiguous in a JSON or TOML policy as in YAML, and as a threshold
on ``complaint.amount`` as an amount paid: the point groups thousands where it is written
so, and read as a decimal point the cap or the threshold was a thousandth of the SOP's. Each
is an error naming the file, the place and both readings; where no minor unit makes it
ambiguous (CNY, KWD) or it compares no money (a ratio), it is read as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy
from complaintkit.policytest.runner import Runner

BASE = (Path(__file__).parents[2] / "docs" / "policy" / "base.yaml").as_posix()


def _errors(tmp_path: Path, name: str, text: str) -> dict[str, Problem]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return {p.location.path: p for p in check_policy(path) if p.severity == "error"}


def _json(currency: str, amount: str, threshold: str = "0") -> str:
    return (
        f'{{"complaintkit": 1, "extends": "{BASE}", "compensation": {{"currency": '
        f'"{currency}", "rules": [{{"id": "a", "when": {{"field": "complaint.amount", '
        f'">=": {threshold}}}, "remedies": [{{"kind": "voucher", "amount": 500}}]}}], '
        f'"caps": [{{"limit": {amount}, "days": 90}}]}}}}'
    )


def _toml(currency: str, amount: str, threshold: str = "0") -> str:
    return (
        f'complaintkit = 1\nextends = "{BASE}"\n[compensation]\ncurrency = "{currency}"\n'
        '[[compensation.rules]]\nid = "a"\n'
        f'when = {{field = "complaint.amount", ">=" = {threshold}}}\n'
        'remedies = [{kind = "voucher", amount = 500}]\n'
        f'[[compensation.approvals]]\nabove = {amount}\nrole = "supervisor"\n'
    )


def _yaml(currency: str, amount: str, threshold: str = "0") -> str:
    return (
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: {currency}\n"
        f"  rules:\n    - id: a\n      when: {{field: complaint.amount, '>=': {threshold}}}\n"
        f"      remedies: [{{kind: voucher, amount: 500}}]\n  caps: [{{limit: {amount}, days: 90}}]\n"
    )


AMOUNT_AT = {"p.json": "compensation.caps[0].limit", "p.toml": "compensation.approvals[0].above"}
WRITE = {"p.json": _json, "p.toml": _toml, "p.yaml": _yaml}


def _names_both(problem: Problem, written: str, file: Path) -> None:
    assert problem.code == "amount-grouping"
    assert repr(written.replace(".", "")) in problem.message
    assert repr(written.split(".", maxsplit=1)[0]) in problem.message
    assert problem.location.file == str(file)
    assert problem.location.line is not None


@pytest.mark.parametrize("name", sorted(AMOUNT_AT))
@pytest.mark.parametrize(("written", "currency"), [("1.000", "JPY"), ("150.000", "VND")])
def test_a_bare_amount_so_written_in_json_or_toml_is_an_error_naming_both(
    tmp_path: Path, name: str, written: str, currency: str
) -> None:
    errors = _errors(tmp_path, name, WRITE[name](currency, written))
    _names_both(errors[AMOUNT_AT[name]], written, tmp_path / name)


@pytest.mark.parametrize("name", sorted(WRITE))
@pytest.mark.parametrize("threshold", ["1.000", "'1.000'"])
def test_a_threshold_on_the_amount_so_written_is_an_error_naming_both(
    tmp_path: Path, name: str, threshold: str
) -> None:
    if threshold.startswith("'") and name != "p.yaml":
        threshold = f'"{threshold[1:-1]}"'
    errors = _errors(tmp_path, name, WRITE[name]("JPY", "5000", threshold))
    _names_both(errors["compensation.rules[0].when.>="], "1.000", tmp_path / name)


def test_a_threshold_between_so_written_is_an_error_at_its_operator(tmp_path: Path) -> None:
    text = _yaml("KRW", "5000").replace("'>=': 0", "between: [1.000, 20.000]")
    errors = _errors(tmp_path, "p.yaml", text)
    _names_both(errors["compensation.rules[0].when.between"], "1.000", tmp_path / "p.yaml")
    assert "'20000'" in errors["compensation.rules[0].when.between"].message


def test_a_routing_threshold_so_written_is_an_error_too(tmp_path: Path) -> None:
    text = _yaml("JPY", "5000") + (
        "routing:\n  rules:\n    - id: big\n      when: {field: complaint.amount, '>': 10.000}\n"
        "      then: {team: quality}\n  default: {team: desk}\n"
    )
    errors = _errors(tmp_path, "p.yaml", text)
    assert list(errors) == ["routing.rules[1].when.>"]  # after the base's rule
    _names_both(errors["routing.rules[1].when.>"], "10.000", tmp_path / "p.yaml")
    assert (
        errors["routing.rules[1].when.>"].location.line
        == text.count("\n", 0, text.index("10.000")) + 1
    )


@pytest.mark.parametrize("name", sorted(WRITE))
@pytest.mark.parametrize(("written", "currency"), [("1.500", "CNY"), ("1.000", "KWD")])
def test_where_no_minor_unit_makes_it_ambiguous_it_loads(
    tmp_path: Path, name: str, written: str, currency: str
) -> None:
    assert _errors(tmp_path, name, WRITE[name](currency, written, written)) == {}


def test_a_ratio_compared_in_a_yen_policy_is_no_money(tmp_path: Path) -> None:
    text = _yaml("JPY", "5000").replace("complaint.amount, '>=': 0", "ratio, '>=': 1.100")
    assert _errors(tmp_path, "p.yaml", text) == {}


def test_a_json_policy_tests_fact_so_written_is_compared_as_written(tmp_path: Path) -> None:
    policy = tmp_path / "p.json"
    policy.write_text(
        f'{{"complaintkit": 1, "extends": "{BASE}", "compensation": {{"currency": "JPY", '
        '"rules": [{"id": "exact", "when": {"field": "ratio", "==": 1.1}, "remedies": '
        '[{"kind": "voucher", "amount": 500}]}], "default": {"remedies": ["apology"]}}}',
        "utf-8",
    )
    tests = tmp_path / "p.tests.json"
    tests.write_text(
        '{"complaint": {"channel": "web", "customer": {"id": "C-1"}, "text": "hello"}, '
        '"tests": [{"name": "three places", "facts": {"ratio": 1.100}, '
        '"expect": {"compensation": {"rows": ["exact"]}}}]}',
        "utf-8",
    )
    assert [r.error or r.failures for r in Runner().run_file(tests) if not r.passed] == []


@pytest.mark.parametrize(
    "stated",
    ["{field: complaint.currency, ==: JPY}", "{field: complaint.currency, in: [KRW, JPY]}"],
)
def test_a_threshold_beside_a_stated_currency_with_no_minor_unit_is_an_error(
    tmp_path: Path, stated: str
) -> None:
    text = _yaml("CNY", "5000").replace(
        "{field: complaint.amount, '>=': 0}",
        f"{{all: [{stated}, {{field: complaint.amount, '>=': 10.000}}]}}",
    )
    errors = _errors(tmp_path, "p.yaml", text)
    _names_both(errors["compensation.rules[0].when.all[1].>="], "10.000", tmp_path / "p.yaml")


def test_a_threshold_beside_a_stated_currency_with_cents_loads(tmp_path: Path) -> None:
    text = _yaml("JPY", "5000").replace(
        "{field: complaint.amount, '>=': 0}",
        "{all: [{field: complaint.currency, ==: CNY}, {field: complaint.amount, '>=': 10.000}]}",
    )
    assert _errors(tmp_path, "p.yaml", text) == {}
