"""What to write where a policy gives a table, a row or a condition another shape.

Each of these problems names the shape expected and what was found; the hint shows the
shape written out, so an author who met the key for the first time in the error can
copy it.
"""

from __future__ import annotations

from typing import Final

RULES: Final = (
    "write rules: followed by a list of rows, each - {id: <name>, when: {...}, then: {...}}; "
    "rules: [] for none"
)
DEFAULT: Final = (
    "write default: {<output>: <value>, ...}, the outputs of a case no row matches, "
    "e.g. default: {team: desk}"
)
THEN: Final = (
    "write then: {<output>: <value>, ...}, the outputs of a case the row matches, "
    "e.g. then: {category: product, severity: major}"
)
ROW: Final = "write each row as a mapping: - {id: <name>, when: {...}, then: {...}}"
ROW_ID: Final = "write id: followed by a short name of the row as text, e.g. id: spoiled_food"
OWNER: Final = "write the person's id as text, e.g. owner: li.na"
REMEDY_LABEL: Final = "write label: Refund, or one per language: label: {zh: 退款, en: Refund}"


def conditions(name: str) -> str:
    """The hint for ``all``, ``any`` (a list of conditions) given something else."""
    return (
        f"write {name}: followed by a list of one or more conditions, e.g. "
        f"{name}: [{{field: case.category, ==: product}}]"
    )


def formulas(name: str) -> str:
    """The hint for ``least_of``, ``greater_of``, ``sum_of`` given no list of formulas."""
    return f"write {name}: followed by a list of one or more formulas, e.g. {name}: [{{fixed: 50}}, 200]"


def currency(meant: str | None) -> str:
    """The hint for a compensation currency that is no ISO 4217 code."""
    return f"write currency: {meant or 'CNY'}, or another ISO 4217 code (EUR, GBP, USD, …)"
