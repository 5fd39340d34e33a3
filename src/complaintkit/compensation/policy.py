"""The ``compensation`` policy section: its schema fragment and its compiler.

::

    compensation:
      currency: CNY
      rounding: half_up            # or half_even
      hit_policy: first            # first | unique | priority | collect (as in DMN)
      rules:
        - id: fraud
          when: {field: fraud, ==: true}
          remedies:
            - {kind: refund, full: true}
            - kind: statutory_damages
              label: {zh: 三倍赔偿, en: treble damages}
              amount: {multiple: 3, of: price, floor: 500}
      default: {remedies: [apology]}           # optional: cases no row matches
      approvals: [{above: 1000, role: supervisor}]
      caps: [{limit: 500, days: 90, kinds: [voucher, cash]}]

Rows are selected by the rule-table engine (:mod:`complaintkit.policy.tables`) over the
facts :func:`complaintkit.policy.case_record.case_record` builds. Under ``collect`` every
matching row's remedies are given. The loader calls :func:`compile_section` with the raw
section, its path and a ``locate`` callable; it raises ``PolicyError`` listing every error
and keeps warnings on ``CompensationPolicy.problems``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import localcontext
from typing import TYPE_CHECKING, Any, Final

import attrs

from complaintkit.compensation.approvals import Threshold, compile_thresholds
from complaintkit.compensation.cap_overlaps import never_binding_caps
from complaintkit.compensation.caps import CustomerCap, compile_caps, unused_caps
from complaintkit.compensation.coverage import gaps, overlaps
from complaintkit.compensation.decision import decide
from complaintkit.compensation.formula_registry import FormulaRegistry
from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.compensation.remedies import KINDS, Remedy, compile_remedy
from complaintkit.errors import PolicyError, Problem
from complaintkit.model.money import ARITHMETIC, MINOR_UNITS, ROUNDING_MODES, currency_meant
from complaintkit.policy import shape_hints
from complaintkit.policy.as_written import got
from complaintkit.policy.conditions import Locate, default_locate
from complaintkit.policy.operators import OperatorRegistry
from complaintkit.policy.tables import HIT_POLICIES, RuleTable, compile_table
from complaintkit.sla.durations import MAX_DAYS

if TYPE_CHECKING:
    from complaintkit.compensation.decision import CompensationHistory, Decision
    from complaintkit.model.case import Case

SECTION: Final = "compensation"
_KEYS: Final = frozenset(
    {"currency", "rounding", "hit_policy", "rules", "default", "approvals", "caps", "description"}
)
_ROW_KEYS: Final = frozenset({"id", "when", "priority", "description", "remedies"})

_AMOUNT: Final = {"type": ["number", "string", "object"]}
_LABEL: Final = {
    "oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]
}
_REMEDY: Final = {
    "oneOf": [
        {"enum": list(KINDS)},
        {
            "type": "object",
            "required": ["kind"],
            "additionalProperties": False,
            "properties": {
                "kind": {"enum": list(KINDS)},
                "label": _LABEL,
                "amount": _AMOUNT,
                "percent": {"type": ["number", "string"]},
                "full": {"type": "boolean"},
                "beyond_paid": {"type": "boolean"},
                "note": {"type": "string"},
            },
        },
    ]
}
_REMEDIES: Final = {"type": "array", "items": _REMEDY}

#: The JSON-schema fragment for the ``compensation`` section (the loader embeds it).
SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "description": "Compensation matrix: which remedies a case earns, approvals and caps.",
    "required": ["currency", "rules"],
    "additionalProperties": False,
    "properties": {
        "currency": {"enum": sorted(MINOR_UNITS)},
        "rounding": {"enum": sorted(ROUNDING_MODES)},
        "hit_policy": {"enum": list(HIT_POLICIES)},
        "description": {"type": "string"},
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "remedies"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "description": {"type": "string"},
                    "when": {"type": "object"},
                    "priority": {"type": ["number", "string"]},
                    "remedies": _REMEDIES,
                },
            },
        },
        "default": {
            "type": "object",
            "required": ["remedies"],
            "additionalProperties": False,
            "properties": {"remedies": _REMEDIES},
        },
        "approvals": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["above", "role"],
                "additionalProperties": False,
                "properties": {"above": _AMOUNT, "role": {"type": "string", "minLength": 1}},
            },
        },
        "caps": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["limit", "days"],
                "additionalProperties": False,
                "properties": {
                    "limit": _AMOUNT,
                    "days": {"type": "integer", "minimum": 1, "maximum": MAX_DAYS},
                    "kinds": {"type": "array", "items": {"enum": list(KINDS)}},
                },
            },
        },
    },
}


@attrs.frozen
class CompensationPolicy:
    """A compiled ``compensation`` section; :meth:`decide` is the one way to use it."""

    currency: str
    rounding: str
    table: RuleTable
    remedies: Mapping[int, tuple[Remedy, ...]]
    default: tuple[Remedy, ...] | None
    thresholds: tuple[Threshold, ...]
    caps: tuple[CustomerCap, ...]
    path: str = SECTION
    #: warnings found while compiling (errors raise)
    problems: tuple[Problem, ...] = ()
    #: each row's ``description`` by its index, which ``explain`` shows beside the row it
    #: names: the rule a sum is owed under (a law's article) is said there, not in the id
    descriptions: Mapping[int, str] = attrs.field(factory=dict)

    def decide(
        self,
        case: Case,
        facts: Mapping[str, object] | None = None,
        history: CompensationHistory | None = None,
        *,
        now: datetime | None = None,
        partial: bool = False,
    ) -> Decision:
        """What ``case`` earns; see :func:`complaintkit.compensation.decision.decide`."""
        return decide(self, case, facts, history, now=now, partial=partial)


def check_section(
    data: object,
    path: str = SECTION,
    *,
    locate: Locate = default_locate,
    categories: Sequence[str] = (),
    severities: Sequence[str] = (),
    formulas: FormulaRegistry | None = None,
    operators: OperatorRegistry | None = None,
) -> list[Problem]:
    """Every problem of the section, errors and warnings, without raising (``validate``)."""
    with localcontext(ARITHMETIC):
        return _build(data, path, locate, categories, severities, formulas, operators)[1]


def compile_section(
    data: object,
    path: str = SECTION,
    *,
    locate: Locate = default_locate,
    categories: Sequence[str] = (),
    severities: Sequence[str] = (),
    formulas: FormulaRegistry | None = None,
    operators: OperatorRegistry | None = None,
) -> CompensationPolicy:
    """Compile the section. ``categories``/``severities`` (from the policy's top-level
    lists) enable the coverage and overlap checks over their grid."""
    with localcontext(ARITHMETIC):  # as decisions are worked out, whatever the caller's
        policy, problems = _build(data, path, locate, categories, severities, formulas, operators)
    if policy is None or any(p.severity == "error" for p in problems):
        raise PolicyError(problems)  # with the warnings: an error must not hide them
    return policy


def _build(
    data: object,
    path: str,
    locate: Locate,
    categories: Sequence[str],
    severities: Sequence[str],
    formulas: FormulaRegistry | None,
    operators: OperatorRegistry | None,
) -> tuple[CompensationPolicy | None, list[Problem]]:
    if not isinstance(data, Mapping):
        message = f"the compensation section must be a mapping (got {data!r})"
        return None, [Problem(locate(path), message, "give it currency and rules", code="shape")]
    currency = data.get("currency")
    refused: list[Problem] = []
    if currency not in MINOR_UNITS:
        message = f"currency must be an ISO 4217 code such as CNY or EUR (got {got(currency)})"
        # RMB is read as the CNY it means, so its amounts are checked in the same run
        meant = currency = currency_meant(currency)
        hint = shape_hints.currency(meant)
        refused = [Problem(locate(f"{path}.currency"), message, hint, code="currency")]
        if currency is None:
            return None, refused
    compiler = FormulaCompiler(str(currency), locate=locate, registry=formulas)
    compiler.problems.extend(refused)
    for key in sorted(set(map(str, data)) - _KEYS):
        compiler.error(
            f"{path}.{key}",
            f"unknown compensation key {key!r}",
            f"the section takes {', '.join(sorted(_KEYS))}",
            "unknown-key",
        )
    rounding = data.get("rounding", "half_up")
    if rounding not in ROUNDING_MODES:
        compiler.error(f"{path}.rounding", f"rounding must be one of {sorted(ROUNDING_MODES)}")
    table_rows, remedies = _rows(data.get("rules"), f"{path}.rules", compiler)
    default = None
    if "default" in data:
        raw_default = data["default"]
        remedies_data = raw_default.get("remedies") if isinstance(raw_default, Mapping) else None
        compiler.rule = "the default"
        default = _remedies(remedies_data, f"{path}.default.remedies", compiler)
        compiler.rule = ""
    thresholds = compile_thresholds(data.get("approvals", []), f"{path}.approvals", compiler)
    caps = compile_caps(data.get("caps", []), f"{path}.caps", compiler)
    problems = list(compiler.problems)
    hit_policy = data.get("hit_policy", "first")
    table_data = {"hit_policy": hit_policy, "rules": table_rows, "default": {}}
    try:
        table = compile_table(
            table_data, path, name=path, locate=locate, registry=operators, currency=str(currency)
        )
    except PolicyError as exc:
        return None, problems + list(exc.problems)
    problems += table.problems
    problems += unused_caps(caps, _kinds_written(data), locate)
    problems += never_binding_caps(caps, locate)
    if default is None:
        problems += gaps(table.rows, path, locate, categories, severities)
    if hit_policy == "unique":
        seen = {(p.location, p.code) for p in problems}
        problems += [
            p
            for p in overlaps(table.rows, locate, categories, severities)
            if (p.location, p.code) not in seen
        ]
    if any(p.severity == "error" for p in problems):
        return None, problems
    policy = CompensationPolicy(
        currency=str(currency),
        rounding=str(rounding),
        table=table,
        remedies=remedies,
        default=default,
        thresholds=tuple(thresholds),
        caps=tuple(caps),
        path=path,
        problems=tuple(problems),
        descriptions=_descriptions(data.get("rules")),
    )
    return policy, problems


def _descriptions(raw_rows: object) -> dict[int, str]:
    """Each row's description by its index, as ``remedies`` is keyed."""
    rows = raw_rows if isinstance(raw_rows, list) else []
    return {
        i: " ".join(row["description"].split())
        for i, row in enumerate(rows)
        if isinstance(row, Mapping) and isinstance(row.get("description"), str)
    }


def _rows(
    raw_rows: object, path: str, compiler: FormulaCompiler
) -> tuple[list[dict[str, object]], dict[int, tuple[Remedy, ...]]]:
    """Rows for the rule-table engine (without remedies) and each row's compiled remedies."""
    if not isinstance(raw_rows, list):
        compiler.error(path, "rules must be a list of rows", shape_hints.RULES)
        return [], {}
    remedies: dict[int, tuple[Remedy, ...]] = {}
    table_rows = []
    for i, raw in enumerate(raw_rows):
        where = f"{path}[{i}]"
        if not isinstance(raw, Mapping):
            compiler.error(where, f"a row is a mapping with id, when and remedies (got {raw!r})")
            continue
        for key in sorted(set(map(str, raw)) - _ROW_KEYS):
            compiler.error(f"{where}.{key}", f"unknown row key {key!r}", code="unknown-key")
        compiler.rule = f"rule {raw.get('id', i)!r}"
        remedies[i] = _remedies(raw.get("remedies"), f"{where}.remedies", compiler)
        compiler.rule = ""
        table_rows.append({str(k): v for k, v in raw.items() if k in _ROW_KEYS - {"remedies"}})
    return table_rows, remedies


def _remedies(data: object, path: str, compiler: FormulaCompiler) -> tuple[Remedy, ...]:
    if not isinstance(data, list) or not data:
        compiler.error(
            path,
            f"remedies must be a non-empty list (got {data!r})",
            "e.g. remedies: [{kind: refund, full: true}, apology]",
            "remedies",
        )
        return ()
    compiled = [compile_remedy(item, f"{path}[{i}]", compiler) for i, item in enumerate(data)]
    return tuple(r for r in compiled if r is not None)


def _kinds_written(data: Mapping[str, Any]) -> set[str]:
    """The remedy kinds the rows and the default write, whether or not each remedy
    compiled: a row whose amount is refused still gives its kind once that is fixed."""
    rules, default = data.get("rules"), data.get("default")
    rows = [*(rules if isinstance(rules, list) else []), default]
    lists = [row.get("remedies") for row in rows if isinstance(row, Mapping)]
    return {
        str(item.get("kind") if isinstance(item, Mapping) else item)
        for remedies in lists
        if isinstance(remedies, list)
        for item in remedies
    }
