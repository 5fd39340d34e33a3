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
  file:line:column. ``context`` is a :class:`SectionContext` with the operator registry and
  the sections compiled before this one. Raise :class:`~complaintkit.errors.PolicyError`
  listing every error; put warnings (or errors that should not stop later sections) on
  the result's ``problems`` attribute;
* optionally ``explain(compiled, facts, complaint) -> ExplainBlock`` for ``complaintkit
  explain`` (see :mod:`complaintkit.policy.explain`).

Adding a section is one line in :data:`SECTIONS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.operators import OperatorRegistry

#: Section modules in compile order (later sections may read earlier ones' results).
SECTIONS: Final = (
    "complaintkit.policy.catalog",
    "complaintkit.policy.assess",
)


@attrs.frozen
class SectionContext:
    """What a section's compile function gets besides the data."""

    operators: OperatorRegistry
    compiled: Mapping[str, Any]


def section_modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in SECTIONS)


def problems_of(compiled: object) -> tuple[Problem, ...]:
    """Problems a compiled section carries (its ``problems`` attribute, if any)."""
    problems = getattr(compiled, "problems", ())
    return tuple(p for p in problems if isinstance(p, Problem))


Locate = Callable[[str], Location]
