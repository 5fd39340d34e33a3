"""Operators a field condition can apply, and the registry plugins extend.

An operator is a factory: it receives the condition's argument (``100`` in
``{field: complaint.amount, ">=": 100}``) once at compile time, validates and converts it,
and returns a test on the field's value. Built-ins are registered through
:func:`register_builtin_operators`, the same way a plugin's ``register_operators(register)``
hook adds its own; a name registered twice is a :class:`~complaintkit.errors.PluginError`
naming both providers.

Tests are never called with a missing value: the condition is simply false (only
``exists`` looks at absence). Numbers in policies become ``Decimal`` at compile time, so an
amount held as ``Decimal`` compares exactly with ``100`` or ``"99.90"``, never via float;
a value given as text that spells a number (``"1600"`` from a CSV import) compares with a
number as that number.
"""

from __future__ import annotations

import copy
import functools
import inspect
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Protocol

import attrs

from complaintkit.errors import PluginError, store_failed
from complaintkit.model.money import Money, plain_number
from complaintkit.plugin_exit import ctrl_c
from complaintkit.plugin_said import said, shown
from complaintkit.policy.as_written import as_yaml, got
from complaintkit.policy.ascii_numbers import in_ascii_digits
from complaintkit.policy.chinese_numerals import numbers_in_words
from complaintkit.policy.codegen import Generator
from complaintkit.policy.facts import MISSING
from complaintkit.policy.flag_text import as_flag
from complaintkit.policy.literals import LiteralGroup
from complaintkit.policy.money_amount import MoneyAmount
from complaintkit.policy.numeric_text import as_number, number_in_text
from complaintkit.policy.policy_numbers import to_number, to_scalar
from complaintkit.policy.regex import Pattern, PatternGroup, compile_bounded

#: What an operator factory returns: a test on a present field value.
ValueTest = Callable[[object], bool]
#: ``factory(argument) -> test``; raise ValueError or TypeError to reject the argument.
OperatorFactory = Callable[[object], ValueTest]

#: Keys with a structural meaning in a condition; no operator may take these names. ``match``
#: and ``except`` are a keyword condition's options: the policy schema reads them so in
#: every condition, so an operator named so could never be used.
RESERVED: Final = frozenset(
    {"field", "history", "all", "any", "not", "keywords", "fields", "match", "except"}
)


class RegisterOperator(Protocol):
    """The ``register`` callback handed to ``register_operators`` hooks."""

    def __call__(
        self, name: str, factory: OperatorFactory, *, expects: str, provider: str
    ) -> None: ...


@attrs.frozen
class Operator:
    """A registered operator; ``expects`` describes its argument for error hints."""

    name: str
    factory: OperatorFactory
    expects: str
    provider: str

    def hint(self, argument: object, label: str) -> str:
        """What the operator takes; for ``contains`` given several words, the condition
        an author means by it — any of them — which is ``keywords``."""
        if (
            self.name == "contains"
            and isinstance(argument, list)
            and argument
            and all(isinstance(word, str) for word in argument)
        ):
            return (
                f"'contains' takes one value; for any of several words write keywords: "
                f"{as_yaml(argument)}, fields: [{label}]"
            )
        if "number" in self.expects and (ascii := in_ascii_digits(self.name, argument)):
            return ascii
        if "number" in self.expects and (spelled := numbers_in_words(argument)) is not None:
            return f"write '{self.name}': {spelled}, a bare number in ASCII digits"
        if self.expects == "a number" and (number := number_with_unit(argument)) is not None:
            other = (
                f"; one in another is written with its code after it, e.g. '{number} JPY'"
                if _MONEY_MARK.search(unicodedata.normalize("NFKC", str(argument)))
                else ""
            )
            return (
                f"write '{self.name}': {number}, the number alone: a currency sign or unit "
                f"beside it is not read (a bare number is an amount in the policy's currency"
                f"{other})"
            )
        return f"'{self.name}' takes {self.expects}"


#: A number written with its currency sign or unit, as an SOP writes one: ¥100, 100元, 50%.
_WITH_UNIT: Final = re.compile(
    r"\s*+[¥$€£]?\s*+(\d+(?:\.\d+)?)\s*+(元|块钱|块|人民币|rmb|cny|usd|eur|gbp|%|天|日|小时|h|d)?\s*",
    re.IGNORECASE,
)


#: What marks a number written with a unit as money: a currency's sign or name (in NFKC,
#: so full-width signs too).
_MONEY_MARK: Final = re.compile(r"[¥$€£元块]|人民币|rmb|cny|usd|eur|gbp", re.IGNORECASE)


def number_with_unit(argument: object) -> str | None:
    """The number in text that is a number and a sign or unit (full-width too), if so."""
    if not isinstance(argument, str):
        return None
    text = unicodedata.normalize("NFKC", argument)
    found = _WITH_UNIT.fullmatch(text)
    if found is None or (found.group(2) is None and text.strip()[0] not in "¥$€£"):
        return None
    return found.group(1)


class OperatorRegistry:
    """Operator name → factory. Fill it once, then compile any number of policies."""

    def __init__(self) -> None:
        self._operators: dict[str, Operator] = {}

    def register(self, name: str, factory: OperatorFactory, *, expects: str, provider: str) -> None:
        if not name or name in RESERVED:
            raise PluginError(
                f"{provider} tried to register an operator named {name!r}; operator names "
                f"must be non-empty and not one of {', '.join(sorted(RESERVED))}",
                [provider],
            )
        if not _takes_one_argument(factory):
            raise PluginError(
                f"operator {name!r} of plugin {provider!r} has a factory "
                f"{getattr(factory, '__name__', 'factory')}{inspect.signature(factory)}, but "
                "complaintkit calls factory(argument) with the one argument a policy writes; "
                "give any other parameter a default",
                [provider],
            )
        existing = self._operators.get(name)
        if existing is not None:
            raise PluginError(
                f"operator {name!r} is registered by both {existing.provider} and {provider}; "
                "uninstall or block one of them",
                [existing.provider, provider],
            )
        self._operators[name] = Operator(name, factory, expects, provider)

    def get(self, name: str) -> Operator | None:
        return self._operators.get(name)

    def names(self) -> list[str]:
        return list(self._operators)


def _takes_one_argument(factory: OperatorFactory) -> bool:
    """Whether ``factory`` can be called with one positional argument: a factory that
    cannot would fail on every policy using it, each failure read as a bad argument."""
    try:
        inspect.signature(factory).bind(None)
    except ValueError:  # no signature to read (a builtin): trust it
        return True
    except TypeError:
        return False
    return True


def never_answers(test: object) -> str | None:
    """Why calling ``test`` would make no answer, only a coroutine or a generator whose
    body never runs (an ``async def``, or one that yields); None when it answers. An object
    is called through its class's ``__call__``, asked the same, as is what a partial wraps."""
    while isinstance(test, functools.partial):
        test = test.func
    if not inspect.isroutine(test):
        test = inspect.getattr_static(type(test), "__call__", None)
    if inspect.iscoroutinefunction(test) or inspect.isasyncgenfunction(test):
        return ": it is async, and a condition is tested synchronously"
    if inspect.isgeneratorfunction(test):
        return ": it yields, so its body would never run; return True or False"
    return None


def guarded_test(test: ValueTest, name: str, provider: str, label: str) -> ValueTest:
    """A plugin's ``test``, failing as the plugin's bug it is: a ``PluginError`` naming the
    operator, its plugin and the field, where intake, a tick or an agent's action show it —
    one of complaintkit's own errors too (an ``InvalidInput`` it raised is about no input
    the caller gave), but a store failing.
    A list or mapping it tests is a copy: changing it changes no stored complaint. Its
    answer is ``True`` or ``False``: read by truthiness, ``"no"`` would match."""

    def guarded(value: object) -> bool:
        if type(value) is list or type(value) is dict:  # the complaint's own: not to change
            value = copy.deepcopy(value)
        try:
            answer = test(value)
        except BaseException as exc:  # sys.exit, CancelledError, GeneratorExit: its bug too
            if ctrl_c(exc) or store_failed(exc):  # a store failing fails what waits on it
                raise
            raise PluginError(
                f"operator {name!r} from plugin {provider!r} failed on {label}: {said(exc)}",
                [provider],
            ) from exc
        if answer is True or answer is False:
            return answer
        raise PluginError(
            f"operator {name!r} from plugin {provider!r} answered {shown(answer, 40)} "
            f"({type(answer).__name__}) on {label}, not True or False",
            [provider],
        )

    return guarded


def default_registry() -> OperatorRegistry:
    """A registry holding only the built-in operators."""
    registry = OperatorRegistry()
    register_builtin_operators(registry.register)
    return registry


class BuiltinTest:
    """A test the code generator can inline instead of calling."""

    def __call__(self, value: object) -> bool:
        raise NotImplementedError

    def inline(self, var: str, gen: Generator) -> str:
        """A Python expression over the local ``var`` (may be MISSING)."""
        raise NotImplementedError

    def render(self, subject: str) -> str:
        raise NotImplementedError


def render_value(value: object) -> str:
    """How a literal or fact reads in explanations: ``42``, ``'gold'``, ``['a', 'b']``, ``true``,
    ``2026-11-23T09:00:00+08:00``, ``10.00 CNY`` (never a Python repr of a date or money; a
    fact written as money with its currency)."""
    if isinstance(value, bool) or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if isinstance(value, Decimal):  # a fact written as money is shown with its currency
        shown = plain_number(value)
        return f"{shown} {value.currency}" if isinstance(value, MoneyAmount) else shown
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Money):
        return value.shown()
    if isinstance(value, frozenset | tuple | list):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    return repr(value)


def render_output(value: object) -> str:
    """An outcome as a policy writes it: ``food_safety``, ``[食品, '12315']``, ``{a: 1}``;
    a date or money as :func:`render_value` shows it."""
    if isinstance(value, str):
        return as_yaml(value)
    if isinstance(value, frozenset | tuple | list):
        return "[" + ", ".join(render_output(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(f"{as_yaml(str(k))}: {render_output(v)}" for k, v in value.items())
            + "}"
        )
    return render_value(value)


_COMPARE: Final[dict[str, Callable[[Any, Any], object]]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@attrs.frozen
class Compare(BuiltinTest):
    """A comparison; against a number, text spelling a number compares as that number."""

    symbol: str
    literal: object

    def __call__(self, value: object) -> bool:
        if type(value) is str and type(self.literal) is bool:
            value = as_flag(value)
        elif type(value) in (str, float) and isinstance(self.literal, Decimal):
            value = as_number(value)
        if (type(value) is bool) != (type(self.literal) is bool):
            return self.symbol == "!="  # true is no 1, whatever Python says
        try:
            return bool(_COMPARE[self.symbol](value, self.literal))
        except (TypeError, InvalidOperation):  # a NaN is no number: it compares as none,
            return self.symbol == "!="  # unequal to everything (a signalling one raises)

    def inline(self, var: str, gen: Generator) -> str:
        literal = gen.const(self.literal)
        if type(self.literal) is bool:  # ``is``: 1 == True in Python; "true" is true
            flag = f"{gen.const(as_flag)}({var})"
            same = f"({var} is {literal} or ({gen.type_of(var)} is str and {flag} is {literal}))"
            # a missing fact is unequal to nothing, as ``TestNode`` answers it
            return same if self.symbol == "==" else f"({var} is not _M and not {same})"
        plain = f"({var} {self.symbol} {literal})"
        if not isinstance(self.literal, Decimal):
            return plain
        node = f"{gen.const(self)}({var})"  # a float compares as the decimal it writes
        if self.symbol not in ("==", "!="):
            # an ordering on text raises TypeError: the node tree answers
            return f"({node} if {gen.type_of(var)} is float else ({gen.type_of(var)} is not bool and {plain}))"
        # equality on text is no error, so numbers' fast path tells text apart itself
        return f"({plain} if {gen.type_of(var)} not in (str, bool, float) else {_spelt(node, var, gen)})"

    def render(self, subject: str) -> str:
        return f"{subject} {self.symbol} {render_value(self.literal)}"


def _spelt(node: str, var: str, gen: Generator) -> str:
    """``node`` on the text in ``var`` if it spells a number, else a ``TypeError``, as an
    ordering raises: the table's slow path names the text (``unread_numbers``)."""
    return f"({node} if {gen.const(number_in_text)}({var}) is not None else _no_number())"


@attrs.frozen
class Between(BuiltinTest):
    low: Decimal
    high: Decimal

    def __call__(self, value: object) -> bool:
        if type(value) in (str, float):
            value = as_number(value)
        try:
            return type(value) is not bool and bool(self.low <= value <= self.high)  # type: ignore[operator]
        except (TypeError, InvalidOperation):  # a NaN is within no range
            return False

    def inline(self, var: str, gen: Generator) -> str:
        low, high = gen.const(self.low), gen.const(self.high)
        within = f"({gen.type_of(var)} is not bool and {var} >= {low} and {var} <= {high})"
        return f"({gen.const(self)}({var}) if {gen.type_of(var)} is float else {within})"

    def render(self, subject: str) -> str:
        return f"{subject} between {render_value(self.low)} and {render_value(self.high)}"


@attrs.frozen
class Member(BuiltinTest):
    values: frozenset[object]  # text and numbers
    flags: frozenset[bool]  # true and false apart: one set would hold 1 and True as one
    negate: bool
    #: whether a number is listed: text spelling one is then that number, as ``==`` reads it
    numbers: bool = False

    def __call__(self, value: object) -> bool:
        if self.flags and type(value) is str:  # "true" is true, as ``Compare`` reads it
            value = as_flag(value)
        if type(value) is float or (
            self.numbers and type(value) is str and value not in self.values
        ):
            value = as_number(value)
        try:
            found = value in (self.flags if type(value) is bool else self.values)
            return value is not MISSING and found != self.negate
        except TypeError:
            return False

    def inline(self, var: str, gen: Generator) -> str:
        node = f"{gen.const(self)}({var})"
        if self.numbers:  # text may spell a number (or a flag listed): the node reads it
            listed = f"{gen.type_of(var)} is not str or {var} in {gen.const(self.values)}"
            if self.flags:
                listed += f" or type({gen.const(as_flag)}({var})) is bool"
            return f"({node} if {listed} else {_spelt(node, var, gen)})"
        if self.flags:  # text may spell a flag: the node reads it
            return node
        pool = (
            f"({gen.const(self.flags)} if {gen.type_of(var)} is bool else {gen.const(self.values)})"
        )
        if self.negate:
            return f"({var} is not _M and {var} not in {pool})"
        return f"({var} in {pool})"

    def render(self, subject: str) -> str:
        word = "not in" if self.negate else "in"
        return f"{subject} {word} {render_value(sorted([*self.values, *self.flags], key=repr))}"


@attrs.frozen
class Exists(BuiltinTest):
    wanted: bool

    def __call__(self, value: object) -> bool:
        return (value is not MISSING) == self.wanted

    def inline(self, var: str, gen: Generator) -> str:
        return f"({var} is not _M)" if self.wanted else f"({var} is _M)"

    def render(self, subject: str) -> str:
        return f"{subject} exists" if self.wanted else f"{subject} does not exist"


@attrs.frozen
class IsMoney(BuiltinTest):
    """Whether a fact is an amount of money (``{amount, currency}``), not a bare number, a
    flag or text: a row paying a fact as money matches only when it can pay it."""

    wanted: bool

    def __call__(self, value: object) -> bool:
        return value is not MISSING and isinstance(value, MoneyAmount | Money) == self.wanted

    def inline(self, var: str, gen: Generator) -> str:
        return f"{gen.const(self)}({var})"

    def render(self, subject: str) -> str:
        return f"{subject} is money" if self.wanted else f"{subject} is not money"


@attrs.frozen
class Contains(BuiltinTest):
    item: object

    def __call__(self, value: object) -> bool:
        if isinstance(value, list | tuple) and not isinstance(self.item, str):
            kind = type(self.item) is bool  # true is no 1 in a list either
            return any(v == self.item and (type(v) is bool) == kind for v in value)
        try:
            return value is not MISSING and self.item in value  # type: ignore[operator]
        except TypeError:
            return False

    def inline(self, var: str, gen: Generator) -> str:
        if not isinstance(self.item, str):
            return f"{gen.const(self)}({var})"
        return self.inline_any([self.item], var, gen)

    @staticmethod
    def inline_any(items: Sequence[str], var: str, gen: Generator) -> str:
        """An expression true when ``var`` contains any of the texts ``items``, as ``contains``
        of each joined by ``or`` is: in a text, one scan finds every word the table looks
        for, and the row asks once whether it found one of its own (lists keep ``in``)."""
        plain = " or ".join(f"({var} is not _M and {gen.const(item)} in {var})" for item in items)
        return (
            f"({gen.found_any(var, LiteralGroup, items)} if {gen.type_of(var)} is str else {plain})"
        )

    @property
    def text(self) -> str | None:
        """The text looked for, when it is text: ``any`` of such tests of one field is
        compiled as one (:meth:`inline_any`)."""
        return self.item if isinstance(self.item, str) else None

    def render(self, subject: str) -> str:
        return f"{subject} contains {render_value(self.item)}"


@attrs.frozen
class Regex(BuiltinTest):
    pattern: str
    compiled: Pattern = attrs.field(eq=False)

    def __call__(self, value: object) -> bool:
        return isinstance(value, str) and self.compiled.search(value) is not None

    def inline(self, var: str, gen: Generator) -> str:
        return f"(isinstance({var}, str) and {gen.found(var, PatternGroup, self.pattern)})"

    def render(self, subject: str) -> str:
        return f"{subject} matches regex {self.pattern!r}"


def _contains(argument: object) -> Contains:
    item = to_scalar(argument)
    if item == "":
        error = ValueError("expects something to look for (got '', which every text contains)")
        error.add_note("name the text to look for, e.g. contains: 退款")
        raise error
    return Contains(item)


def _scalars(argument: object) -> Iterable[object]:
    if not isinstance(argument, list | tuple) or not argument:
        raise ValueError(f"expects a non-empty list (got {got(argument)})")
    return (to_scalar(item) for item in argument)


def _member(argument: object, *, negate: bool) -> Member:
    items = list(_scalars(argument))
    flags = frozenset(v for v in items if isinstance(v, bool))
    values = frozenset(v for v in items if not isinstance(v, bool))
    numbers = any(isinstance(v, Decimal) for v in values)
    return Member(values, flags, negate, numbers)


def _comparison(symbol: str, convert: Callable[[object], object]) -> OperatorFactory:
    def factory(argument: object) -> Compare:
        return Compare(symbol, convert(argument))

    return factory


def _between(argument: object) -> Between:
    if not isinstance(argument, list | tuple) or len(argument) != 2:
        raise ValueError(f"expects a list of two numbers [low, high] (got {got(argument)})")
    low, high = to_number(argument[0]), to_number(argument[1])
    if low > high:
        raise ValueError(f"expects low <= high (got [{low}, {high}])")
    return Between(low, high)


def _exists(argument: object) -> Exists:
    if not isinstance(argument, bool):
        raise ValueError(f"expects true or false (got {got(argument)})")
    return Exists(argument)


def _is_money(argument: object) -> IsMoney:
    if not isinstance(argument, bool):
        raise ValueError(f"expects true or false (got {got(argument)})")
    return IsMoney(argument)


def _regex(argument: object) -> Regex:
    if not isinstance(argument, str) or not argument:
        raise ValueError(f"expects a non-empty pattern string (got {got(argument)})")
    return Regex(argument, compile_bounded(argument))


def register_builtin_operators(register: RegisterOperator) -> None:
    """The built-in operators, registered exactly as a plugin registers its own."""
    provider = "complaintkit"
    for symbol in ("==", "!="):
        register(
            symbol,
            _comparison(symbol, to_scalar),
            expects="text, a number or true/false",
            provider=provider,
        )
    for symbol in ("<", "<=", ">", ">="):
        register(symbol, _comparison(symbol, to_number), expects="a number", provider=provider)
    register(
        "in",
        lambda arg: _member(arg, negate=False),
        expects="a non-empty list of values",
        provider=provider,
    )
    register(
        "not in",
        lambda arg: _member(arg, negate=True),
        expects="a non-empty list of values",
        provider=provider,
    )
    register("between", _between, expects="[low, high], both numbers", provider=provider)
    register("exists", _exists, expects="true or false", provider=provider)
    register("money", _is_money, expects="true or false", provider=provider)
    register(
        "contains",
        _contains,
        expects="one value the list (or text) must contain",
        provider=provider,
    )
    register("regex", _regex, expects="a bounded regular expression", provider=provider)
