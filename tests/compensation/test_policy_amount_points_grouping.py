"""A policy's amount in a currency with no minor unit written with a point before three
digits (``limit: 1.000`` in JPY, ``150.000`` in VND): the point groups thousands where it is
written so, and read as a decimal point the cap, floor or voucher was a thousandth of what
the SOP says. A complaint's amount so written is refused as ambiguous (``Money.from_json``);
a policy's is an error naming both readings: quoted in YAML, JSON and TOML, and bare in
YAML, whose reader keeps the text of such a number in the compensation section (and only
there: a fact a policy test gives, ``ratio: 1.100``, is compared as the decimal 1.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.compensation.policy import check_section
from complaintkit.policy.compiled import check_policy
from complaintkit.policytest.runner import Runner

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
WHERES = {
    "amount": "rules[0].remedies[0].amount",
    "floor": "rules[0].remedies[0].amount.floor",
    "cap": "rules[0].remedies[0].amount.cap",
    "limit": "caps[0].limit",
    "above": "approvals[0].above",
}


def _section(currency: str, written: object, where: str) -> dict[str, object]:
    amount: object = written if where == "amount" else 500
    if where in ("floor", "cap"):
        amount = {"percent": 50, "of": "amount", where: written}
    section: dict[str, object] = {
        "currency": currency,
        "rules": [{"id": "late", "remedies": [{"kind": "voucher", "amount": amount}]}],
    }
    if where == "limit":
        section["caps"] = [{"limit": written, "days": 90}]
    if where == "above":
        section["approvals"] = [{"above": written, "role": "supervisor"}]
    return section


def _errors(section: dict[str, object]) -> dict[str, str]:
    return {
        p.location.path: p.message
        for p in check_section(section, "compensation")
        if p.severity == "error"
    }


@pytest.mark.parametrize("where", sorted(WHERES))
@pytest.mark.parametrize(("written", "currency"), [("1.000", "JPY"), ("150.000", "VND")])
def test_an_amount_written_with_a_point_grouping_thousands_is_an_error_naming_both(
    where: str, written: str, currency: str
) -> None:
    errors = _errors(_section(currency, written, where))
    message = errors[f"compensation.{WHERES[where]}"]
    assert repr(written.replace(".", "")) in message
    assert repr(written.split(".", maxsplit=1)[0]) in message


@pytest.mark.parametrize(
    ("written", "currency"), [("1.000", "KWD"), ("1.500", "CNY"), ("1000", "JPY"), ("1", "JPY")]
)
def test_amounts_without_the_ambiguity_load_as_written(written: str, currency: str) -> None:
    assert _errors(_section(currency, written, "limit")) == {}


def _policy(tmp_path: Path, name: str, text: str) -> dict[str, str]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return {p.location.path: p.message for p in check_policy(path) if p.severity == "error"}


def test_a_bare_yaml_number_so_written_is_an_error_where_it_is_written(tmp_path: Path) -> None:
    errors = _policy(
        tmp_path,
        "p.yaml",
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: JPY\n  rules:\n"
        "    - id: a\n      remedies: [{kind: voucher, amount: 500}]\n"
        "  caps: [{limit: 1.000, days: 90}]\n",
    )
    assert "'1000'" in errors["compensation.caps[0].limit"]


def test_a_json_amount_so_written_is_an_error_where_it_is_written(tmp_path: Path) -> None:
    errors = _policy(
        tmp_path,
        "p.json",
        f'{{"complaintkit": 1, "extends": "{BASE.as_posix()}", "compensation": '
        '{"currency": "JPY", "rules": [{"id": "a", "remedies": '
        '[{"kind": "voucher", "amount": "150.000"}]}]}}',
    )
    assert "'150000'" in errors["compensation.rules[0].remedies[0].amount"]


def test_a_toml_amount_so_written_is_an_error_where_it_is_written(tmp_path: Path) -> None:
    errors = _policy(
        tmp_path,
        "p.toml",
        f'complaintkit = 1\nextends = "{BASE.as_posix()}"\n[compensation]\ncurrency = "JPY"\n'
        '[[compensation.rules]]\nid = "a"\nremedies = [{kind = "voucher", amount = 500}]\n'
        '[[compensation.approvals]]\nabove = "5.000"\nrole = "supervisor"\n',
    )
    assert "'5000'" in errors["compensation.approvals[0].above"]


def test_a_fact_a_policy_test_gives_so_written_is_compared_as_written(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  currency: JPY\n  rules:\n"
        "    - id: exact\n      when: {field: ratio, ==: 1.1}\n"
        "      remedies: [{kind: voucher, amount: 500}]\n  default: {remedies: [apology]}\n",
        "utf-8",
    )
    tests = tmp_path / "p.tests.yaml"
    tests.write_text(
        "complaint: {channel: web, customer: {id: C-1}, text: hello}\ntests:\n"
        "  - name: three places\n    facts: {ratio: 1.100}\n"
        "    expect: {compensation: {rows: [exact]}}\n",
        "utf-8",
    )
    assert [r.error or r.failures for r in Runner().run_file(tests) if not r.passed] == []
