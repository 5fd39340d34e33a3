"""Conditions as data, compiled once into fast predicates that can also explain themselves.

Syntax (YAML shown; every condition is one mapping)::

    {field: complaint.amount, ">=": 100}           # compare a field: ==  !=  <  <=  >  >=
    {field: customer.tier, in: [gold, vip]}        # membership: in, not in
    {field: complaint.amount, between: [10, 100]}  # inclusive numeric range
    {field: complaint.order_id, exists: true}      # presence (false: absent or null)
    {field: loss, money: true}                     # a fact written as money, not a number
    {field: case.tags, contains: vip}              # an item of a list (or a substring)
    {field: complaint.text, regex: "订单号\\d{6}"}  # bounded regex, see policy.regex
    {keywords: [变质, 异物, food poisoning]}         # any keyword, in complaint.subject/text
    {keywords: [refund], fields: [complaint.text]} # ... or in the listed fields
    {history: {complaints_in_last_days: 30}, ">=": 3}  # customer-history fact, same ops
    {all: [...]}  {any: [...]}  {not: {...}}

A field condition is its subject (``field`` or ``history``) plus exactly one operator key;
plugins add operators through :class:`~complaintkit.policy.operators.OperatorRegistry`.
A condition on a missing or null field is false, except ``exists: false``.

Compiling yields a tree of small :class:`Node` objects — each callable and able to say why
it was false — and, from the same tree, one generated function for the hot path (see
:mod:`complaintkit.policy.codegen`). Errors are collected, not raised one at a time, so a
policy author sees every bad condition with its location in one go.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any, Final, cast

import attrs

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.plugin_exit import call_failure, contained
from complaintkit.policy import shape_hints
from complaintkit.policy.as_written import got
from complaintkit.policy.codegen import Generator
from complaintkit.policy.condition_keys import exact_key
from complaintkit.policy.condition_nodes import (
    AllNode,
    AnyNode,
    KeywordNode,
    Node,
    NotNode,
    TestNode,
)
from complaintkit.policy.currency_nodes import AmountTestNode, FactAmountTestNode
from complaintkit.policy.data_paths import join
from complaintkit.policy.except_phrases import BadPhrase, except_phrases
from complaintkit.policy.facts import PATH_RE, Facts, field_getter
from complaintkit.policy.fieldpaths import (
    bad_path,
    bare_text_field,
    keyword_field_mismatch,
    operator_mismatch,
    unknown_field,
)
from complaintkit.policy.file_formats import in_yaml
from complaintkit.policy.history_facts import history_problem
from complaintkit.policy.key_hints import meant_lead
from complaintkit.policy.keyword_lists import list_in_item, list_in_keyword
from complaintkit.policy.keywords import (
    MATCH_MODES,
    Keyword,
    KeywordIndexBuilder,
    exclusion_problems,
    hint_of,
    normalise_keyword,
)
from complaintkit.policy.money_literals import (
    MoneyRefused,
    ambiguous_threshold,
    holds_money,
    written_money,
)
from complaintkit.policy.operator_spellings import operator_hint
from complaintkit.policy.operators import (
    Between,
    BuiltinTest,
    Compare,
    Member,
    Operator,
    OperatorRegistry,
    ValueTest,
    default_registry,
    guarded_test,
    never_answers,
    render_value,
)
from complaintkit.policy.unread_numbers import refuse_unread

#: The key that makes each form of condition what it is.
_CONDITION_KEYS: Final = ("field", "history", "keywords", "all", "any", "not")
#: Keys a keyword condition may have.
_KEYWORD_KEYS: Final = frozenset({"keywords", "fields", "match", "except"})

#: ``locate(path) -> Location``: the loader maps a policy path to file:line:column.
Locate = Callable[[str], Location]
#: ``find(text) -> (index, message, hint, code)`` of a separator a list was meant by, or None.
ListFinder = Callable[..., "tuple[int, str, str, str] | None"]
#: A condition's subject: its label, how to read its value, and the hot path's expression.
_Subject = tuple[str, Callable[[Facts], object], Callable[[Generator], str]]
DEFAULT_KEYWORD_FIELDS: Final = ("complaint.subject", "complaint.text")
_AMOUNT: Final = "complaint.amount"
_CURRENCY: Final = "complaint.currency"
_FORMS: Final = (
    "{field: <path>, <operator>: <value>}, {history: <name> or {<name>: <argument>}, "
    "<operator>: <value>}, {keywords: [...], fields: [...]}, {all: [...]}, {any: [...]}, "
    "{not: {...}}"
)


def default_locate(path: str) -> Location:
    """Where a problem sits when no loader supplied positions."""
    return Location(file="<policy>", path=path)


class ConditionCompiler:
    """Compiles condition data into nodes, collecting problems instead of stopping.

    All keyword conditions of one compiler share one index; call :meth:`finish` after the
    last condition to build it. Given ``keywords``, a builder other compilers use as well
    (every table of a policy section), the compiler adds to that index instead and its
    owner builds it once all are compiled.
    """

    def __init__(
        self,
        locate: Locate = default_locate,
        registry: OperatorRegistry | None = None,
        keywords: KeywordIndexBuilder | None = None,
        currency: str | None = None,
    ):
        self.locate = locate
        #: the policy's currency: a bare number compared with the amount is money in it
        self.currency = currency
        #: the currencies each enclosing ``all`` that tests ``complaint.currency`` states
        self._currency_stated: list[frozenset[str]] = []
        self.registry = registry if registry is not None else default_registry()
        self.problems: list[Problem] = []
        #: the field paths the compiled conditions read (history facts aside)
        self.reads: set[str] = set()
        self._shared = keywords is not None
        self._keywords = keywords if keywords is not None else KeywordIndexBuilder()

    def error(self, path: str, message: str, hint: str = "", code: str = "") -> None:
        self.problems.append(Problem(self.locate(path), message, hint, "error", code))

    def finish(self) -> None:
        if not self._shared:
            self._keywords.build()

    def compile(self, data: object, path: str) -> Node | None:
        """The node for ``data``, or None after recording why it is invalid."""
        if not isinstance(data, Mapping) or not data:
            self.error(path, f"a condition must be a mapping (got {got(data)})", _FORMS, "shape")
            return None
        keys = set(data)
        for combinator in ("all", "any", "not"):
            if combinator in keys:
                if keys != {combinator}:
                    others = ", ".join(sorted(map(str, keys - {combinator})))
                    self.error(
                        path,
                        f"'{combinator}' must be the only key of its condition (also: {others})",
                        f"wrap the other keys in their own condition inside '{combinator}'",
                        "shape",
                    )
                    return None
                return self._combinator(combinator, data[combinator], f"{path}.{combinator}")
        if "keywords" in keys:
            return self._keywords_node(data, path)
        if "field" in keys or "history" in keys:
            return self._test(data, path)
        # an operator beside a slip (fiel: …, contains: …) is right: the slip alone is named
        unknown = sorted(str(k) for k in keys if k not in self.registry.names()) or sorted(
            map(str, keys)
        )
        self.error(
            join(path, unknown[0]) if len(unknown) == 1 else path,
            f"unknown condition key{'s' * (len(unknown) > 1)} {', '.join(map(repr, unknown))}",
            f"{meant_lead(unknown, _CONDITION_KEYS)}use one of {_FORMS}",
            "unknown-condition",
        )
        return None

    def _combinator(self, name: str, value: object, path: str) -> Node | None:
        if name == "not":
            child = self.compile(value, path)
            return None if child is None else NotNode(path, child)
        if not isinstance(value, list) or not value:
            message = f"'{name}' needs a non-empty list of conditions (got {got(value)})"
            self.error(path, message, shape_hints.conditions(name), "shape")
            return None
        states = [_stated_currencies(c) for c in value] if name == "all" else []
        stated = [codes for codes in states if codes is not None]
        if stated:
            self._currency_stated.append(frozenset().union(*stated))
        try:
            children = [self.compile(item, f"{path}[{i}]") for i, item in enumerate(value)]
        finally:
            if stated:
                self._currency_stated.pop()
        valid = [c for c in children if c is not None]
        if len(valid) != len(children):
            return None
        return AllNode(path, valid) if name == "all" else AnyNode(path, valid)

    def _fields(self, value: object, path: str) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not value:
            self.error(path, f"'fields' must be a non-empty list of field paths (got {value!r})")
            return None

        if self._lists_held(value, path, partial(list_in_item, read_as="one field path")):
            return None
        bad = [f for f in value if not (isinstance(f, str) and PATH_RE.match(f))]
        if bad:
            self.error(
                path, f"invalid field paths: {bad!r}", "write dotted paths such as complaint.text"
            )
            return None
        for i, field in enumerate(value):
            if (unknown := unknown_field(field) or bare_text_field(field)) is not None:
                self.error(f"{path}[{i}]", *unknown, code="unknown-field")
            elif (never := keyword_field_mismatch(field)) is not None:
                self.error(f"{path}[{i}]", *never, code="operator-type")
        return tuple(dict.fromkeys(value))

    def _keywords_node(self, data: Mapping[str, object], path: str) -> Node | None:
        extra = set(data) - _KEYWORD_KEYS
        if extra:
            self.error(
                path,
                f"unexpected keys beside 'keywords': {sorted(map(str, extra))}",
                f"{meant_lead(extra, _KEYWORD_KEYS)}a keyword condition takes only "
                f"{', '.join(sorted(_KEYWORD_KEYS))}",
                "shape",
            )
            return None
        raw = data["keywords"]
        if not isinstance(raw, list) or not raw:
            self.error(
                f"{path}.keywords",
                f"'keywords' needs a non-empty list (got {raw!r})",
                "list at least one keyword, e.g. keywords: [变质, spoiled]",
                "empty-keywords",
            )
            return None
        default = self._keyword_options(data, path, Keyword(""))
        if default is None:
            return None
        keywords = []
        for i, item in enumerate(raw):
            keyword = self._keyword(item, f"{path}.keywords[{i}]", default)
            if keyword is not None:
                keywords.append(keyword)
        fields = (
            self._fields(data["fields"], f"{path}.fields")
            if "fields" in data
            else DEFAULT_KEYWORD_FIELDS
        )
        if fields is None or len(keywords) != len(raw):
            return None
        for where, message, hint in exclusion_problems(raw, keywords, default.exclude, path):
            self.error(where, message, hint, "bad-except")
        self.reads.update(fields)
        return KeywordNode(path, self._keywords.add(list(dict.fromkeys(keywords)), fields))

    def _keyword(self, item: object, path: str, default: Keyword) -> Keyword | None:
        """``变质`` or ``{text: fraud, match: prefix, except: [...]}``, over the defaults."""
        if isinstance(item, Mapping):
            extra = set(item) - {"text", "match", "except"}
            if extra or "text" not in item:
                self.error(
                    path,
                    f"a keyword written as a mapping takes text, match and except "
                    f"(got {sorted(map(str, item))})",
                    "e.g. {text: fraud, match: prefix}",
                    "shape",
                )
                return None
            options = self._keyword_options(item, path, default)
            if options is None:
                return None
            default, item = options, item["text"]
        if self._holds_a_list(item, path):
            return None
        try:
            return attrs.evolve(default, text=normalise_keyword(item), written=str(item))
        except ValueError as exc:
            self.error(path, str(exc), hint_of(exc, "remove it or give it text"), "bad-keyword")
            return None

    def _keyword_options(
        self, data: Mapping[str, object], path: str, default: Keyword
    ) -> Keyword | None:
        match = data.get("match", default.match)
        if match not in MATCH_MODES:
            self.error(
                f"{path}.match",
                f"unknown keyword match {match!r}",
                f"use one of {', '.join(MATCH_MODES)} (word is the default)",
                "bad-match",
            )
            return None
        try:
            phrases = except_phrases(data.get("except", list(default.exclude)), f"{path}.except")
        except BadPhrase as exc:
            self.error(exc.where, str(exc), "list phrases such as [没送到]", "bad-keyword")
            return None
        return Keyword("", str(match), phrases)

    def _lists_held(self, items: object, path: str, find: ListFinder) -> bool:
        """Whether an item of ``items`` holds a list meant (each such item reported)."""
        listed = items if isinstance(items, list) else []
        return sum(self._holds_a_list(v, f"{path}[{i}]", find) for i, v in enumerate(listed)) > 0

    def _holds_a_list(self, keyword: object, path: str, find: ListFinder = list_in_keyword) -> bool:
        """A keyword holding the list meant (a full-width comma, 退款 退货, 退款|退货): reported."""
        if not isinstance(keyword, str):
            return False
        where = self.locate(path)
        found = find(keyword, yaml=in_yaml(where))
        if found is None:
            return False
        at, message, hint, code = found
        if where.column is not None:
            where = attrs.evolve(where, column=where.column + at)
        self.problems.append(Problem(where, message, hint, "error", code))
        return True

    def _test(self, data: Mapping[str, object], path: str) -> Node | None:
        subject_key = "field" if "field" in data else "history"
        operators = [k for k in data if k not in ("field", "history")]
        valid = ", ".join(self.registry.names())
        if "field" in data and "history" in data:
            self.error(path, "a condition has either 'field' or 'history', not both")
            return None
        if len(operators) != 1:
            found = ", ".join(map(repr, operators)) or "none"
            self.error(
                path,
                f"a {subject_key} condition needs exactly one operator (found {found})",
                f"valid operators: {valid}",
                "operator-count",
            )
            return None
        name = str(operators[0])
        operator = self.registry.get(name)
        if operator is None:
            self.error(
                f"{path}.{name}",
                f"unknown operator {name!r}",
                operator_hint(name, list(self.registry.names())),
                "unknown-operator",
            )
            return None
        subject = self._subject(subject_key, data[subject_key], f"{path}.{subject_key}")
        if subject is None:
            return None
        return self._subject_test(path, name, operator, subject, data[name])

    def _subject_test(
        self, path: str, name: str, operator: Operator, subject: _Subject, argument: object
    ) -> TestNode | None:
        """``operator``'s test of ``argument`` on ``subject``, held to the currency of the
        money it compares (the policy's for a bare number); None after an error."""
        label, value, subject_source = subject
        try:
            money = written_money(label, name, argument)
        except MoneyRefused as exc:
            self.error(f"{path}.{name}", str(exc), exc.hint, "bad-money")
            return None
        ambiguous = None
        if money is not None:
            argument = money.argument
        elif label != _AMOUNT:
            ambiguous = ambiguous_threshold(label, argument, self._fact_currencies)
        elif (grouped := ambiguous_threshold(label, argument, self._amount_currencies)) is not None:
            self.error(f"{path}.{name}", *grouped, "amount-grouping")
            return None
        test = self._made_test(operator, argument, label, f"{path}.{name}")
        if test is None:
            return None
        if money is not None:
            rendered = money.render(label, name)
        elif isinstance(test, BuiltinTest):
            rendered = test.render(label)
        else:
            rendered = f"{label} {name} {render_value(argument)}"
        argument_key = exact_key(test if isinstance(test, BuiltinTest) else argument)
        node = TestNode(
            path,
            label=label,
            value=value,
            subject_source=subject_source,
            test=test,
            key=(label, name, argument_key),
            rendered=rendered,
        )
        if money is not None:
            return self._held_to(node, money.currency, stated=True)
        return self._in_currency(node, None if ambiguous is None else ambiguous[0])

    @property
    def _amount_currencies(self) -> frozenset[str]:
        """The currencies a bare number compared with the amount may be in here: those the
        innermost ``all`` around it states, else the policy's, if known."""
        if self._currency_stated:
            return self._currency_stated[-1]
        return frozenset() if self.currency is None else frozenset({self.currency})

    @property
    def _fact_currencies(self) -> frozenset[str]:
        """The currency a bare number compared with a fact is money in: the policy's."""
        return frozenset() if self.currency is None else frozenset({self.currency})

    def _in_currency(self, node: TestNode, ambiguous: str | None = None) -> TestNode:
        """``node``, held to the policy's currency when it compares the amount (and no
        enclosing ``all`` states the currency itself) or a fact with a bare number
        (``ambiguous``: why that number read as money in it is, see ``FactAmountTestNode``)."""
        if self.currency is None or not _compares_numbers(node.test):
            return node
        if node.label == _AMOUNT and self._currency_stated:
            return node
        return self._held_to(node, self.currency, stated=False, ambiguous=ambiguous)

    def _held_to(
        self, node: TestNode, currency: str, *, stated: bool, ambiguous: str | None = None
    ) -> TestNode:
        """``node``, true or false only for an amount in ``currency``."""
        if node.label == _AMOUNT:
            self.reads.add(_CURRENCY)
            return AmountTestNode(node, currency, stated=stated)
        if holds_money(node.label):
            return FactAmountTestNode(node, currency, stated=stated, ambiguous=ambiguous)
        return node

    def _made_test(
        self, operator: Operator, argument: object, label: str, path: str
    ) -> ValueTest | None:
        """The test ``operator`` makes of ``argument``, or None after an error: the
        policy's when the operator cannot apply to the field or the factory refuses the
        argument, the plugin's when it fails or answers something that cannot test a value."""
        name, provider = operator.name, operator.provider
        yaml = in_yaml(self.locate(path))
        if (mismatch := operator_mismatch(label, name, argument, yaml=yaml)) is not None:
            self.error(path, *mismatch, code="operator-type")
            return None
        if name in ("in", "not in") and self._lists_held(argument, path, list_in_item):
            return None
        try:
            with contained():  # sys.exit in a factory is the plugin's bug, named as such
                made: object = operator.factory(copy.deepcopy(argument))  # not the policy's
        except (ValueError, TypeError) as exc:
            hint = "; ".join(getattr(exc, "__notes__", ())) or operator.hint(argument, label)
            self.error(path, f"operator {name!r} on {label} {exc}", hint, "bad-argument")
            return None
        except (Exception, GeneratorExit) as exc:  # a plugin's bug, named as the plugin's
            made = call_failure(exc)
        if isinstance(made, BuiltinTest):
            return made
        unanswering = never_answers(made)
        if callable(made) and unanswering is None:
            return guarded_test(cast("ValueTest", made), name, provider, label)
        given = render_value(argument)
        self.error(
            path,
            f"operator {name!r} from plugin {provider!r} failed on {given}: "
            f"{type(made).__name__}: {made}"
            if isinstance(made, Exception)
            else f"operator {name!r} from plugin {provider!r} gave {made!r} for {given}, "
            f"not a test{unanswering or ''}",
            f"a bug in {provider}: its factory must return a test value -> bool",
            "bad-operator",
        )
        return None

    def _subject(self, kind: str, raw: object, path: str) -> _Subject | None:
        if kind == "field":
            if not (isinstance(raw, str) and PATH_RE.match(raw)):
                self.error(path, *bad_path(raw), code="bad-field")
                return None
            if (unknown := unknown_field(raw)) is not None:
                self.error(path, *unknown, code="unknown-field")
            self.reads.add(raw)
            return raw, field_getter(raw), lambda gen: gen.field(raw)
        name, argument = (raw, None) if isinstance(raw, str) else _single(raw)
        problem = history_problem(name, argument)
        if problem is not None:
            self.error(path, *problem, code="bad-history")
            return None
        assert isinstance(name, str)  # history_problem refuses any other name
        label = f"history.{name}" + ("" if argument is None else f"({argument})")

        def value(facts: Facts) -> object:
            return facts.history(name, argument)

        def source(gen: Generator) -> str:
            return gen.history(name, argument)

        return label, value, source


def _stated_currencies(condition: object) -> frozenset[str] | None:
    """The currencies ``condition`` (or an ``all``/``any`` inside it) states
    ``complaint.currency`` is in (``==`` or ``in``), None when it states none: beside it in
    an ``all``, an amount is in the currency the row states, not the policy's. ``!=``,
    ``not in``, ``exists`` or a pattern names none."""
    if not isinstance(condition, Mapping):
        return None
    if condition.get("field") == _CURRENCY:
        if "==" not in condition and "in" not in condition:
            return None
        named = condition.get("==", condition.get("in"))
        return frozenset(str(c) for c in (named if isinstance(named, list) else [named]))
    inner = [condition.get(k) for k in ("all", "any")]
    found = [
        codes
        for items in inner
        if isinstance(items, list)
        for c in items
        if (codes := _stated_currencies(c)) is not None
    ]
    return frozenset().union(*found) if found else None


def _compares_numbers(test: ValueTest) -> bool:
    """Whether ``test`` compares with numbers: ones money may be held to a currency in."""
    if isinstance(test, Compare):
        return isinstance(test.literal, Decimal)
    return isinstance(test, Between) or (isinstance(test, Member) and test.numbers)


def _single(raw: object) -> tuple[object, object]:
    if isinstance(raw, Mapping) and len(raw) == 1:
        return next(iter(raw.items()))
    return None, None


@attrs.frozen
class Condition:
    """A compiled standalone condition: ``condition(facts) -> bool``."""

    node: Node
    _fast: Callable[[Facts], int] = attrs.field(repr=False)

    def __call__(self, facts: Facts) -> bool:
        return self._fast(facts) == 0

    def explain(self, facts: Facts) -> str | None:
        """None when the condition holds, else its first failing sub-condition."""
        return self.node.explain(facts)

    def describe(self) -> str:
        return self.node.describe()


def compile_condition(
    data: object,
    path: str = "when",
    *,
    locate: Locate = default_locate,
    registry: OperatorRegistry | None = None,
    currency: str | None = None,
    refusing: bool = False,
) -> Condition:
    """Compile one condition; raises PolicyError listing every problem found. Given the
    policy's ``currency``, a bare number compared with ``complaint.amount`` is an amount in
    it (:class:`~complaintkit.policy.currency_nodes.AmountTestNode`). Text it compares as a
    number but spelling none raises ``UnreadNumber`` naming ``path`` when ``refusing`` (the
    SLA's rows: a change bringing such a fact is refused); otherwise such text never equals,
    orders or falls between numbers."""
    compiler = ConditionCompiler(locate, registry, currency=currency)
    node = compiler.compile(data, path)
    if node is None or any(p.severity == "error" for p in compiler.problems):
        raise PolicyError(compiler.problems)
    compiler.finish()

    def slow(facts: Facts) -> int:
        if refusing:
            refuse_unread(path, node, facts)
        return 0 if node(facts) else -1

    gen = Generator()
    return Condition(node, gen.first_match([node.source(gen)], slow))


def refusing_condition(data: object, path: str = "when", **options: Any) -> Condition:
    """``compile_condition`` of a rule whose fact given with its unit (``days_late: "3天"``)
    refuses the change bringing it (the SLA's target rows and escalation conditions): taken
    as false, it would choose the slow target or never fire, without a word."""
    return compile_condition(data, path, refusing=True, **options)
