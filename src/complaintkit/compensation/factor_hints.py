"""What to write for a percent or multiple written as people say it (``10%``, ``3倍``):
the factor is a bare number, and the hint for an amount of money would mislead."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from complaintkit.errors import Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.chinese_numerals import chinese_number
from complaintkit.policy.facts import PATH_RE

#: A number followed by the sign a person writes after it: ``10%``, ``3倍``, ``3x``, the
#: multiplication sign (full-width forms, such as the full-width percent, are folded first).
_WITH_SIGN: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:%|倍|x|X|\u00d7)\s*$")

#: The hint for an amount of money that cannot be read (``number(hint="")`` in formulas).
AMOUNT_HINT: Final = "write a plain amount such as 250 or 12.50"

#: What a factor means, per formula key.
_MEANS: Final = {"percent": "percent: 30 for 30%", "multiple": "multiple: 3 for three times"}


def factor_hint(kind: str, value: object) -> str:
    """``write percent: 10`` for ``10%``; otherwise what the key takes, with an example."""
    example = _MEANS.get(kind, f"{kind}: 3")
    if isinstance(value, str):
        found = _WITH_SIGN.match(unicodedata.normalize("NFKC", value))
        if found is not None:
            return f"write {kind}: {found.group(1)}, a bare number ({example})"
    return f"write {example}: a bare number"


#: A number as text (``'2.5'``), which ``{fact: '2.5'}`` wraps where ``2.5`` was meant.
_PLAIN_NUMBER: Final = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*")
#: What no fact's name holds, run together into one ``_``: ``days late`` → ``days_late``.
_NOT_IN_NAMES: Final = re.compile(r"[^A-Za-z0-9_.]+")


def fact_factor_problem(kind: str, raw: Mapping[str, object]) -> tuple[str, str]:
    """The message and hint for a factor written as a mapping that is no ``{fact: <name>}``:
    a number wrapped as a fact (``multiple: {fact: 5}``, "the number 5" said the Python
    way) is written bare; a name that is none (``days late``) is spelt as names are."""
    written = as_written(dict(raw))
    example = f"{{{kind}: {{fact: days_late}}, of: {{fixed: 10}}}}"
    named = raw.get("fact")
    if set(raw) == {"fact"} and (number := _number_in(named)) is not None:
        return (
            f"{kind}: {written} names no fact: a number is written bare",
            f"write {kind}: {number}; {{fact: <name>}} names a fact holding the number, as "
            f"in {example}",
        )
    if set(raw) == {"fact"} and isinstance(named, str):
        name = _NOT_IN_NAMES.sub("_", named).strip("_.")
        spelt = name if PATH_RE.match(name) else "days_late"
        return (
            f"{kind}: {written}: {as_written(named)} is no fact's name",
            f"write {kind}: {{fact: {spelt}}}: a fact's name is ASCII letters, digits and _, its parts "
            "joined by '.', as in " + example,
        )
    return (
        f"a factor is a number or {{fact: <name>}} (got {written})",
        f"write {kind}: 3 (a number) or {kind}: {{fact: days_late}} (a fact holding the "
        f"number), as in {example}",
    )


def _number_in(value: object) -> str | None:
    """``value`` as a bare number when it is one, or text that is only one; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    found = _PLAIN_NUMBER.fullmatch(value) if isinstance(value, str) else None
    return None if found is None else found.group(1)


#: The currency a sign or word written with an amount names (after NFKC: ￥ is ¥).
_CURRENCY_WORDS: Final = {
    "": "",
    "¥": "CNY",
    "元": "CNY",
    "块": "CNY",
    "块钱": "CNY",
    "元整": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "$": "USD",
    "usd": "USD",
    "美元": "USD",
    "€": "EUR",
    "eur": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "英镑": "GBP",
}

#: The longest text read as money written with its signs (``RMB 1,234,567.89 元``); longer
#: text is none.
_LONGEST = 64
#: A number with the signs or words written before and after it: ``¥50``, ``50元``, ``30%``,
#: in text stripped of its spaces (the spaces around the number are stripped from the
#: parts), each part taken whole: nothing is tried again from each space of a long run.
#: Its commas only group thousands (``1,234.50``): ``12,50`` may hold a decimal comma, and
#: a number guessed from it (1250) would pay a hundred times the sum.
_WRITTEN: Final = re.compile(
    r"(?P<before>[^\d零一二两三四五六七八九十百]*+)"
    r"(?P<number>(?:\d{1,3}(?:,\d{3})++|\d++)(?:\.\d++)?+|[零一二两三四五六七八九十百]++)"
    r"(?P<after>(?s:.*+))"
)


def written_money(value: object) -> tuple[str, str] | None:
    """The number and the currency code (``""``: none named) of money written as people
    write it (``50元``, ``￥50``, ``RMB 50``, ``五十元``); ``(30, "%")`` for ``30%``; None
    for anything else."""
    if not isinstance(value, str) or len(value) > _LONGEST:
        return None
    parts = written_parts(unicodedata.normalize("NFKC", value))
    if parts is None:
        return None
    before, numeral, after = parts[0].lower(), parts[1].replace(",", ""), parts[2].lower()
    number = numeral if numeral[0].isdigit() else chinese_number(numeral)
    if number is None:
        return None
    if after == "%":
        return str(number), "%"
    named = [_CURRENCY_WORDS.get(before), _CURRENCY_WORDS.get(after)]
    written = {code for code in named if code}
    if None in named or len(written) > 1:
        return None
    return str(number), next(iter(written), "")


def written_parts(text: str) -> tuple[str, str, str] | None:
    """The words before a number, the number and the words after it (on the number's line:
    a line break after them leaves it unread), stripped of spaces; None without a number."""
    found = _WRITTEN.fullmatch(text.strip())
    if found is None or "\n" in (after := found["after"].strip()):
        return None
    return found["before"].rstrip(), found["number"], after


def amount_hint(value: object, currency: str, path: str) -> str:
    """What to write at ``path`` for an amount written with its currency (``50元``:
    ``write amount: 50``, the section giving the currency) or as a share (``30%``: a
    ``percent`` formula); else how an amount is written."""
    money = written_money(value)
    if money is None:
        return AMOUNT_HINT
    number, written = money
    key = path.rsplit(".", maxsplit=1)[-1]
    key = key if key.isidentifier() else "amount"
    if written == "%":
        return (
            f"a share is a formula: write {key}: {{percent: {number}, of: paid}} ({number}% "
            "of what was paid; of: price or another input)"
        )
    if written in ("", currency):
        return (
            f"write {key}: {number}, the number alone: amounts are in the section's currency "
            f"(currency: {currency})"
        )
    return (
        f"write the number alone: amounts are in the section's currency (currency: "
        f"{currency}), and {value} is in {written}, which no rate converts to it"
    )


def percent_below_one(kind: str, factor: object, path: str, compiler: Any) -> None:
    """Warn of ``percent: 0.3``: 0.3 percent, where an SOP's 30% written as a fraction
    is the likelier meaning (``compiler``: a FormulaCompiler, collecting problems)."""
    if kind != "percent" or not isinstance(factor, Decimal) or not 0 < factor < 1:
        return
    meant = f"{factor * 100:g}"
    compiler.problems.append(
        Problem(
            compiler.locate(path),
            f"percent: {factor} is a percent: {factor}% of the amount, not {meant}%",
            f"write percent: {meant} for {meant}% (a bare number: percent: 30 for 30%)",
            "warning",
            "percent-fraction",
        )
    )
