"""Expected versus actual, compared the way a policy author means each key, and the report.

The report names the test by file:line, says when the check happened (at intake, after
step 2…), and for each differing value shows what the test expected, what the policy did,
and — for classification — which rule decided, so the author knows which row to edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import parse_instant
from complaintkit.policytest.shapes import is_instant_text
from complaintkit.policytest.spec import offset
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.reckoning import Rules, finish
from complaintkit.sla.timeline import Timeline

if TYPE_CHECKING:
    from complaintkit.policytest.runner import TestResult

_CLASSIFICATION = ("category", "severity", "priority", "tags", "tags_include")
_ROUTING = ("team", "owner")


class Counting(NamedTuple):
    """How a clock counts: the calendar a duration in an expectation is counted on, and
    the target's end rule and roll-forward, which the deadline it names follows too."""

    calendar: Timeline
    rules: Rules

    def deadline(self, received: datetime, written: str) -> datetime:
        duration = parse_duration(written)
        raw = self.calendar.deadline(received, duration)
        rules = attrs.evolve(self.rules, closes=duration.business, hours=not duration.in_days)
        return finish(rules, self.calendar, raw)


@attrs.frozen
class Mismatch:
    """One value that differs; ``note`` says why the policy decided what it did."""

    key: str
    expected: Any
    actual: Any
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "expected": _show(self.expected),
            "actual": _show(self.actual),
            "note": self.note,
        }


def _show(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_show(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def _instant(value: object, received: datetime, key: str) -> datetime | None:
    if value is None or (isinstance(value, str) and value.lower() == "none"):
        return None
    return offset(value, received, key)


def _deadlines(
    expected: Mapping[str, Any], actual: Mapping[str, Any], received: datetime
) -> list[Mismatch]:
    """A deadline written as a duration ("8 weeks", "7 business days") is counted from
    receipt on the clock's own calendar and ends by its end rule, the way the engine
    counts the target. A metric the policy does not declare is a mismatch whatever is
    expected: a misspelt name expected as null would otherwise pass."""
    out = []
    clocks: Mapping[str, Any] = actual.get("deadlines") or {}
    counting: Mapping[str, Counting] = actual.get("counting", {})
    declared: Sequence[str] = actual.get("metrics", ())
    for metric, want in expected.items():
        key = f"deadlines.{metric}"
        if metric not in declared:
            have = ", ".join(declared) or "none"
            out.append(
                Mismatch(key, want, None, f"the policy has no {metric} metric (metrics: {have})")
            )
            continue
        how = counting.get(metric)
        if how is not None and isinstance(want, str) and not is_instant_text(want):
            wanted: datetime | None = how.deadline(received, want)
        else:
            wanted = _instant(want, received, key)
        raw = clocks.get(metric)
        got = None if raw is None else parse_instant(raw, key)
        if wanted != got:
            have = ", ".join(sorted(clocks)) or "none"
            note = "" if metric in clocks else f"the case has no {metric} clock (clocks: {have})"
            out.append(Mismatch(key, _local(wanted, received), _local(got, received), note))
    return out


def _local(instant: datetime | None, received: datetime) -> str | None:
    """An instant in the complaint's own timezone, with its distance from intake."""
    if instant is None:
        return None
    here = instant.astimezone(received.tzinfo)
    hours = (instant - received).total_seconds() / 3600
    return f"{here.isoformat()} ({hours:+g}h after intake)"


def _money(value: object, currency: str, key: str) -> Decimal:
    text = str(value).strip()
    amount, _, code = text.partition(" ")
    if code and code.strip().upper() != currency:
        raise InvalidInput(key, f"expected an amount in {currency} (got {text!r})")
    try:
        return Decimal(amount)
    except InvalidOperation:
        raise InvalidInput(
            key, f"expected an amount like '15.00 {currency}' (got {text!r})"
        ) from None


def _compensation(expected: Mapping[str, Any], decision: Mapping[str, Any]) -> list[Mismatch]:
    out = []
    currency = decision["currency"]
    why = f"decided by row(s) {', '.join(decision['rows']) or 'default'}"
    if "total" in expected:
        want = _money(expected["total"], currency, "compensation.total")
        got = Decimal(decision["total"]["amount"])
        if want != got:
            out.append(
                Mismatch("compensation.total", f"{want} {currency}", f"{got} {currency}", why)
            )
    if "remedies" in expected:
        want_items = [_remedy(item, currency) for item in expected["remedies"]]
        got_items = [
            _actual_remedy(remedy, n < len(want_items) and want_items[n][1] is not None)
            for n, remedy in enumerate(decision["remedies"])
        ]
        if want_items != got_items:  # Decimal equality: 20 == 20.00
            shown = [_remedy_text(item, currency) for item in want_items]
            got_text = [_remedy_text(item, currency) for item in got_items]
            out.append(Mismatch("compensation.remedies", shown, got_text, why))
    out.extend(
        Mismatch(f"compensation.{key}", list(expected[key]), list(decision[key]), why)
        for key in ("approvals_needed", "rows")
        if key in expected and list(expected[key]) != list(decision[key])
    )
    if "needs" in expected and sorted(expected["needs"]) != list(decision["needs"]):
        out.append(
            Mismatch("compensation.needs", sorted(expected["needs"]), decision["needs"], why)
        )
    return out


Remedy = tuple[str, Decimal | None]


def _actual_remedy(remedy: Mapping[str, Any], with_amount: bool) -> Remedy:
    """A decided remedy, with its amount when the test wrote one to compare."""
    amount = remedy["amount"]
    if with_amount and amount is not None:
        return (str(remedy["kind"]), Decimal(amount["amount"]))
    return (str(remedy["kind"]), None)


def _remedy(item: object, currency: str) -> Remedy:
    """An expected remedy: ``refund``, ``refund 15.00 CNY`` or ``{kind: refund, amount: 15}``."""
    if isinstance(item, Mapping):
        amount = item.get("amount")
        kind = str(item.get("kind"))
    else:
        kind, _, amount = str(item).partition(" ")
    if amount in (None, ""):
        return (kind, None)
    return (kind, _money(amount, currency, "compensation.remedies"))


def _remedy_text(item: Remedy, currency: str) -> str:
    kind, amount = item
    return kind if amount is None else f"{kind} {amount} {currency}"


def compare(
    expected: Mapping[str, Any], actual: Mapping[str, Any], received: datetime
) -> list[Mismatch]:
    """Every difference between an ``expect`` block and the observed case."""
    out: list[Mismatch] = []
    for key, want in expected.items():
        got = actual.get(key)
        note = _why(key, actual.get("reasons", ()))
        if key == "tags":
            want_set, got_set = set(want or ()), set(got or ())
            if want_set != got_set:
                extra = [f"missing {sorted(want_set - got_set)}"] if want_set - got_set else []
                extra += [f"unexpected {sorted(got_set - want_set)}"] if got_set - want_set else []
                out.append(
                    Mismatch(key, sorted(want_set), sorted(got_set), f"{', '.join(extra)}; {note}")
                )
        elif key == "tags_include":
            missing = sorted(set(want or ()) - set(actual.get("tags", ())))
            if missing:
                out.append(
                    Mismatch("tags", f"to include {missing}", sorted(actual.get("tags", ())), note)
                )
        elif key == "deadlines":
            out.extend(_deadlines(want or {}, actual, received))
        elif key == "escalations":
            out.extend(_escalations(want or [], got or []))
        elif key == "compensation":
            out.extend(_compensation(want or {}, got or {}))
        elif key == "escalation_level":
            if int(want) != got:
                out.append(Mismatch(key, int(want), got))
        elif want != got:
            out.append(Mismatch(key, want, got, note))
    return out


def _why(key: str, reasons: Sequence[str]) -> str:
    """The rule rows that decided ``key``: routing rows for owner/team, else classification."""
    if key in _ROUTING:
        picked = [r for r in reasons if r.startswith("routing")]
    elif key in _CLASSIFICATION:
        picked = [r for r in reasons if not r.startswith("routing") and "(no change)" not in r]
    else:
        return ""
    return "; ".join(picked) or "no rule recorded a reason"


def _escalations(want: Sequence[str], got: Sequence[str]) -> list[Mismatch]:
    """Fired levels in order; ``lead`` matches ``standard/lead``, or spell ``ladder/level``."""
    shown = [g if "/" in w else g.split("/", 1)[-1] for w, g in zip(want, got, strict=False)]
    shown += [g.split("/", 1)[-1] for g in got[len(want) :]]
    if list(want) != shown:
        return [Mismatch("escalations", list(want), shown, "levels fired so far, in order")]
    return []


def render(result: TestResult) -> str:
    """A failing test as its author reads it; an empty string when it passed."""
    if result.passed:
        return ""
    lines = [f"FAIL {result.test.location.file}:{result.test.location.line}  {result.test.name}"]
    if result.error:
        where = result.error_location or result.test.location
        lines.append(f"  error at line {where.line}: {result.error}")
    for checkpoint in result.failures:
        lines.append(f"  {checkpoint.label} (line {checkpoint.location.line}):")
        width = max(len(m.key) for m in checkpoint.mismatches)
        for m in checkpoint.mismatches:
            lines.append(f"    {m.key:<{width}}  expected: {_text(m.expected)}")
            lines.append(f"    {'':<{width}}  actual:   {_text(m.actual)}")
            if m.note:
                lines.append(f"    {'':<{width}}  ({m.note})")
    return "\n".join(lines)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return "(none)" if value is None else str(value)
