"""Facts a tests file supplies that its policy never reads.

``facts: {ammount: …}`` or ``flight: {distnace_km: 900}`` reaches no condition and no
formula: the test runs as though the fact were absent, passes or fails for another reason,
and the typo stays. A fact is read when the policy names it (or what holds it, or a part
of it) as a value anywhere — a condition's ``field``, a keyword's ``fields``, a formula's
``of`` or ``fact``, a plugin formula's or operator's argument, a clock's ``from`` — under
its own name or as ``complaint.attributes.<name>``, as facts are the complaint's
attributes. ``price`` and ``paid`` stand in for each other and for the amount.

A plugin's code may read facts the policy's text never names: one classifying complaints,
or a formula of a plugin's that the compensation section pays through (its ``Context``
holds every fact the case supplies). While one does, no fact is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from complaintkit.compensation.inputs import FALLBACKS
from complaintkit.errors import Problem
from complaintkit.policy.facts import PATH_RE
from complaintkit.policy.key_hints import unknown_key_hint
from complaintkit.policy.supplied import RESERVED
from complaintkit.policytest.spec import TestFile

if TYPE_CHECKING:
    from complaintkit.plugins import Plugins

#: Where facts sit in a tests file's paths: the file's ``facts`` and each test's.
_FACTS: Final = re.compile(r"(?:tests\[\d+\]\.)?facts\.(.+)\Z")
_ATTRIBUTES: Final = ("complaint.attributes.", "case.attributes.")
#: Keys whose text is a field's path or a formula's input.
_FIELD_KEYS: Final = frozenset({"field", "fields", "of", "fact", "from"})

Path = tuple[str, ...]
#: The plugin whose formulas are complaintkit's own (``fixed``, ``percent``…).
_BUILT_IN_FORMULAS: Final = "complaintkit.builtin.formulas"


@attrs.frozen
class FactsRead:
    """What a policy reads: ``named``, every path it names as a value (a fact under any of
    them is read), and ``fields``, those it names where a field goes (``field``, ``of``,
    ``fact``, ``from``, ``fields``): the names a typo is compared with."""

    named: frozenset[Path]
    fields: frozenset[Path]


def plugin_reads_facts(data: Mapping[str, Any], plugins: Plugins) -> bool:
    """Whether a plugin's code may read any fact of the policy's (merged ``data``): one
    implements ``classify_complaint``, or compensation pays through a plugin's formula."""
    if plugins.implementers("classify_complaint"):
        return True
    names = {n for n, item in plugins.formulas.items() if item.plugin != _BUILT_IN_FORMULAS}
    return bool(names) and any(key in names for key in _keys(data.get("compensation")))


def _keys(node: object) -> Iterator[str]:
    """Every mapping key under ``node``: a formula is named by its key."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def facts_read(policy: object) -> FactsRead:
    """The field paths ``policy`` (its merged data) names, each as a fact's path."""
    named: set[Path] = set()
    fields: set[Path] = set()
    for key, text in _texts(policy, ""):
        if not PATH_RE.match(text):
            continue
        path = next((text.removeprefix(p) for p in _ATTRIBUTES if text.startswith(p)), text)
        named.add(tuple(path.split(".")))
        if key in _FIELD_KEYS:
            fields.add(tuple(path.split(".")))
    for found in (named, fields):
        for name, stand_ins in FALLBACKS.items():
            if (name,) in found:
                found.update((s,) for s in stand_ins)
    return FactsRead(frozenset(named), frozenset(fields))


def _texts(node: object, key: str) -> Iterator[tuple[str, str]]:
    """Each text of ``node`` with the key it is under (a list's items: the list's)."""
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, Mapping):
        if node.get("full") is True:  # a full refund is of what the customer paid
            yield "of", "paid"
        for inner, value in node.items():
            yield from _texts(value, str(inner))
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item, key)


def unused_facts(test_file: TestFile, read: FactsRead) -> list[Problem]:
    """An error at each fact of ``test_file`` that nothing in ``read`` reads, the highest
    such one of a mapping (``ammount``, not its ``amount`` and ``currency``), with the
    name most likely meant."""
    problems = []
    for where, location in test_file.locations.items():
        fact = _fact(where)
        if fact is None or _is_read(fact, read):
            continue
        held_by, name = fact[:-1], fact[-1]
        if held_by and not _is_read(held_by, read):
            continue  # what holds it is named instead
        depth = len(held_by)
        known = {r[depth] for r in read.fields if len(r) > depth and r[:depth] == held_by}
        problems.append(
            Problem(
                attrs.evolve(location, path=where),
                f"the policy reads no fact {'.'.join(fact)!r}: its tests run as though it "
                "were not given",
                _hint(name, known - RESERVED),
                code="policy-test",
            )
        )
    return problems


def _fact(where: str) -> Path | None:
    """The fact's path a tests file's path ``where`` names, None when it names none."""
    match = _FACTS.match(where)
    if match is None or where.endswith("]"):
        return None
    return tuple(re.sub(r"\[\d+\]", "", match.group(1)).split("."))


def _hint(name: str, known: set[str]) -> str:
    if not known:
        return "remove it, or name it in the policy where it is meant to count"
    return unknown_key_hint(name, known).replace("use one of", "the policy reads")


def _is_read(fact: Path, read: FactsRead) -> bool:
    """Whether the policy names ``fact`` or a part of it, reads a field holding it, or
    names what holds it and none of its parts (a ``loss`` read whole, its amount too)."""
    if any(r[: len(fact)] == fact for r in read.named):
        return True
    if any(fact[: len(r)] == r for r in read.fields):
        return True
    held_by = fact[:-1]
    depth = len(held_by)
    return bool(held_by) and not any(len(r) > depth and r[:depth] == held_by for r in read.named)
