"""Numbers with a point in JSON and TOML policies, held to the digits written.

The json and tomllib readers build a binary float from ``100.000000000000001``, which is
100.0: an amount, a threshold or a cap would silently be another number than the policy
says. YAML numbers are checked where they are read (:mod:`~complaintkit.policy.yaml_numbers`);
these readers hand each number's text to a :class:`FloatDigits`, which builds the float
as they would and names, at its line and column, each one that is not the number written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final, Protocol

from complaintkit.errors import Location, Problem
from complaintkit.model.jsonvalues import JsonNumber
from complaintkit.model.money import POINT_GROUPED
from complaintkit.policy.as_written import shorten
from complaintkit.policy.data_paths import join


class Tree(Protocol):
    """A node of the reader's located tree (source.Located)."""

    @property
    def location(self) -> Location: ...
    @property
    def children(self) -> Mapping[str | int, Tree]: ...


#: The operators a condition compares a number with: one there may be an amount.
_COMPARING: Final = frozenset({"==", "!=", "<", "<=", ">", ">=", "between", "in", "not in"})


def keeps_its_text(path: str) -> bool:
    """Whether a number read at ``path`` keeps the text it was written as (``with_its_text``):
    an amount of the compensation section or one a policy test expects of it, or a number
    a condition in any section compares, an amount when compared with ``complaint.amount``."""
    last = path.rsplit(".", 1)[-1].split("[", 1)[0]
    expected = ".expect.compensation." in path
    return path.startswith("compensation.") or expected or last in _COMPARING


def with_its_text(written: str, value: float) -> float:
    """``value``, read from ``written``, keeping that text when a point stands before three
    digits (``1.000``): in a currency with no minor unit such a point groups thousands, so
    an amount so written is refused as ambiguous (``money.points_grouping``), not read as 1.
    Only where ``keeps_its_text``: a fact compared (``ratio: 1.100`` in a policy test) must
    stay the plain float conditions read as the decimal it writes."""
    return JsonNumber(written) if POINT_GROUPED.fullmatch(written) else value


class FloatDigits:
    """``parse_float`` for json and tomllib that remembers each number it cannot hold."""

    def __init__(self) -> None:
        self.inexact: list[tuple[str, float]] = []

    def __call__(self, written: str) -> float:
        value = float(written)
        if math.isfinite(value) and Decimal(written) != Decimal(repr(value)):
            self.inexact.append((written, value))
        return with_its_text(written, value)  # plain again where no amount (plain_elsewhere)

    def problems(self, text: str, file: str, data: Any, tree: Tree) -> tuple[Problem, ...]:
        """One problem per number read as another, at its digits in ``text``, with the path
        of the value it became."""
        found = []
        floats = list(_floats(data, tree, ""))
        numbers = [written for written, _ in self.inexact]
        for (written, value), (line, column) in zip(
            self.inexact, places_in_order(text, numbers), strict=True
        ):
            found.append(
                Problem(
                    Location(file, line, column, _path_of(value, line, column, floats)),
                    f"{shorten(written)} is read as the number {shorten(repr(value))}, "
                    "not as the digits written",
                    "a number with a point keeps about 15 significant digits: write it with fewer",
                    code="bad-value",
                )
            )
        return tuple(found)


def plain_elsewhere(data: Any, path: str = "") -> Any:
    """``data`` with each number that kept its text (``FloatDigits``) the plain float again
    where it does not keep it (``keeps_its_text``), as the YAML reader makes it."""
    if type(data) is JsonNumber and not keeps_its_text(path):
        return float(data)
    for key, value in _items(data):
        data[key] = plain_elsewhere(value, join(path, key))
    return data


def places_in_order(text: str, written: list[str]) -> Iterator[tuple[int | None, int | None]]:
    """The line and column of each of ``written`` in ``text``, each sought after the one
    before it (the readers hand numbers over in the order they stand); None, None for one
    not found."""
    start = 0
    for digits in written:
        at = text.find(digits, start)
        if at < 0:
            yield None, None
            continue
        start = at + len(digits)
        yield text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _items(data: Any) -> Iterable[tuple[Any, Any]]:
    if isinstance(data, dict):
        return list(data.items())
    return enumerate(data) if isinstance(data, list) else ()


def _floats(data: Any, tree: Tree, path: str) -> Iterator[tuple[str, float, Location]]:
    """Each float below ``data`` with its path and where its key or item is."""
    if isinstance(data, float):
        yield path, data, tree.location
    for key, value in _items(data):
        child = tree.children.get(key)
        if child is not None:
            here = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else key
            yield from _floats(value, child, here)


def _path_of(
    value: float, line: int | None, column: int | None, floats: list[tuple[str, float, Location]]
) -> str:
    """The path of the float ``value`` written nearest before ``line``:``column``."""
    here = (line or 0, column or 0)
    before = [
        ((where.line or 0, where.column or 0), path)
        for path, number, where in floats
        if number == value and (where.line or 0, where.column or 0) <= here
    ]
    return max(before)[1] if before else ""
