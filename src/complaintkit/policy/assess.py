"""The ``classification`` and ``routing`` sections: what a complaint is and who owns it.

``classification`` is one rule table, or a list of tables applied in order (say, one for the
category by keywords and one collecting tags); each sets any of ``category``, ``severity``,
``priority`` and ``tags``, a later table overriding earlier values and tags accumulating;
a category, severity or priority no matching row set comes from the defaults.
``routing`` is one table setting ``team`` and ``owner``; its conditions may read the
classification as ``case.category``, ``case.severity``, ``case.priority`` and ``case.tags``.
A row naming only a team gets the team's ``default_owner``, so every case gets a named owner
(DOMAIN.md: 不推诿) — which is why routing needs a default and every path to an owner is
checked when the policy loads, not when a complaint arrives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy import shape_hints
from complaintkit.policy.as_written import got
from complaintkit.policy.assessment import Assessment
from complaintkit.policy.catalog import Catalog, closest_id, usable_ids
from complaintkit.policy.currency import amount_currency
from complaintkit.policy.explain import ExplainBlock, table_block
from complaintkit.policy.facts import Facts
from complaintkit.policy.file_formats import in_yaml
from complaintkit.policy.keyword_lists import list_in_item
from complaintkit.policy.keywords import KeywordIndexBuilder
from complaintkit.policy.operators import render_output, render_value
from complaintkit.policy.outcome_reads import reads_outcome_only
from complaintkit.policy.projection import Projection
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.shared_row_ids import shared_row_ids
from complaintkit.policy.source import join
from complaintkit.policy.tables import RuleTable, TableResult, compile_table

T = TypeVar("T")

NAME: Final = "assess"
REQUIRES: Final = ("catalog",)
CLASSIFICATION_OUTPUTS: Final = ("category", "severity", "priority", "tags")
ROUTING_OUTPUTS: Final = ("team", "owner")
_NOTHING: Final[Mapping[str, object]] = MappingProxyType({})
_REFERENCES: Final = {
    "category": "categories",
    "severity": "severities",
    "priority": "priorities",
    "team": "teams",
}

SCHEMA: Final[Mapping[str, Any]] = {
    "classification": {
        "description": "Rule table(s) deciding category, severity, priority and tags.",
        "anyOf": [
            {"$ref": "#/$defs/table"},
            {"type": "array", "items": {"$ref": "#/$defs/table"}, "minItems": 1},
        ],
    },
    "routing": {
        "$ref": "#/$defs/table",
        "description": "Rule table deciding team and owner; conditions may read case.category…",
    },
}


#: Decisions kept per assessor. What a complaint gets (outcome, team, owner, reasons) depends
#: only on which rows of each table decided, so each combination is worked out and worded
#: once; past this many (large collect tables) they are worked out per complaint again
#: rather than held without bound.
DECISIONS_KEPT: Final = 4096


@attrs.frozen(eq=False)
class _Step:
    """What the classification tables so far decided: the outcome, read by later tables as
    ``case.*``, and the reasons. Kept steps are keys of later decisions, by identity."""

    outcome: Mapping[str, object]
    reasons: tuple[str, ...]

    def then(self, table: RuleTable, result: TableResult) -> _Step:
        """The step after ``table`` decided ``result``."""
        outcome = dict(self.outcome)
        _fold(outcome, result.outputs)
        reason = f"{table.name}: {_because(result)}"
        return _Step(MappingProxyType(outcome), (*self.reasons, reason))

    def filled(self, fallback: Mapping[str, object]) -> _Step:
        """This step with each of ``fallback``'s outputs no table set, or itself."""
        gaps = {k: v for k, v in fallback.items() if self.outcome.get(k) is None}
        if not gaps:
            return self
        outputs = ", ".join(f"{k}={render_value(v)}" for k, v in gaps.items())
        reason = f"classification: no matching row set {', '.join(gaps)} → default {outputs}"
        return _Step(MappingProxyType({**self.outcome, **gaps}), (*self.reasons, reason))


#: A decision's key: the step before a table, and the rows the table selected (or
#: :data:`_FILLING`, for the step with the defaults' outputs no row set).
_Key = tuple[_Step, object]
_FILLING: Final = object()
#: The key's second half for a step's routed assessment, when routing reads the outcome alone.
_ROUTED: Final = object()


@attrs.frozen
class Assessor:
    """Compiled classification and routing."""

    catalog: Catalog
    classification: tuple[RuleTable, ...]
    routing: RuleTable
    problems: tuple[Problem, ...] = ()
    #: category, severity and priority as the classification defaults set them (the last
    #: table's to set one): a case gets them when no matching row set them
    fallback: Mapping[str, object] = attrs.field(factory=dict)
    #: the decisions worked out so far: the ``_Step`` after each classification table, and
    #: the ``Assessment`` after routing
    _decided: dict[_Key, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    _start: _Step = attrs.field(
        factory=lambda: _Step(_NOTHING, ()), init=False, repr=False, eq=False
    )
    #: the part of a complaint's record the tables read
    projection: Projection = attrs.field(init=False, repr=False, eq=False)
    #: whether routing reads the outcome alone, so decides alike for every complaint with it
    _routes_by_outcome: bool = attrs.field(init=False, repr=False, eq=False)

    @projection.default
    def _reading(self) -> Projection:
        tables = (*self.classification, self.routing)
        return Projection.reading(path for table in tables for path in table.reads)

    @_routes_by_outcome.default
    def _routing_reads(self) -> bool:
        return reads_outcome_only(self.routing)

    def assess(self, facts: Facts) -> Assessment:
        """Evaluate every table on ``facts``; the rest is looked up by the rows that decided.

        Each classification table sees the outcome so far as ``case.*``.
        """
        data: dict[str, object] = facts.data  # type: ignore[assignment]
        decided = self._decided
        step = self._start
        for table in self.classification:
            data["case"] = step.outcome
            selection = table.select(facts)
            known: _Step | None = decided.get((step, selection))
            if known is None:
                known = self._keep((step, selection), step.then(table, table.result(selection)))
            step = known
        filled: _Step | None = decided.get((step, _FILLING))
        if filled is None:
            filled = self._keep((step, _FILLING), step.filled(self.fallback))
        step = filled
        # routing that reads the outcome alone: its decision at this step is every complaint's
        routed = (step, _ROUTED) if self._routes_by_outcome else None
        if routed is not None:
            kept: Assessment | None = decided.get(routed)
            if kept is not None:
                return kept
        data["case"] = step.outcome
        selection = self.routing.select(facts)
        assessment: Assessment | None = decided.get((step, selection))
        if assessment is None:
            result = self.routing.result(selection)
            assessment = self._keep((step, selection), self._decide(step, result))
        if routed is not None:
            self._keep(routed, assessment)
        return assessment

    def _keep(self, key: _Key, value: T) -> T:
        if len(self._decided) < DECISIONS_KEPT:
            self._decided[key] = value
        return value

    def _decide(self, step: _Step, routing: TableResult) -> Assessment:
        outcome = step.outcome
        team, owner, why = self._routed(routing)
        return Assessment(
            category=outcome.get("category"),  # type: ignore[arg-type]
            severity=outcome.get("severity"),  # type: ignore[arg-type]
            priority=outcome.get("priority"),  # type: ignore[arg-type]
            tags=tuple(outcome.get("tags", ())),  # type: ignore[arg-type]
            team=team,
            owner=owner,
            reasons=(*step.reasons, why),
        )

    def _routed(self, result: TableResult) -> tuple[str | None, str, str]:
        """Team, owner and reason for the routing rows that decided (the same every time)."""
        team = result.outputs.get("team")
        owner = result.outputs.get("owner")
        how = ""
        if owner is None:
            owner = self.catalog.default_owner(team)  # type: ignore[arg-type]
            how = f" (default owner of team {team})"
        if owner is None and self.routing.default is not None:
            owner = self.routing.default.get("owner") or self.catalog.default_owner(
                self.routing.default.get("team")  # type: ignore[arg-type]
            )
            how = " (routing default owner)"
        return (
            team if isinstance(team, str) else None,
            str(owner),
            f"{self.routing.name}: {_because(result)}{how}",
        )

    def explain(self, facts: Facts) -> list[ExplainBlock]:
        blocks = []
        outcome: dict[str, object] = {}
        case: dict[str, object] = {}
        facts.data["case"] = case  # type: ignore[index]
        for table in self.classification:
            trace = table.explain(facts)
            blocks.append(table_block("classification", trace))
            if trace.result is not None:
                _fold(outcome, trace.result.outputs)
                case.update(outcome)
        gaps = {k: v for k, v in self.fallback.items() if outcome.get(k) is None}
        if gaps:
            blocks.append(_filling_block(gaps))
            case.update(gaps)
        blocks.append(table_block("routing", self.routing.explain(facts)))
        return blocks


def _filling_block(gaps: Mapping[str, object]) -> ExplainBlock:
    return ExplainBlock(
        "classification",
        "outputs no matching row set",
        (f"=> from the classification default: {render_output(gaps)}",),
        {"outputs": dict(gaps), "outcome": "from the classification default"},
    )


def _fold(outcome: dict[str, object], outputs: Mapping[str, object]) -> None:
    for key, value in outputs.items():
        if key == "tags":
            seen: tuple[object, ...] = tuple(outcome.get("tags", ()))  # type: ignore[arg-type]
            outcome["tags"] = seen + tuple(t for t in value if t not in seen)  # type: ignore[attr-defined]
        else:
            outcome[key] = value


def _because(result: TableResult) -> str:
    outputs = ", ".join(f"{k}={render_value(v)}" for k, v in result.outputs.items())
    outputs = f" → {outputs}" if outputs else " (no change)"
    if result.rows:
        ids = ", ".join(f"{r.id!r} ({r.path})" for r in result.rows)
        return f"{'rows' if len(result.rows) > 1 else 'row'} {ids} matched{outputs}"
    if result.used_default:
        return f"no row matched, default{outputs}"
    return "no row matched and there is no default"


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> Assessor:
    catalog: Catalog = context.compiled["catalog"]
    problems: list[Problem] = []
    raw = data.get("classification")
    if raw is None:
        problems.append(
            Problem(
                locate(join(path, "classification")),
                "the policy has no classification table",
                "add classification: {rules: [...], default: {category: ..., severity: ..., "
                "priority: ...}}",
                code="missing-section",
            )
        )
    raws = raw if isinstance(raw, list) else [raw] if raw is not None else []
    single = not isinstance(raw, list)
    # one keyword index for every table: each record's texts are scanned once
    keywords = KeywordIndexBuilder()
    # a bare number compared with the complaint's amount is money in the policy's currency
    currency = amount_currency(data)
    tables = []
    #: the outputs of tables that did not compile, as written: their ids are checked all
    #: the same, so a typo in a condition does not hide one in a ``then``
    written: list[tuple[str, Mapping[str, object]]] = []
    for i, table_data in enumerate(raws):
        where = _table_paths(path, raws, single)[i]
        table = _table(
            table_data, where, locate, context, problems, CLASSIFICATION_OUTPUTS, keywords, currency
        )
        if table is not None:
            tables.append(table)
        else:
            written.extend(_written_outputs(table_data, where))
    # routing decides at intake too: its rows are recorded beside the classification's
    decided = [*zip(_table_paths(path, raws, single), raws, strict=True)]
    problems.extend(
        shared_row_ids([*decided, (join(path, "routing"), data.get("routing"))], locate)
    )
    routing = None
    if data.get("routing") is None:
        problems.append(
            Problem(
                locate(join(path, "routing")),
                "the policy has no routing table, so no case would get an owner",
                "add routing: {rules: [...], default: {team: ..., owner: ...}}",
                code="missing-section",
            )
        )
    else:
        routing = _table(
            data["routing"],
            join(path, "routing"),
            locate,
            context,
            problems,
            ROUTING_OUTPUTS,
            keywords,
            currency,
        )
        if routing is None:
            written.extend(_written_outputs(data["routing"], join(path, "routing")))
    if tables and len(tables) == len(raws):
        problems.extend(_classification_defaults(tables, join(path, "classification"), locate))
    if isinstance(data.get("routing"), Mapping):  # also when a row did not compile
        problems.extend(
            _owners(data["routing"].get("default"), join(path, "routing"), catalog, locate)
        )
    for table in [*tables, *([routing] if routing else [])]:
        problems.extend(_references(_outputs(table), catalog, locate))
    found = {p.location.path for p in problems}
    as_compiled = [  # a compiled row holds its lists as tuples
        (where, {k: tuple(v) if isinstance(v, list) else v for k, v in then.items()})
        for where, then in written
    ]
    problems.extend(
        p for p in _references(as_compiled, catalog, locate) if p.location.path not in found
    )
    errors = [p for p in problems if p.severity == "error"]
    if errors or routing is None or len(tables) != len(raws):
        compiled = [t for t in (*tables, routing) if t is not None]
        raise PolicyError([*errors, *_warnings(compiled, problems)])  # one run names both
    keywords.build()
    warnings = _warnings((*tables, routing), [])
    fallback = {
        k: t.default[k]
        for t in tables
        if t.default is not None
        for k in ("category", "severity", "priority")
        if k in t.default
    }
    return Assessor(catalog, tuple(tables), routing, tuple(warnings), fallback)


def _table_paths(path: str, raws: Sequence[object], single: bool) -> list[str]:
    """Where each classification table is: ``classification``, or ``classification[i]``
    in a list of them."""
    if single:
        return [join(path, "classification")] * len(raws)
    return [join(join(path, "classification"), i) for i in range(len(raws))]


def _warnings(tables: Sequence[RuleTable], problems: Sequence[Problem]) -> list[Problem]:
    """The warnings of the compiled ``tables`` and among ``problems``; a table's own missing
    default is no warning, as the classification defaults are checked together."""
    found = [*problems, *(p for t in tables for p in t.problems)]
    return [p for p in found if p.severity != "error" and p.code != "missing-default"]


def _table(
    data: object,
    path: str,
    locate: Locate,
    context: SectionContext,
    problems: list[Problem],
    outputs: Sequence[str],
    keywords: KeywordIndexBuilder,
    currency: str | None,
) -> RuleTable | None:
    # checked on the data, so a row the table refuses (a duplicate id) hides no typo
    problems.extend(
        Problem(
            locate(join(where, key)),
            f"{path} cannot set {key!r}",
            f"this table sets {', '.join(outputs)}",
            code="unknown-output",
        )
        for where, then in _written_outputs(data, path)
        for key in then
        if key not in outputs
    )
    try:
        return compile_table(
            data,
            path,
            name=path,
            locate=locate,
            registry=context.operators,
            keywords=keywords,
            currency=currency,
        )
    except PolicyError as exc:
        problems.extend(exc.problems)
        return None


def _outputs(table: RuleTable) -> list[tuple[str, Mapping[str, object]]]:
    pairs = [(join(r.path, "then"), r.outputs) for r in table.rows]
    if table.default is not None:
        pairs.append((join(table.path, "default"), table.default))
    return pairs


def _written_outputs(data: object, path: str) -> list[tuple[str, Mapping[str, object]]]:
    """Each row's ``then`` and the ``default``, with their paths, as written."""
    if not isinstance(data, Mapping):
        return []
    rows = data.get("rules")
    pairs = [
        (join(join(join(path, "rules"), i), "then"), row["then"])
        for i, row in enumerate(rows if isinstance(rows, list) else [])
        if isinstance(row, Mapping) and isinstance(row.get("then"), Mapping)
    ]
    if isinstance(data.get("default"), Mapping):
        pairs.append((join(path, "default"), data["default"]))
    return pairs


def _classification_defaults(
    tables: Sequence[RuleTable], path: str, locate: Locate
) -> list[Problem]:
    covered = {k for t in tables if t.default is not None for k in t.default}
    missing = [k for k in ("category", "severity", "priority") if k not in covered]
    if not missing:
        return []
    return [
        Problem(
            locate(path),
            f"no classification default sets {', '.join(missing)}, so a complaint matching "
            "no row would have none",
            "add default: {category: other, severity: minor, priority: normal} (your ids)",
            code="missing-default",
        )
    ]


def _owners(default: object, path: str, catalog: Catalog, locate: Locate) -> list[Problem]:
    """Whether the routing default (as written) gives every case an owner."""
    problems = []
    if default is None:
        return [
            Problem(
                locate(path),
                "the routing table has no default, so a complaint matching no row gets no owner",
                "add default: {team: <team>, owner: <person>}",
                code="missing-default",
            )
        ]
    if not isinstance(default, Mapping):  # the table reports its shape
        return []
    team = default.get("team")
    default_owner = default.get("owner") or (
        catalog.default_owner(team) if isinstance(team, str) else None
    )
    if default_owner is None and (not isinstance(team, str) or catalog.declares("teams", team)):
        problems.append(
            Problem(
                locate(join(path, "default")),
                "the routing default names no owner and its team has no default_owner",
                "add owner: <person> to the default, or default_owner: to the team",
                code="missing-owner",
            )
        )
    return problems


def _references(
    outputs: Sequence[tuple[str, Mapping[str, object]]], catalog: Catalog, locate: Locate
) -> list[Problem]:
    problems = []
    for where, then in outputs:
        for key, kind in _REFERENCES.items():
            value = then.get(key)
            if value is None:
                continue
            known = catalog.kind(kind)
            if not isinstance(value, str) or value not in known:
                usable = usable_ids(known)
                close = closest_id(value, usable) if isinstance(value, str) else None
                meant = f"did you mean {close!r}? " if close else ""
                if isinstance(value, str) and (labelled := catalog.labelled(kind, value)):
                    meant = f"{value!r} is the label of {labelled!r}: write {key}: {labelled}; "
                problems.append(
                    Problem(
                        locate(join(where, key)),
                        f"unknown {key} {value!r}",
                        f"{meant}use one of the {kind} the policy declares: "
                        f"{', '.join(usable) or '(none declared)'}",
                        code="unknown-reference",
                    )
                )
        if (wrong := _bad_tags(then.get("tags"))) is not None:
            problems.append(
                Problem(
                    locate(join(where, "tags")), wrong, "e.g. tags: [food_safety]", code="bad-tags"
                )
            )
        else:
            problems += _tags_typed_as_one(then.get("tags") or (), join(where, "tags"), locate)
        owner = then.get("owner")
        if owner is not None and not (isinstance(owner, str) and owner.strip()):
            problems.append(
                Problem(
                    locate(join(where, "owner")),
                    f"owner must be a person's id (got {got(owner)})",
                    shape_hints.OWNER,
                    code="bad-owner",
                )
            )
        elif wrong := catalog.stranger(then.get("team"), owner):
            hint = catalog.member_hint(then.get("team"), owner)
            problems.append(Problem(locate(join(where, "owner")), wrong, hint, code="not-member"))
    return problems


def explain(
    compiled: Assessor, facts: Facts, complaint: object, case: object
) -> list[ExplainBlock]:
    """The section's explain hook: classification tables, then routing."""
    return compiled.explain(facts)


def _tags_typed_as_one(tags: object, path: str, locate: Locate) -> list[Problem]:
    """An error at the comma of each tag (``tags`` as ``_bad_tags`` passed them) typed as
    several with a Chinese input method's comma (U+FF0C or U+3001), one tag to YAML."""
    problems = []
    for i, tag in enumerate(tags if isinstance(tags, tuple) else ()):
        where = locate(join(path, i))
        if (found := list_in_item(tag, "one tag", yaml=in_yaml(where))) is not None:
            at, message, hint, code = found
            if where.column is not None:
                where = attrs.evolve(where, column=where.column + at)
            problems.append(Problem(where, message, hint, code=code))
    return problems


def _bad_tags(tags: object) -> str | None:
    """What is wrong with a row's ``tags``, naming the tag at fault."""
    if tags is None:
        return None
    if not isinstance(tags, tuple):
        return f"tags must be a list (got {render_value(tags)})"
    for i, tag in enumerate(tags):
        if not isinstance(tag, str):
            return f"tags[{i}] is not text (got {render_value(tag)})"
        if not tag.strip():
            return f"tags[{i}] is empty"
    return None
