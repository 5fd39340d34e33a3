"""Amount formulas: how a remedy's money is computed, exactly and explainably.

Forms (YAML shown)::

    250                                   # a fixed amount in the policy's currency
    {amount: 250, currency: EUR}          # ... with its currency spelled out (must match)
    {fixed: {amount: 250, currency: EUR}} # the same, as the ``fixed`` formula
    {percent: 30, of: amount}             # 30% of an input (``amount``: the order amount)
    {multiple: 3, of: price}              # three times an input
    {multiple: 3, of: loss, default: 0}   # ... an absent input counts as 0 instead of failing
    {percent: 50, of: {fixed: 600}}       # ``of`` may be another formula
    {greater_of: [f1, f2]}  {sum_of: [...]}  {least_of: [...]}
    {multiple: 3, of: price, floor: 500, cap: 5000}   # floor/cap: any formula

Inputs are named ``Money`` values (``amount``, ``price``, ``paid``, ``loss``…) supplied with
the case. What a remedy pays is rounded to the currency's minor unit once, before its floor
and cap apply, so the bounds hold for the amount paid; a formula inside another keeps every
digit. Every evaluation returns the amount with a trace of each step, which ``explain`` prints.

Plugins add forms through the ``register_formulas(register)`` hook: ``register(name,
factory)`` where ``factory(spec, path, compiler) -> Formula`` reads the mapping whose key
``name`` selected it.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final, cast

import attrs

from complaintkit.compensation.bounds import (
    bounds_fit,
    factor_fits,
    paid_bound,
    too_big,
    within_digits,
)
from complaintkit.compensation.factor_hints import (
    amount_hint,
    fact_factor_problem,
    factor_hint,
    percent_below_one,
)
from complaintkit.compensation.formula_answers import constant_problem, described, steps_problem
from complaintkit.compensation.formula_protocol import Amount, Context, Formula
from complaintkit.compensation.formula_registry import MODIFIERS, FormulaRegistry, is_formula
from complaintkit.compensation.inputs import OWED_MONEY, MissingInput, supplied_money
from complaintkit.errors import ComplaintkitError, InvalidInput, Problem
from complaintkit.model.money import (
    AMOUNT_BOUNDS,
    Money,
    check_size,
    not_ascii,
    plain_number,
    unknown_currency,
    unpayable_as_written,
)
from complaintkit.plugin_exit import contained, plugin_failure
from complaintkit.plugin_said import said
from complaintkit.policy import shape_hints
from complaintkit.policy.conditions import Locate, default_locate
from complaintkit.policy.facts import PATH_RE
from complaintkit.policy.policy_numbers import to_number

if TYPE_CHECKING:
    from complaintkit.plugins import Plugins

#: What an input ``of`` names: a top-level fact (``price``, ``loss``, ``monthly_fee``).
INPUT_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


#: ``factory(spec, path, compiler) -> Formula | None`` (None after ``compiler.error``).
FormulaFactory = Callable[[Mapping[str, object], str, "FormulaCompiler"], "Formula | None"]


@attrs.frozen
class Fixed:
    money: Money

    @property
    def constant(self) -> Money:
        return self.money

    def evaluate(self, context: Context) -> Amount:
        return Amount(self.money, (f"fixed {self.money.shown()}",))

    def describe(self) -> str:
        return self.money.shown()


@attrs.frozen
class Input:
    """A named input, or ``default`` when the case did not supply it."""

    name: str
    default: Decimal | None = None

    @property
    def constant(self) -> None:
        return None

    def evaluate(self, context: Context) -> Amount:
        value = supplied_money(context, self.name)
        if value is None:
            if self.default is None:
                raise MissingInput(self.name, context.inputs)
            value = Money(self.default, context.currency)
            return Amount(value, (f"{self.name} not given, default {value.shown()}",))
        given = context.inputs[self.name]
        if value == given:
            return Amount(value, ())
        if self.name in OWED_MONEY:
            read = f"{value.shown()}, paid in whole units of {value.currency} ({context.rounding})"
        else:
            read = f"{value.shown()}, what can have been paid in whole units of {value.currency}"
        return Amount(value, (f"{self.name} {given.shown()} read as {read}",))

    def describe(self) -> str:
        return self.name


@attrs.frozen
class Scaled:
    """``percent`` (factor/100) or ``multiple`` (factor) of an input or formula."""

    kind: str
    #: a number, or the name of a numeric fact (``{multiple: {fact: days_late}, ...}``)
    factor: Decimal | str
    of: Formula

    @property
    def constant(self) -> Money | None:
        base = self.of.constant
        if base is None or isinstance(self.factor, str):
            return None
        return self._scale(base, self.factor)

    def _scale(self, base: Money, factor: Decimal) -> Money:
        """Every digit of the product (``Money.__mul__``), so it is rounded once, when paid."""
        return base.percent(factor) if self.kind == "percent" else base * factor

    def evaluate(self, context: Context) -> Amount:
        factor, steps = self._factor(context)
        base = self.of.evaluate(context)
        value = self._scale(base.value, factor)
        text = (
            f"{plain_number(factor)}% of {self.of.describe()} ({base.value.shown()}) = {value.shown()}"
            if self.kind == "percent"
            else f"{plain_number(factor)} x {self.of.describe()} ({base.value.shown()}) = "
            f"{value.shown()}"
        )
        return Amount(value, (*steps, *base.steps, text))

    def _factor(self, context: Context) -> tuple[Decimal, tuple[str, ...]]:
        if not isinstance(self.factor, str):
            return self.factor, ()
        value = context.numbers.get(self.factor)
        if value is None:
            raise MissingInput(self.factor, context.numbers, what="a number")
        try:
            value = to_number(value)  # finite and of bounded size, as policy numbers are
        except ValueError as exc:
            raise InvalidInput(f"facts.{self.factor}", f"{self.factor} {exc}") from None
        if value < 0:
            raise InvalidInput(
                f"facts.{self.factor}", f"{self.factor} must not be negative (got {value})"
            )
        return value, (f"{self.factor} = {plain_number(value)}",)

    def describe(self) -> str:
        factor = self.factor if isinstance(self.factor, str) else plain_number(self.factor)
        if self.kind == "percent":
            return f"{factor}% of {self.of.describe()}"
        return f"{factor} x {self.of.describe()}"


_COMBINE: Final[dict[str, Callable[[Sequence[Decimal]], Decimal]]] = {
    "greater_of": max,
    "least_of": min,
    "sum_of": sum,  # type: ignore[dict-item]
}


@attrs.frozen
class Combined:
    kind: str
    parts: tuple[Formula, ...]

    @property
    def constant(self) -> Money | None:
        values = [p.constant for p in self.parts]
        if any(v is None for v in values):
            return None
        total = _COMBINE[self.kind]([v.amount for v in values if v is not None])
        return Money(total, self.parts[0].constant.currency)  # type: ignore[union-attr]

    def evaluate(self, context: Context) -> Amount:
        results = [p.evaluate(context) for p in self.parts]
        currencies = {r.value.currency for r in results}
        if len(currencies) > 1:
            raise InvalidInput(
                "facts", f"{self.kind} mixes currencies {sorted(currencies)}; convert first"
            )
        value = Money(_COMBINE[self.kind]([r.value.amount for r in results]), currencies.pop())
        shown = ", ".join(r.value.shown() for r in results)
        steps = tuple(s for r in results for s in r.steps)
        return Amount(value, (*steps, f"{self.kind.replace('_', ' ')}({shown}) = {value.shown()}"))

    def describe(self) -> str:
        return f"{self.kind}({', '.join(p.describe() for p in self.parts)})"


@attrs.frozen
class Bounded:
    """A formula held between its floor and cap; rounded to the minor unit (its bounds
    toward the inside) only when ``paid``, and to 15 digits only when ``sized``: a part of
    another is not (rounded twice; ``least_of: [<1e22>, 500]`` pays 500)."""

    inner: Formula
    floor: Formula | None = None
    cap: Formula | None = None
    label: str = ""
    #: which formula of which plugin ``inner`` is, for the error when it fails
    source: str = attrs.field(default="", eq=False, repr=False)
    paid: bool = True
    sized: bool = True

    @property
    def constant(self) -> Money | None:
        return self.inner.constant if self.floor is None and self.cap is None else None

    def _named(self) -> str:
        """Whose answer it is, for a message: the formula and the plugin it came from."""
        return self.source or described(self.inner, type(self.inner).__name__)

    def _answer(self, context: Context) -> Amount:
        """What ``inner`` answers, once it is known to be money this policy can pay."""
        try:
            result: object = self.inner.evaluate(context)  # a plugin may answer anything
        except ComplaintkitError:
            raise
        except BaseException as exc:  # a plugin's bug (sys.exit too), named so
            if not plugin_failure(exc):
                raise
            failed = f"{self._named()} failed: {said(exc)}"
            raise InvalidInput("formula", failed) from exc
        if not isinstance(result, Amount) or not isinstance(result.value, Money):
            wrong = f"{self._named()} answered {type(result).__name__}, not an Amount of Money"
            raise InvalidInput("formula", wrong)
        if (problem := steps_problem(result.steps)) is not None:
            raise InvalidInput("formula", f"{self._named()} answered {problem}")
        raw = result.value
        if raw.currency != context.currency:
            wrong = f"{self._named()} answered {raw}; the policy pays in {context.currency}"
            raise InvalidInput("formula", wrong)
        if raw.amount < 0:
            raise InvalidInput(
                "formula",
                f"{self._named()} answered {raw}, which is negative; "
                "a remedy never takes money away",
            )
        return result

    def evaluate(self, context: Context) -> Amount:
        """Rounded (when paid) and held between floor and cap; then held to 15 digits:
        a cap of 500 over 1e22 pays 500 (1e22 unrounded: the cap is paid either way)."""
        result = self._answer(context)
        raw = result.value
        value = raw.rounded(context.rounding) if self.paid and not too_big(raw) else raw
        steps = list(result.steps)
        if value != raw:
            steps.append(f"rounded {raw} to {value} ({context.rounding})")
        floor_hit = cap_hit = None
        if self.floor is not None:
            floor = self._bound(self.floor, context, steps, "floor")
            if value < floor:
                steps.append(f"below the floor: raised {value} to {floor}")
                value, floor_hit = floor, floor
            else:
                steps.append(f"floor {floor} not reached")
        if self.cap is not None:
            cap = self._bound(self.cap, context, steps, "cap")
            if value > cap:
                steps.append(f"above the cap: lowered {value} to {cap}")
                value, cap_hit = cap, cap
            else:
                steps.append(f"cap {cap} not reached")
        if self.sized:
            held = (floor_hit or cap_hit) is not None
            within_digits(described(self.inner, self._named()), raw, value, held)
        return Amount(value, tuple(steps), floor_hit, cap_hit)

    def _bound(self, formula: Formula, context: Context, steps: list[str], name: str) -> Money:
        """The bound as worked out (every digit, as nested formulas keep them); for the
        amount paid, in the currency's minor units rounded toward the inside so it holds:
        a floor of 0.005 CNY pays at least 0.01, a cap of 50.005 at most 50.00."""
        if formula.constant is not None:
            value = formula.constant
        else:
            result = formula.evaluate(context)
            steps.extend(f"{name}: {s}" for s in result.steps)
            value = result.value
        return paid_bound(value, name) if self.paid else value

    def describe(self) -> str:
        text = described(self.inner, self._named())
        if self.floor is not None:
            text += f", at least {self.floor.describe()}"
        if self.cap is not None:
            text += f", at most {self.cap.describe()}"
        return text


class FormulaCompiler:
    """Compiles formula data for one policy currency, collecting problems as it goes."""

    def __init__(
        self,
        currency: str,
        *,
        locate: Locate = default_locate,
        registry: FormulaRegistry | None = None,
    ) -> None:
        self.currency = currency
        self.locate = locate
        self.registry = registry if registry is not None else default_formulas()
        self.problems: list[Problem] = []
        #: the rule whose formulas are compiled (``rule 'late'``), named in their errors
        self.rule = ""

    def error(self, path: str, message: str, hint: str = "", code: str = "") -> None:
        self.problems.append(Problem(self.locate(path), message, hint, "error", code))

    def _errors(self) -> int:
        """How many errors were reported so far (not warnings: they drop nothing)."""
        return sum(problem.severity == "error" for problem in self.problems)

    def number(self, value: object, path: str, hint: str = "") -> Decimal | None:
        try:
            if isinstance(value, str) and (refused := not_ascii(value)) is not None:
                raise ValueError(refused)
            return to_number(value)
        except ValueError as exc:
            advice = hint or amount_hint(value, self.currency, path)
            self.error(path, str(exc), advice, "bad-number")
        return None

    def money(self, value: object, path: str) -> Money | None:
        """A fixed amount: a number in the policy currency, or {amount, currency}."""
        if isinstance(value, Mapping):
            currency = value.get("currency", self.currency)
            if unknown := unknown_currency(currency):
                self.error(f"{path}.currency", *unknown, "currency")
                return None
            if currency != self.currency:
                self.error(
                    f"{path}.currency",
                    f"amount in {currency} but the compensation policy's currency is "
                    f"{self.currency}",
                    f"write the amount in {self.currency}, or move it to a policy in {currency}",
                    "currency-mismatch",
                )
                return None
            value = value.get("amount")
        number = self.amount(value, path)
        return None if number is None else Money(number, self.currency)

    def amount(self, value: object, path: str) -> Decimal | None:
        """A sum of money as written: not negative, and within the bounds outside input
        has (``check_size``), so whatever validates can be computed with."""
        number = self.number(value, path)
        if number is None:
            return None
        if number < 0:
            self.error(
                path,
                f"amounts cannot be negative (got {value!r})",
                "write the amount the customer receives; a remedy never takes money away",
                "negative-amount",
            )
            return None
        try:
            check_size(number, path)
        except InvalidInput as exc:
            self.error(
                path,
                exc.message,
                AMOUNT_BOUNDS,
                "amount-size",
            )
            return None
        if (unpayable := unpayable_as_written(value, number, self.currency)) is not None:
            self.error(path, *unpayable)
            return None
        return number

    def compile(self, data: object, path: str) -> Formula | None:
        """The formula a remedy pays for ``data``, rounded to the minor unit, or None."""
        return self._compile(data, path, paid=True, sized=True)

    def nested(self, data: object, path: str) -> Formula | None:
        """A formula inside another (an ``of``, a part), every digit kept, or None."""
        return self._compile(data, path, paid=False, sized=False)

    def _compile(self, data: object, path: str, *, paid: bool, sized: bool) -> Formula | None:
        if not isinstance(data, Mapping) or is_money(data):
            money = self.money(data, path)
            return None if money is None else Fixed(money)
        kinds = [k for k in data if k not in MODIFIERS and self.registry.get(str(k))]
        if len(kinds) != 1:
            found = ", ".join(map(str, data)) or "nothing"
            self.error(
                path,
                f"a formula needs exactly one of {', '.join(self.registry.names())} (found {found})",
                "e.g. {multiple: 3, of: price, floor: 500}",
                "formula-kind",
            )
            return None
        kind = str(kinds[0])
        inner = self._made(kind, data, path)
        # the bounds are checked even when the main part failed: one run names every mistake
        bound = functools.partial(self._compile, paid=False, sized=True)
        floor = bound(data["floor"], f"{path}.floor") if "floor" in data else None
        cap = bound(data["cap"], f"{path}.cap") if "cap" in data else None
        missing = ("floor" in data and floor is None) or ("cap" in data and cap is None)
        if inner is None or missing or not bounds_fit(inner, floor, cap, path, self, sized=sized):
            return None
        source = f"formula {kind!r} from plugin {self.registry.provider(kind)!r}"
        return Bounded(inner, floor, cap, str(data.get("label", "")), source, paid, sized)

    def _made(self, kind: str, data: Mapping[str, object], path: str) -> Formula | None:
        """What formula ``kind``'s factory makes of ``data``, or None after an error: its
        own (``error``), or the plugin's when it raises, answers something that is no
        ``Formula``, or None without reporting an error — named as the plugin's bug, not
        the policy's."""
        factory = self.registry.get(kind)
        assert factory is not None
        errors = self._errors()
        try:
            with contained():
                made: object = factory(copy.deepcopy(data), path, self)  # not the policy's
                shaped = is_formula(made)  # looks its methods up: a property may raise
        except Exception as exc:
            made, shaped = exc, False
        if made is None and self._errors() > errors:  # it said why
            return None
        if made is None:  # else the policy loads and the remedy is silently dropped
            failure: str | None = "gave None without reporting why (compiler.error)"
        elif isinstance(made, Exception):
            failure = f"failed: {said(made)}"
        elif not shaped:
            failure = f"gave a {type(made).__name__}, not a Formula"
        elif (failure := constant_problem(made, self.currency)) is None:
            return cast("Formula", made)
        provider = self.registry.provider(kind)
        self.error(
            path,
            f"formula {kind!r} from plugin {provider!r} {failure}",
            f"a bug in {provider}: its factory must return a Formula (constant, evaluate, "
            "describe), or None after compiler.error",
            "bad-formula",
        )
        return None

    def source(self, data: Mapping[str, object], path: str) -> Formula | None:
        """The ``of`` of a percent or multiple: an input name or a nested formula. An input
        is a top-level fact, so a name no fact can be (``price ``, ``flight.price``) is an
        error here rather than a decision failing for an input nobody can give."""
        of = data.get("of", "amount")
        if isinstance(of, str) and not INPUT_NAME.match(of):
            self.error(
                f"{path}.of",
                f"an input is named like price or loss (got {of!r})",
                "ASCII letters, digits and _: the name of a fact at the top level "
                "(one inside a mapping, flight: {price: ...}, is no input)",
                "input-name",
            )
            return None
        if isinstance(of, str):
            default = None
            if "default" in data:  # a number, or {amount, currency} as a floor may be
                money = self.money(data["default"], f"{path}.default")
                if money is None:
                    return None
                default = money.amount
            return Input(of, default)
        if "default" in data:
            self.error(
                f"{path}.default",
                "default stands in for a missing input, but of is a formula, not an input",
                "move default into the formula that reads the input: "
                "{multiple: 3, of: {percent: 50, of: price, default: 0}}",
                "unused-default",
            )
            return None
        return self.nested(of, f"{path}.of")

    def check_keys(self, data: Mapping[str, object], path: str, allowed: set[str]) -> bool:
        unknown = sorted(set(map(str, data)) - allowed - MODIFIERS)
        for key in unknown:
            self.error(
                f"{path}.{key}",
                f"unknown formula key {key!r}",
                f"this formula takes {', '.join(sorted(allowed | MODIFIERS))}",
                "unknown-key",
            )
        return not unknown


def is_money(data: Mapping[object, object]) -> bool:
    """``{amount: 250, currency: EUR}``: money written with its currency, a fixed amount."""
    return "amount" in data and set(data) <= {"amount", "currency"}


def _fixed(data: Mapping[str, object], path: str, compiler: FormulaCompiler) -> Formula | None:
    if not compiler.check_keys(data, path, {"fixed"}):
        return None
    money = compiler.money(data["fixed"], f"{path}.fixed")
    return None if money is None else Fixed(money)


def _scaled(kind: str) -> FormulaFactory:
    def factory(data: Mapping[str, object], path: str, compiler: FormulaCompiler) -> Formula | None:
        if not compiler.check_keys(data, path, {kind, "of", "default"}):
            return None
        raw = data[kind]
        factor: Decimal | str | None
        if isinstance(raw, Mapping):
            factor = _fact_name(raw, f"{path}.{kind}", compiler)
        else:
            factor = compiler.number(raw, f"{path}.{kind}", factor_hint(kind, raw))
            if factor is not None and factor < 0:
                compiler.error(f"{path}.{kind}", f"{kind} must not be negative (got {factor})")
                factor = None
            if factor is not None and not factor_fits(kind, factor, f"{path}.{kind}", compiler):
                factor = None
            percent_below_one(kind, factor, f"{path}.{kind}", compiler)
        of = compiler.source(data, path)
        return None if factor is None or of is None else Scaled(kind, factor, of)

    return factory


def _fact_name(raw: Mapping[str, object], path: str, compiler: FormulaCompiler) -> str | None:
    name = raw.get("fact")
    if set(raw) != {"fact"} or not isinstance(name, str) or not PATH_RE.match(name):
        message, hint = fact_factor_problem(path.rsplit(".", 1)[-1], raw)
        compiler.error(path, message, hint, "bad-factor")
        return None
    return name


def _combined(kind: str) -> FormulaFactory:
    def factory(data: Mapping[str, object], path: str, compiler: FormulaCompiler) -> Formula | None:
        if not compiler.check_keys(data, path, {kind}):
            return None
        items = data[kind]
        if not isinstance(items, list) or not items:
            message, hint = f"{kind} needs a non-empty list of formulas", shape_hints.formulas(kind)
            compiler.error(f"{path}.{kind}", message, hint)
            return None
        parts = [compiler.nested(item, f"{path}.{kind}[{i}]") for i, item in enumerate(items)]
        valid = [p for p in parts if p is not None]
        return Combined(kind, tuple(valid)) if len(valid) == len(parts) else None

    return factory


def register_builtin_formulas(register: Callable[[str, FormulaFactory, str], None]) -> None:
    """The standard forms, registered the way a plugin's ``register_formulas`` would."""
    register("fixed", _fixed, "complaintkit")
    for kind in ("percent", "multiple"):
        register(kind, _scaled(kind), "complaintkit")
    for kind in _COMBINE:
        register(kind, _combined(kind), "complaintkit")


def default_formulas() -> FormulaRegistry:
    registry = FormulaRegistry()
    register_builtin_formulas(registry.register)
    return registry


def formula_registry(plugins: Plugins) -> FormulaRegistry:
    """Every formula the loaded plugins register, ``complaintkit.builtin.formulas`` too."""
    registry = FormulaRegistry()
    for item in plugins.formulas.values():
        registry.register(item.name, item.value, item.plugin)
    return registry
