"""A complaint or fact a test gives that no complaint can hold (``amount: 12.5`` bare,
``customer: 5``, ``loss: {amount: abc, currency: CNY}``) failed the test at its name's
line, speaking of ``attributes.loss.amount``, which the author never wrote: the value
was found wrong only at intake. It is now an error of the tests file at the value's own
line, before any test runs, as every other value of the wrong shape is."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest import Runner

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _problems(tmp_path: Path, body: str) -> list[tuple[int | None, str]]:
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"policy: {POLICY}\n{body}", "utf-8")
    try:
        Runner().load_file(path)
    except PolicyError as exc:
        return [(p.location.line, p.location.path) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("written", "line", "path"),
    [
        ("    complaint:\n      text: 牛奶变质了\n      amount: 12.5\n", 6, "complaint.amount"),
        ("    complaint: {text: 牛奶变质了, customer: 5}\n", 4, "complaint.customer"),
        (
            "    complaint: {text: 牛奶变质了}\n"
            "    facts:\n      unsafe_food: true\n      loss: {amount: abc, currency: CNY}\n",
            7,
            "facts.loss.amount",
        ),
    ],
)
def test_a_value_no_complaint_holds_is_an_error_at_its_line(
    tmp_path: Path, written: str, line: int, path: str
) -> None:
    body = f"tests:\n  - name: x\n{written}    expect: {{category: product}}\n"
    assert _problems(tmp_path, body) == [(line, f"tests[0].{path}")]


def test_a_default_of_the_file_is_named_where_the_file_gives_it(tmp_path: Path) -> None:
    body = (
        "complaint: {customer: {id: 7}}\n"
        "tests:\n  - name: x\n    complaint: {text: 牛奶变质了}\n    expect: {category: product}\n"
    )
    assert _problems(tmp_path, body) == [(2, "complaint.customer.id")]
