"""Rule tables with DMN hit policies, their explanations and their static checks.

A table (YAML shown)::

    hit_policy: first            # first | unique | priority | collect
    rules:
      - id: food-safety
        when: {keywords: [变质, 异物, food poisoning]}   # absent: always matches
        then: {category: product, severity: high, priority: urgent, tags: [food_safety]}
        priority: 10             # only for hit policy priority; default 0
    default: {category: other}   # outputs when no row matches

Hit policies: ``first`` — the first matching row; ``unique`` — at most one row may match,
two matching rows are a policy error naming both; ``priority`` — the matching row with the
highest ``priority``, ties broken by row order; ``collect`` — every matching row in order,
outputs merged: the first row to set a key wins, list outputs (tags) accumulate.

Outputs are opaque to the engine apart from that merge. A whole table compiles into one
generated function (:mod:`complaintkit.policy.codegen`); ``explain`` walks the node trees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy import shape_hints
from complaintkit.policy.as_written import as_written, as_yaml, got
from complaintkit.policy.codegen import Generator
from complaintkit.policy.condition_nodes import Node
from complaintkit.policy.conditions import ConditionCompiler, Locate, default_locate
from complaintkit.policy.facts import Facts
from complaintkit.policy.found_words import FoundWord, words_found
from complaintkit.policy.frozen_outputs import frozen
from complaintkit.policy.implied_rows import implied_shadows
from complaintkit.policy.keyword_overlaps import keyword_overlaps
from complaintkit.policy.keywords import KeywordIndexBuilder
from complaintkit.policy.numeric_overlaps import numeric_overlaps
from complaintkit.policy.numeric_shadows import numeric_shadows
from complaintkit.policy.operators import OperatorRegistry, render_output
from complaintkit.policy.policy_numbers import to_number
from complaintkit.policy.row_outputs import (
    ROW_KEYS,
    is_row_priority_in_words,
    row_key_hint,
    row_priority_hint,
)
from complaintkit.policy.row_places import row_place
from complaintkit.policy.source import join
from complaintkit.policy.unread_numbers import UnreadNumber, refuse_unread
from complaintkit.policy.value_sets import value_overlaps, value_shadows

HIT_POLICIES: Final = ("first", "unique", "priority", "collect")
_TABLE_KEYS: Final = frozenset({"hit_policy", "rules", "default", "description"})
_EMPTY: Final[Mapping[str, object]] = MappingProxyType({})

#: Which rows a record selects, as positions in evaluation order: for hit policies first and
#: priority the deciding row's (-1: none), for unique and collect every matching row's. It
#: is all that decides a table's result, so callers may key what they derive from it.
Selection = int | tuple[int, ...]


@attrs.frozen
class Row:
    """One rule; ``condition`` None means it matches every record."""

    id: str
    index: int
    path: str
    condition: Node | None
    outputs: Mapping[str, object]
    priority: Decimal = Decimal(0)
    #: ``file:line`` the row was written at (after extends), for explanations
    source: str = ""

    def describe(self) -> str:
        return "always" if self.condition is None else self.condition.describe()


@attrs.frozen
class TableResult:
    """Matched rows in hit-policy order and the outputs they produce.

    ``rows`` is empty when nothing matched; ``outputs`` are then the default's (if any).
    """

    rows: tuple[Row, ...]
    outputs: Mapping[str, object]
    used_default: bool = False

    @property
    def matched(self) -> bool:
        return bool(self.rows)


@attrs.frozen
class RowTrace:
    """One row under ``explain``: ``reason`` says why it did not match."""

    row: Row
    matched: bool
    reason: str | None
    #: the keywords a row that matched found (what the complaint said)
    found: tuple[FoundWord, ...] = ()


@attrs.frozen
class TableTrace:
    """Every row of a table for one record, in order, and the outcome."""

    table: str
    hit_policy: str
    rows: tuple[RowTrace, ...]
    result: TableResult | None
    outcome: str

    def __str__(self) -> str:
        lines = [f"table {self.table} (hit policy {self.hit_policy})"]
        for trace in self.rows:
            mark = "match" if trace.matched else "no   "
            where = f" from {trace.row.source}" if trace.row.source else ""
            lines.append(f"  {mark} {trace.row.id} [{trace.row.path}{where}]")
            if trace.reason:
                lines.append(f"        {trace.reason}")
            if trace.found:
                lines.append(f"        found: {', '.join(map(str, trace.found))}")
        lines.append(f"  => {self.outcome}")
        return "\n".join(lines)


def merge_outputs(rows: Sequence[Row]) -> Mapping[str, object]:
    """Collect merge: the first row to set a key wins; list outputs accumulate in order."""
    merged: dict[str, object] = {}
    for row in rows:
        for key, value in row.outputs.items():
            if key not in merged:
                merged[key] = value
            elif isinstance(value, tuple) and isinstance(merged[key], tuple):
                seen = merged[key]
                merged[key] = seen + tuple(v for v in value if v not in seen)  # type: ignore[operator]
    return MappingProxyType(merged)


class RuleTable:
    """A compiled rule table. Build it with :func:`compile_table`."""

    def __init__(
        self,
        *,
        name: str,
        path: str,
        hit_policy: str,
        rows: Sequence[Row],
        default: Mapping[str, object] | None,
        locate: Locate,
        problems: Sequence[Problem] = (),
        reads: Collection[str] = (),
    ) -> None:
        self.name, self.path, self.hit_policy = name, path, hit_policy
        self.rows = tuple(rows)
        self.default = default
        #: the field paths the rows' conditions read (history facts aside)
        self.reads = frozenset(reads)
        #: warnings found while compiling (errors raise instead)
        self.problems = tuple(problems)
        self._locate = locate
        # priority is "first" over rows sorted by descending priority, then row order
        self._order = (
            sorted(self.rows, key=lambda r: (-r.priority, r.index))
            if hit_policy == "priority"
            else list(self.rows)
        )
        # results are immutable, so each row's (and the default's) is built once
        self._results = tuple(TableResult((row,), row.outputs) for row in self._order)
        self._unmatched = (
            TableResult((), _EMPTY) if default is None else TableResult((), default, True)
        )
        gen = Generator()
        exprs = [r.condition.source(gen) if r.condition else "True" for r in self._order]
        #: which rows ``facts`` select (see :data:`Selection`)
        self.select: Callable[[Facts], Selection]
        if hit_policy in ("first", "priority"):
            self.select = gen.first_match(exprs, self._slow_first)
        else:
            self._all = gen.all_matches(exprs, self._slow_all)
            self.select = self._select_one if hit_policy == "unique" else self._all

    # left the fast path for a fact of an unexpected type: text a row compares as a number
    # spelling none is refused (``unread_numbers``), not taken as no match
    def _slow_first(self, facts: Facts) -> int:
        for i, row in enumerate(self._order):
            refuse_unread(f"row {row.id} ({row.path})", row.condition, facts)
            if row.condition is None or row.condition(facts):
                return i
        return -1

    def _slow_all(self, facts: Facts) -> tuple[int, ...]:
        for row in self._order:
            refuse_unread(f"row {row.id} ({row.path})", row.condition, facts)
        return tuple(
            i for i, r in enumerate(self._order) if r.condition is None or r.condition(facts)
        )

    def _select_one(self, facts: Facts) -> tuple[int, ...]:
        matched = self._all(facts)
        if len(matched) > 1:
            raise PolicyError([self._overlap([self._order[i] for i in matched])])
        return matched

    def evaluate(self, facts: Facts) -> TableResult:
        """The rows ``facts`` select under the hit policy, and their outputs.

        Raises PolicyError when a ``unique`` table has more than one matching row.
        """
        selection = self.select(facts)
        if type(selection) is int:  # hit policy first or priority: :meth:`result`, one call less
            return self._results[selection] if selection >= 0 else self._unmatched
        return self.result(selection)

    def result(self, selection: Selection) -> TableResult:
        """The rows and outputs of a ``selection`` :attr:`select` made."""
        if isinstance(selection, int):
            return self._results[selection] if selection >= 0 else self._unmatched
        if not selection:
            return self._unmatched
        rows = tuple(self._order[i] for i in selection)
        return TableResult(rows, rows[0].outputs if len(rows) == 1 else merge_outputs(rows))

    def _overlap(self, rows: Sequence[Row]) -> Problem:
        named = " and ".join(
            f"{as_written(r.id)} ({row_place(self._locate, r.path)})" for r in rows
        )
        return Problem(
            self._locate(join(self.path, "hit_policy")),  # where it was made unique
            f"table {self.name} has hit policy unique but rows {named} all match this record",
            "make the conditions exclusive, or use hit policy first, priority or collect",
            code="unique-overlap",
        )

    def explain(self, facts: Facts) -> TableTrace:
        """Every row in table order, matched or with its first failing sub-condition."""
        traces = []
        for row in self.rows:
            reason = None if row.condition is None else row.condition.explain(facts)
            found = words_found(row.condition, facts) if reason is None else ()
            traces.append(RowTrace(row, reason is None, reason, found))
        try:
            result: TableResult | None = self.evaluate(facts)
        except (PolicyError, UnreadNumber) as exc:
            error = exc.problems[0].message if isinstance(exc, PolicyError) else str(exc)
            return TableTrace(self.name, self.hit_policy, tuple(traces), None, f"error: {error}")
        assert result is not None
        if result.rows:
            chosen = ", ".join(as_yaml(r.id) for r in result.rows)
            outcome = f"rows {chosen} selected"
        else:
            outcome = "no row matched" + ("; default used" if result.used_default else "")
        outputs = ", ".join(f"{k}: {render_output(v)}" for k, v in result.outputs.items())
        # rows that give no outputs of their own (compensation's remedies, shown after)
        shown = f"{outcome}: {{{outputs}}}" if outputs else outcome
        return TableTrace(self.name, self.hit_policy, tuple(traces), result, shown)


def compile_table(
    data: object,
    path: str,
    *,
    name: str | None = None,
    locate: Locate = default_locate,
    registry: OperatorRegistry | None = None,
    keywords: KeywordIndexBuilder | None = None,
    currency: str | None = None,
) -> RuleTable:
    """Compile a rule table; raises PolicyError listing every error, with the warnings
    (an error must not hide them until it is fixed); a table's warnings are kept on
    ``table.problems``.

    Tables given one ``keywords`` builder share one keyword index, so a record's texts are
    scanned once for all of them; the caller builds it after the last table and before
    evaluating any. Given the policy's ``currency``, a bare number compared with
    ``complaint.amount`` is an amount in it (:class:`~.currency_nodes.AmountTestNode`).
    """
    table, problems = _build(data, path, name, locate, registry, keywords, currency)
    if table is None or any(p.severity == "error" for p in problems):
        raise PolicyError(problems)
    return table


def check_table(
    data: object,
    path: str,
    *,
    locate: Locate = default_locate,
    registry: OperatorRegistry | None = None,
) -> list[Problem]:
    """Every problem in a table, errors and warnings, without raising (for ``validate``)."""
    return _build(data, path, None, locate, registry, None)[1]


def _build(
    data: object,
    path: str,
    name: str | None,
    locate: Locate,
    registry: OperatorRegistry | None,
    keywords: KeywordIndexBuilder | None,
    currency: str | None = None,
) -> tuple[RuleTable | None, list[Problem]]:
    compiler = ConditionCompiler(locate, registry, keywords, currency)
    if not isinstance(data, Mapping):
        compiler.error(
            path,
            f"a rule table must be a mapping (got {got(data)})",
            "give it hit_policy, rules and default",
            "shape",
        )
        return None, compiler.problems
    for key in sorted(set(map(str, data)) - _TABLE_KEYS):
        compiler.error(
            f"{path}.{key}",
            f"unknown table key {as_written(key)}",
            f"a table takes {', '.join(sorted(_TABLE_KEYS))}",
            "unknown-key",
        )
    hit_policy = data.get("hit_policy", "first")
    if hit_policy not in HIT_POLICIES:
        compiler.error(
            f"{path}.hit_policy",
            f"unknown hit policy {as_written(hit_policy)}",
            f"use one of {', '.join(HIT_POLICIES)}",
            "hit-policy",
        )
    raw_rows = data.get("rules")
    if not isinstance(raw_rows, list):
        compiler.error(
            f"{path}.rules",
            f"'rules' must be a list of rows (got {got(raw_rows)})",
            shape_hints.RULES,
            "shape",
        )
        raw_rows = []
    rows = [_row(compiler, raw, f"{path}.rules[{i}]", i) for i, raw in enumerate(raw_rows)]
    default = data.get("default")
    if default is not None and not isinstance(default, Mapping):
        compiler.error(
            f"{path}.default",
            f"'default' must be a mapping of outputs (got {got(default)})",
            shape_hints.DEFAULT,
            "shape",
        )
    compiler.finish()
    valid = [r for r in rows if r is not None]
    # checked on the rows that compiled, so a broken row hides no shadowed one; a row left
    # out neither shadows nor is shadowed, and an unknown hit policy orders nothing
    problems = (
        compiler.problems
        + _duplicate_ids(raw_rows, path, locate)
        + (
            _static_problems(str(hit_policy), valid, path, default, locate)
            if hit_policy in HIT_POLICIES
            else []
        )
    )
    if len(valid) != len(rows) or any(p.severity == "error" for p in compiler.problems):
        return None, problems
    table = RuleTable(
        name=name or path,
        path=path,
        hit_policy=str(hit_policy),
        rows=valid,
        default=None if default is None else frozen(default),  # type: ignore[arg-type]
        locate=locate,
        problems=[p for p in problems if p.severity != "error"],
        reads=compiler.reads,
    )
    return table, problems


def _row(compiler: ConditionCompiler, raw: object, path: str, index: int) -> Row | None:
    if not isinstance(raw, Mapping):
        compiler.error(
            path,
            f"a row must be a mapping with when/then (got {got(raw)})",
            shape_hints.ROW,
            "shape",
        )
        return None
    ok = True
    for key in sorted(set(map(str, raw)) - ROW_KEYS):
        compiler.error(
            f"{path}.{key}",
            f"unknown row key {as_written(key)}",
            row_key_hint(raw, key),
            "unknown-key",
        )
        ok = False
    row_id = raw.get("id", f"rules[{index}]")
    if not isinstance(row_id, str) or not row_id:
        message = f"a row id must be non-empty text (got {got(row_id)})"
        compiler.error(f"{path}.id", message, shape_hints.ROW_ID, "shape")
        ok = False
    outputs = raw.get("then", {})
    if not isinstance(outputs, Mapping):
        compiler.error(
            f"{path}.then",
            f"'then' must be a mapping of outputs (got {got(outputs)})",
            "e.g. then: {category: product, severity: high}",
            "shape",
        )
        ok = False
    priority = Decimal(0)
    if "priority" in raw:
        try:
            priority = to_number(raw["priority"])
        except ValueError as exc:
            hint = row_priority_hint(raw["priority"]) if is_row_priority_in_words(raw) else ""
            compiler.error(f"{path}.priority", f"row priority {exc}", hint, "bad-priority")
            ok = False
    condition = None
    if "when" in raw:
        condition = compiler.compile(raw["when"], f"{path}.when")
        ok = ok and condition is not None
    if not ok:
        return None
    where = compiler.locate(path)
    source = "" if where.line is None else f"{where.file}:{where.line}"
    return Row(str(row_id), index, path, condition, frozen(outputs), priority, source)  # type: ignore[arg-type]


def _duplicate_ids(raw_rows: Sequence[object], path: str, locate: Locate) -> list[Problem]:
    """Rows that share an id, read from the rows as written: a row whose condition or keys
    are wrong still holds its id, so fixing it does not reveal this error in a later run.
    An id in another form (café composed and decomposed, late in full-width letters) is the
    same id: it looks the same, or was typed meaning it."""
    problems = []
    first_seen: dict[str, tuple[str, str]] = {}  # by the id's NFKC form: id, row path
    for index, raw in enumerate(raw_rows):
        row_id = raw.get("id", f"rules[{index}]") if isinstance(raw, Mapping) else None
        if not isinstance(row_id, str) or not row_id:
            continue  # no row, or an id refused where it is written
        row_path = f"{path}.rules[{index}]"
        form = unicodedata.normalize("NFKC", row_id)
        if form in first_seen:
            first, where = first_seen[form]
            if (line := locate(f"{where}.id").line) is not None:  # the merged index misleads
                where += f" (line {line})"
            other = (
                "" if first == row_id else f" as {as_written(first)}, the same id in another form"
            )
            problems.append(
                Problem(
                    locate(f"{row_path}.id"),
                    f"row id {as_written(row_id)} is also used by {where}{other}",
                    "give every row its own id",
                    code="duplicate-id",
                )
            )
        first_seen.setdefault(form, (row_id, row_path))
    return problems


def _static_problems(
    hit_policy: str,
    rows: Sequence[Row],
    path: str,
    default: object,
    locate: Locate,
) -> list[Problem]:
    """Problems visible without data: unreachable rows, provable overlaps."""
    problems = []
    if hit_policy in ("first", "priority"):
        order = (
            sorted(rows, key=lambda r: (-r.priority, r.index))
            if hit_policy == "priority"
            else list(rows)
        )
        covered = [
            (later, earlier, _why_never(earlier))
            for later, earlier in _first_covering(order, overlap=False)
        ]
        shadowed = {later.index for later, _, _ in covered}
        covered += [
            (
                later,
                earlier,
                f"finds every text it finds ({as_written(mine)} holds {as_written(theirs)})",
            )
            for later, earlier, mine, theirs in implied_shadows(order)
            if later.index not in shadowed
        ]
        shadowed = {later.index for later, _, _ in covered}
        covered += [c for c in numeric_shadows(order) if c[0].index not in shadowed]
        shadowed = {later.index for later, _, _ in covered}
        covered += [c for c in value_shadows(order) if c[0].index not in shadowed]
        for later, earlier, why in covered:
            tried, hint = _tried_first(hit_policy, later, earlier)
            problems.append(
                Problem(
                    locate(later.path),
                    f"row {as_written(later.id)} can never match: row {as_written(earlier.id)} ({row_place(locate, earlier.path)}) "
                    f"{why} and {tried}",
                    hint,
                    code="shadowed-row",
                )
            )
    elif hit_policy == "unique":
        both = [(earlier, later, "") for later, earlier in _first_covering(rows, overlap=True)]
        named = {later.index for _, later, _ in both}
        both += [b for b in numeric_overlaps(rows) if b[1].index not in named]
        both += [b for b in value_overlaps(rows) if b[1].index not in named]
        both += [b for b in keyword_overlaps(rows) if b[1].index not in named]
        for earlier, later, value in both:
            problems.append(
                Problem(
                    locate(later.path),
                    f"rows {as_written(earlier.id)} ({row_place(locate, earlier.path)}) and "
                    f"{as_written(later.id)} ({row_place(locate, later.path)}) can both match one record, which hit policy unique forbids"
                    + (f": {value} matches both" if value else ""),
                    "make the conditions exclusive, or use hit policy first or collect",
                    code="unique-overlap",
                )
            )
    problems.extend(
        Problem(
            locate(f"{row.path}.priority"),
            f"row {as_written(row.id)} has priority {row.priority}, but hit policy {hit_policy} reads "
            "no priority: its rows are tried in order",
            "set hit_policy: priority, or remove the priority",
            severity="warning",
            code="unused-priority",
        )
        for row in rows
        if row.priority and hit_policy != "priority"
    )
    if hit_policy == "priority" and len(rows) > 1 and len({r.priority for r in rows}) == 1:
        problems.append(
            Problem(
                locate(f"{path}.hit_policy"),
                f"hit policy priority, but every row has priority {rows[0].priority}: "
                "its rows are tried in order, as under hit policy first",
                "give the rows that must win a higher priority: 10, or use hit_policy: first",
                severity="warning",
                code="priority-unread",
            )
        )
    if default is None:
        problems.append(
            Problem(
                locate(path),
                "the table has no default, so records matching no row get no outputs",
                "add default: {...} with the outputs for unmatched records",
                severity="warning",
                code="missing-default",
            )
        )
    return problems


def _tried_first(hit_policy: str, later: Row, earlier: Row) -> tuple[str, str]:
    """Why ``earlier`` is tried before ``later``, and the hint: under ``priority`` rows are
    tried by descending priority, so moving a row of lower priority changes nothing."""
    if hit_policy != "priority":
        return "is tried first", "remove the row, or move it before the row that shadows it"
    raise_it = f"remove the row, or give it a priority above {earlier.priority}"
    if earlier.priority == later.priority:
        return (
            f"has priority {earlier.priority} as well, and comes first",
            f"{raise_it}, or move it before row {as_written(earlier.id)}",
        )
    return f"is tried first (priority {earlier.priority} against its {later.priority})", raise_it


def _why_never(earlier: Row) -> str:
    return "matches every record" if earlier.condition is None else "has the identical condition"


def _first_covering(rows: Sequence[Row], *, overlap: bool) -> Iterator[tuple[Row, Row]]:
    """Each row with the first row before it that matches whenever it does: one that is
    unconditional or has the identical condition (``overlap``: or any row, before an
    unconditional one). One pass with conditions looked up by key: comparing every pair
    made a 17,000-row table take minutes."""
    always: tuple[int, Row] | None = None
    seen: dict[Hashable, tuple[int, Row]] = {}
    for pos, row in enumerate(rows):
        same = None if row.condition is None else seen.get(row.condition.key)
        found = [c for c in (always, same) if c is not None]
        if overlap and row.condition is None and pos:
            found.append((0, rows[0]))
        if found:
            yield row, min(found, key=lambda candidate: candidate[0])[1]
        if row.condition is None:
            always = always or (pos, row)
        else:
            seen.setdefault(row.condition.key, (pos, row))
