"""Remedies: what a customer can be given, and how one remedy's amount is worked out.

Kinds follow the SOPs (补偿 · 服务补救): money remedies (refund, voucher, credit, cash,
statutory_damages) carry an amount formula; the others (replacement, repair, apology,
value_added_service) carry only a label. A refund is never more than the amount paid —
``paid`` (else ``amount``) — unless its row says ``beyond_paid: true``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from complaintkit.compensation.bounds import too_big, within_digits
from complaintkit.compensation.factor_hints import factor_hint, percent_below_one
from complaintkit.compensation.formula_protocol import Amount, Context, Formula
from complaintkit.compensation.formulas import Bounded, FormulaCompiler, Input, Scaled
from complaintkit.compensation.inputs import supplied_money
from complaintkit.model.money import ARITHMETIC
from complaintkit.policy.shape_hints import REMEDY_LABEL

MONEY_KINDS: Final = ("refund", "voucher", "credit", "cash", "statutory_damages")
OTHER_KINDS: Final = ("replacement", "repair", "apology", "value_added_service")
KINDS: Final = MONEY_KINDS + OTHER_KINDS
#: What a refund is held to: what was paid, else the order's amount.
PAID_INPUTS: Final = ("paid", "amount")
_KEYS: Final = frozenset({"kind", "label", "amount", "percent", "full", "beyond_paid", "note"})


@attrs.frozen
class Remedy:
    """One compiled remedy of a compensation row."""

    kind: str
    path: str
    label: Mapping[str, str] = MappingProxyType({})
    formula: Formula | None = None
    beyond_paid: bool = False
    note: str = ""

    def evaluate(self, context: Context) -> Amount | None:
        """The amount, rounded, with refunds held to the amount paid; None if not money."""
        if self.formula is None:
            return None
        result = self.formula.evaluate(context)
        raw = result.value
        value = raw if too_big(raw) else raw.rounded(context.rounding)
        steps = list(result.steps)
        if value != raw:
            steps.append(f"rounded {raw} to {value} ({context.rounding})")
        cap = result.cap
        if self.kind == "refund" and not self.beyond_paid:  # only a refund reads what was paid
            paid = supplied_money(context, "paid") or supplied_money(context, "amount")
            if paid is not None and value > paid:
                held = paid.truncated()  # paid back in the currency's units, never more
                steps.append(f"a refund cannot exceed the amount paid: lowered {value} to {held}")
                value, cap = held, held
            within_digits(self.formula.describe(), raw, value, cap is not None)
        return Amount(value, tuple(steps), result.floor, cap)


def label_of(raw: object) -> Mapping[str, str] | None:
    """A label: plain text, or per language ``{zh: 退款, en: refund}``."""
    if isinstance(raw, str):
        return MappingProxyType({"": raw})
    if isinstance(raw, Mapping) and raw and all(isinstance(v, str) for v in raw.values()):
        return MappingProxyType({str(k): v for k, v in raw.items()})
    return None


def render_label(label: Mapping[str, str], kind: str) -> str:
    """``退款 / refund``: every language's text, joined, or the kind when unlabelled."""
    return " / ".join(label.values()) if label else kind


def compile_remedy(data: object, path: str, compiler: FormulaCompiler) -> Remedy | None:
    """One remedy mapping (``{kind: refund, percent: 50}``), or None after recording why."""
    if isinstance(data, str):
        data = {"kind": data}
    if not isinstance(data, Mapping):
        compiler.error(path, f"a remedy must be a mapping with a kind (got {data!r})")
        return None
    kind = data.get("kind")
    if kind not in KINDS:
        compiler.error(
            f"{path}.kind",
            f"unknown remedy kind {kind!r}",
            f"use one of {', '.join(KINDS)}",
            "remedy-kind",
        )
        return None
    ok = True
    for key in sorted(set(map(str, data)) - _KEYS):
        compiler.error(
            f"{path}.{key}",
            f"unknown remedy key {key!r}",
            f"a remedy takes {', '.join(sorted(_KEYS))}",
            "unknown-key",
        )
        ok = False
    label = label_of(data.get("label", {})) if "label" in data else MappingProxyType({})
    if label is None:
        compiler.error(f"{path}.label", "a label is text or {zh: ..., en: ...}", REMEDY_LABEL)
        ok = False
    formula = _formula(str(kind), data, path, compiler)
    if kind in MONEY_KINDS and formula is None:
        return None
    if kind in OTHER_KINDS and any(k in data for k in ("amount", "percent", "full")):
        compiler.error(
            path,
            f"a {kind} remedy has no amount",
            f"give money through a money remedy ({', '.join(MONEY_KINDS)})",
            "remedy-amount",
        )
        ok = False
    if not ok:
        return None
    return Remedy(
        str(kind),
        path,
        label or MappingProxyType({}),
        formula,
        data.get("beyond_paid") is True,
        str(data.get("note", "")),
    )


def _formula(
    kind: str, data: Mapping[str, object], path: str, compiler: FormulaCompiler
) -> Formula | None:
    if kind not in MONEY_KINDS:
        return None
    if kind == "refund" and ("percent" in data or data.get("full") is True):
        return _held_to_paid(_refund(data, path, compiler), data)
    if "amount" not in data:
        compiler.error(
            path,
            f"a {kind} remedy needs an amount",
            "e.g. amount: {percent: 10, of: amount, cap: 200}",
            "remedy-amount",
        )
        return None
    formula = compiler.compile(data["amount"], f"{path}.amount")
    if kind == "refund" and data.get("beyond_paid") is not True and formula is not None:
        share = _share_of_paid(formula)
        if share is not None and share > 100:
            compiler.error(
                f"{path}.amount",
                f"a refund of {share}% of what was paid is more than was paid",
                "use at most 100%, or add beyond_paid: true if the policy means it",
                "refund-over-paid",
            )
            return None
    return _held_to_paid(formula, data) if kind == "refund" else formula


def _held_to_paid(formula: Formula | None, data: Mapping[str, object]) -> Formula | None:
    """A refund held to what was paid is held to 15 digits after that, by ``Remedy``: its
    formula may answer more (the full refund of 999999999999999.99999999 CNY rounds to
    1000000000000000.00), and pays back at most what was paid, which money holds."""
    if data.get("beyond_paid") is True or not isinstance(formula, Bounded):
        return formula
    return attrs.evolve(formula, sized=False)


def _share_of_paid(formula: Formula) -> Decimal | None:
    """The percent of what was paid ``formula`` comes to when it is a percent or multiple
    (of a percent or multiple …) of ``paid`` or ``amount`` by written factors, bounds
    aside; None for any other formula, which the decision holds to what was paid."""
    if isinstance(formula, Bounded):
        return _share_of_paid(formula.inner)
    if isinstance(formula, Input):
        return Decimal(100) if formula.name in PAID_INPUTS else None
    if not isinstance(formula, Scaled) or isinstance(formula.factor, str):
        return None
    share = _share_of_paid(formula.of)
    if share is None:
        return None
    if formula.kind == "percent":
        return ARITHMETIC.divide(ARITHMETIC.multiply(share, formula.factor), 100)
    return ARITHMETIC.multiply(share, formula.factor)


def _refund(data: Mapping[str, object], path: str, compiler: FormulaCompiler) -> Formula | None:
    """``percent: 50`` or ``full: true``: a share of what was paid."""
    if "amount" in data:
        compiler.error(path, "give a refund either amount or percent/full, not both")
        return None
    raw = data.get("percent", 100)
    percent = compiler.number(raw, f"{path}.percent", factor_hint("percent", raw))
    if percent is None:
        return None
    percent_below_one("percent", percent, f"{path}.percent", compiler)
    if percent < 0 or (percent > 100 and data.get("beyond_paid") is not True):
        compiler.error(
            f"{path}.percent",
            f"a refund of {percent}% is more than was paid",
            "use at most 100, or add beyond_paid: true if the policy means it",
            "refund-over-paid",
        )
        return None
    return Bounded(Scaled("percent", percent, Input("paid")))
