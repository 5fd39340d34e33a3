"""The contract between the loader and each feature that owns part of a policy document.

A section is a module that exports:

* ``NAME`` — what :meth:`Policy.section <complaintkit.policy.compiled.Policy.section>`
  returns its compiled form under (``"sla"``);
* ``SCHEMA`` — ``{top-level key: JSON-schema fragment}`` for the keys it owns (a module may
  own several, e.g. ``calendars``, ``sla`` and ``escalation``); fragments may refer to the
  shared ``#/$defs/condition``, ``#/$defs/table`` and ``#/$defs/label``;
* ``compile(data, path, locate, context)`` — ``data`` is the whole merged document (so a
  section can check references to categories or calendars), ``path`` the prefix paths are
  built under (``""`` for the document root, joined with
  :func:`complaintkit.policy.source.join`), ``locate(path) -> Location`` gives
  file:line:column. ``context`` is a :class:`SectionContext` with the operator and formula
  registries, the registered notifier types and the sections compiled before this one.
  Return ``None`` when the document does not use the section. Raise
  :class:`~complaintkit.errors.PolicyError` listing every error; put warnings on the
  result's ``problems`` attribute;
* optionally ``REQUIRES`` — names of sections this one reads from ``context.compiled``; it
  is skipped (its problems unreported) when one of them failed, while the other sections
  still compile so ``validate`` reports problems from every section at once;
* optionally ``explain(compiled, facts, complaint, case) -> list[ExplainBlock]`` for
  ``complaintkit explain`` (see :mod:`complaintkit.policy.explain`); ``case`` is the case
  the Desk would open for ``complaint`` at its ``received_at`` (classified, routed, clocks
  started), built in memory without notifying anyone.

Adding a section is one line in :data:`SECTIONS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.operators import OperatorRegistry

if TYPE_CHECKING:
    from complaintkit.compensation.formula_registry import FormulaRegistry

#: ``check(type, options)`` → (the options the type requires, what is wrong or None)
NotifierCheck = Callable[[str, Mapping[str, Any]], tuple[list[str], str | None]]

#: Section modules in compile order (later sections may read earlier ones' results).
SECTIONS: Final = (
    "complaintkit.policy.catalog",
    "complaintkit.policy.assess",
    "complaintkit.sla.section",
    "complaintkit.compensation.section",
    "complaintkit.notify.section",
    "complaintkit.reports.section",
    "complaintkit.policy.gates",
    "complaintkit.policy.references",
)


@attrs.frozen
class SectionContext:
    """What a section's compile function gets besides the data."""

    operators: OperatorRegistry
    compiled: Mapping[str, Any]
    formulas: FormulaRegistry | None = None
    #: notifier types plugins registered (None: not known, so not checked)
    notifiers: frozenset[str] | None = None
    #: of those, the types whose class has no ``publish`` method (a factory function's
    #: notifier is not known before it is built, so it is not listed)
    cannot_publish: frozenset[str] = frozenset()
    #: a notifier type's required options and what is wrong with the options given,
    #: read from its factory without building it; None when the plugins are not known
    check_notifier: NotifierCheck | None = None


def section_modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in SECTIONS)


def problems_of(compiled: object) -> tuple[Problem, ...]:
    """Problems a compiled section carries (its ``problems`` attribute, if any)."""
    problems = getattr(compiled, "problems", ())
    return tuple(p for p in problems if isinstance(p, Problem))


Locate = Callable[[str], Location]
