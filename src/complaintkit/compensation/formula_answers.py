"""What a plugin's formula says of itself and of its working, read as text or refused.

A plugin's ``describe()`` that failed ended a decision in a traceback though its amount was
sound: a description is for reading, so a failing one gives way to the formula's name.
Steps that are no sequence of text (``None``) ended it the same way; they are the plugin's
wrong answer, refused naming it as an amount of the wrong kind is. So is a ``constant``
no policy can pay: it stands for its formula wherever it is known, unchecked (as a cap,
one of -5 CNY paid the customer -5.00 CNY)."""

from __future__ import annotations

from complaintkit.model.money import Money
from complaintkit.plugin_exit import contained
from complaintkit.plugin_said import said


def described(formula: object, name: str) -> str:
    """``formula.describe()``, or ``name`` when it fails or answers no text."""
    try:
        with contained():
            text = formula.describe()  # type: ignore[attr-defined]
    except Exception:
        return name
    return text if isinstance(text, str) else name


def steps_problem(steps: object) -> str | None:
    """Why ``steps`` are no working (a tuple or list of text), or None when they are."""
    if not isinstance(steps, tuple | list):
        return f"steps that are a {type(steps).__name__}, not a tuple of text"
    if not all(isinstance(step, str) for step in steps):
        return "steps that are not all text"
    return None


def constant_problem(formula: object, currency: str) -> str | None:
    """Why ``formula``'s ``constant`` is no amount a policy in ``currency`` pays, or None
    when it is one (or None: the formula needs inputs)."""
    try:
        with contained():
            constant = formula.constant  # type: ignore[attr-defined]
    except Exception as exc:
        return f"failed reading its constant: {said(exc)}"
    if constant is None:
        return None
    if not isinstance(constant, Money):
        return f"has a constant that is a {type(constant).__name__}, not Money"
    if constant.currency != currency:
        return f"has a constant of {constant}; the policy pays in {currency}"
    if constant.amount < 0:
        return f"has a constant of {constant}, which is negative"
    return None
