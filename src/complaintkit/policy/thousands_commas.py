"""A number written with a thousands separator inside ``{…}`` or ``[…]`` (``'>': 1,000``).

There YAML ends an entry or an item at every ',', so ``{'>': 1,000}`` is '>' given 1 and
a key 000 with no value, and ``in: [1,000, 2,500]`` the four amounts 1, 0, 2 and 500. A
group of three digits that a ',' and nothing else joins to the plain number before it is
named as the separator it is, and read on as the number meant. In a list the group must
begin with 0 or the list must separate its items with ', ' elsewhere: ``[100,200,300]``
is three amounts as likely as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Final

import attrs
import yaml

from complaintkit.policy.as_written import as_yaml
from complaintkit.policy.yaml_tags import NULL_TAG

_NUMBER: Final = re.compile(r"-?[0-9]{1,3}")
_GROUP: Final = re.compile(r"[0-9]{3}(?:\.[0-9]{1,30})?")
#: Groups read as one number at most (to 10**21): past them a run is no amount.
_MOST: Final = 6


@attrs.define
class Run:
    """A number and the groups of three digits YAML split from it."""

    first: yaml.ScalarNode
    at: str | int  # the key given the number, or its item's index
    groups: list[yaml.ScalarNode] = attrs.Factory(list)

    @property
    def written(self) -> str:
        return ",".join(node.value for node in (self.first, *self.groups))

    @property
    def number(self) -> int | float:
        meant = self.written.replace(",", "")
        return float(meant) if "." in meant else int(meant)

    def problem(self, listed: str = "") -> tuple[str, str]:
        """``(message, hint)``; ``listed``: the list it is in as meant, if short."""
        first, rest = self.first.value, ", ".join(node.value for node in self.groups)
        if isinstance(self.at, int):
            return (
                f"YAML reads the ',' in {self.written} as one between list items: the list "
                f"holds {first} and {rest} where {self.number} is meant",
                f"write {listed or self.number}, with no thousands separator",
            )
        key = self.at if self.at.isidentifier() else f"'{self.at}'"
        return (
            f"YAML reads the ',' in {self.written} as the end of an entry: {key} is given "
            f"{first}, and {rest} "
            + ("are read as keys" if len(self.groups) > 1 else "is read as a key")
            + " with no value",
            f"write {key}: {self.number}, with no thousands separator",
        )


class Joins:
    """The runs in one flow collection, found as its entries are read in order."""

    def __init__(self, node: yaml.CollectionNode) -> None:
        self._run: Run | None = None  # the run the next node may continue
        self.runs: list[Run] = []
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        self._spaced = node.flow_style and any(
            after.start_mark.index - before.end_mark.index > 1 for before, after in pairwise(items)
        )
        self._flow = bool(node.flow_style)

    def problems(self, items: list[object] | None) -> Iterator[tuple[Run, str, str]]:
        """Each run with its ``(message, hint)``; ``items``: the list read as meant."""
        listed = as_yaml(items) if items is not None and len(items) <= 20 else ""
        for run in self.runs:
            yield run, *run.problem(listed if len(listed) <= 80 else "")

    def continued(self, node: yaml.Node, value: yaml.Node | None = None) -> Run | None:
        """The run ``node`` (a key, with its ``value``, or a list item) continues, if any."""
        run, self._run = self._run, None
        if (
            run is None
            or len(run.groups) == _MOST
            or not self._joined((run.groups or [run.first])[-1], node, value)
        ):
            return None
        assert isinstance(node, yaml.ScalarNode)
        if not run.groups:
            self.runs.append(run)
        run.groups.append(node)
        self._run = run
        return run

    def entry(self, at: str | int, node: yaml.Node) -> None:
        """``node`` was read as the value of ``at``: a run may begin with it."""
        if self._flow and isinstance(node, yaml.ScalarNode) and _plain(node, _NUMBER):
            self._run = Run(node, at)

    def _joined(self, before: yaml.Node, node: yaml.Node, value: yaml.Node | None) -> bool:
        if not isinstance(node, yaml.ScalarNode) or not _plain(node, _GROUP):
            return False
        if node.start_mark.index != before.end_mark.index + 1:
            return False  # a blank, a line break or a comment between them
        if value is not None:  # a key: never one given no value
            return isinstance(value, yaml.ScalarNode) and value.tag == NULL_TAG and not value.value
        return self._spaced or node.value.startswith("0")


def _plain(node: yaml.ScalarNode, pattern: re.Pattern[str]) -> bool:
    return not node.style and pattern.fullmatch(node.value) is not None
