"""The whole intake path without storage: complaint JSON → ``Complaint`` → the demo policy's
assessment (category, severity, priority, tags, team, owner and the reasons).

Run: PYTHONPATH=src python benchmarks/intake_path.py [--records N] [--repeats N]

Records are real: CFPB rows with a narrative (shaped as the CSV channel's column mapping in
examples/cfpb makes them) and waimai reviews (shaped as a JSON-lines producer would send
them, with an order amount and a customer tier), alternating, as the decoded JSON a channel
hands to ``Complaint.from_json``. Every complaint has a customer-history answer (earlier
complaints of the same customer), as the Desk's ``StoredHistory`` would give, from memory.

Contenders, taking turns (``harness.interleave``), medians of the repeats:

* ``complaintkit``: ``Complaint.from_json`` then ``Policy.assess`` with the demo policy
  (src/complaintkit/demo/policy.yaml, what ``make demo`` runs);
* ``hand-written``: what a developer would write for this one policy — the dict checked into
  a slotted dataclass with the same validation essentials (required fields, lengths, NUL and
  lone surrogates, aware timestamps in 1900 to 2199, one contact address, Decimal amounts and
  ISO currencies, unknown fields, plain JSON attributes), then an if/elif classifier finding
  each rule's keywords with ``str.find`` (ASCII word boundaries, as the policy matches),
  returning the deciding rule ids instead of explanation sentences;
* ``pydantic + hand-written``: pydantic's ``model_validate`` (constrained types,
  ``extra="forbid"``, models built once) then the same hand-written classifier.

The parsing half is timed on its own too (``Complaint.from_json`` against the hand-written
parse and ``model_validate``). Wall seconds decide the rate; the CPU seconds
(``time.process_time``) of the same runs are reported beside them, as the machine may be
shared. All contenders must agree on every record, and all must refuse the same hostile
records (checked once, untimed). No storage: ``benchmarks/intake.py`` measures that.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))

import attrs
import corpus
import harness
import pydantic
from demo_classifier import hand_assess
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import MINOR_UNITS
from complaintkit.policy.compiled import load_policy

WORKLOAD = "whole intake path (Complaint.from_json → assess)"
PARSE = "parsing half (JSON dict → validated complaint)"
TARGET = 50_000
_SHANGHAI = ZoneInfo("Asia/Shanghai")


# --- the records ----------------------------------------------------------------------------


def records(count: int) -> list[dict[str, Any]]:
    """``count`` complaint JSON objects, CFPB and waimai alternating (synthetic if absent)."""
    zh_rows, en_rows = corpus.real_rows()
    if not zh_rows or not en_rows:
        texts = corpus.texts(count)
        zh_rows = [{"review": t, "label": "0"} for t in texts[1::2]]
        en_rows = [_synthetic_cfpb(i, t) for i, t in enumerate(texts[0::2])]
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    out = []
    for n in range(count):
        if n % 2:
            row = zh_rows[(n // 2) % len(zh_rows)]
            at = start + timedelta(seconds=37 * n)
            out.append(
                {
                    "channel": "waimai",
                    "external_id": f"WM-{n:08d}",
                    "received_at": at.astimezone(_SHANGHAI).isoformat(),
                    "customer": {
                        "id": f"U{n % 4001}",
                        "contact": f"user{n % 4001}@example.cn",
                        "tier": "gold" if n % 10 == 1 else "standard",
                    },
                    "subject": "",
                    "text": row["review"],
                    "order_id": f"O{n:09d}",
                    "amount": {"amount": f"{n % 180}.{n % 100:02d}", "currency": "CNY"},
                    "language": "zh",
                    "attributes": {"label": int(row["label"]), "rider_minutes": n % 90},
                }
            )
        else:
            row = en_rows[(n // 2) % len(en_rows)]
            attributes = {
                name: row[column]
                for name, column in (
                    ("company", "Company"),
                    ("sub_product", "Sub-product"),
                    ("sub_issue", "Sub-issue"),
                    ("submitted_via", "Submitted via"),
                )
                if row[column]
            }
            record: dict[str, Any] = {
                "channel": "cfpb",
                "external_id": f"{row['Complaint ID']}-{n}",
                "received_at": f"{row['Date received']}T00:00:00-05:00",
                "customer": {"id": f"cfpb:{row['Complaint ID']}"},
                "subject": row["Issue"],
                "text": row["Consumer complaint narrative"],
                "product": row["Product"],
                "language": "en",
                "attributes": attributes,
            }
            if row["State"]:
                record["customer"]["region"] = row["State"]
            out.append(record)
    return out


def _synthetic_cfpb(i: int, text: str) -> dict[str, str]:
    return {
        "Complaint ID": str(3_000_000 + i),
        "Date received": "2020-03-06",
        "Issue": "Problem with a purchase",
        "Consumer complaint narrative": text,
        "Product": "Credit card",
        "State": "NY",
        "Company": "BANK",
        "Sub-product": "",
        "Sub-issue": "",
        "Submitted via": "Web",
    }


def earlier_counts(data: Sequence[Mapping[str, Any]]) -> list[int]:
    """Per record, how many earlier records its customer sent: the history fact's answer."""
    seen: Counter[str] = Counter()
    counts = []
    for record in data:
        customer = record["customer"]["id"]
        counts.append(seen[customer])
        seen[customer] += 1
    return counts


class Earlier:
    """The customer-history answer for one complaint, as the Desk's StoredHistory gives it."""

    __slots__ = ("count",)

    def __init__(self, count: int) -> None:
        self.count = count

    def complaints_in_last_days(self, days: int) -> int:
        return self.count

    def open_cases(self) -> int:
        return self.count


# --- the hand-written reference: parse ----------------------------------------------------

_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")
_CUSTOMER_FIELDS = frozenset({"id", "name", "contact", "tier", "region"})
_FIELDS = frozenset(
    {
        "channel",
        "external_id",
        "received_at",
        "customer",
        "text",
        "subject",
        "product",
        "order_id",
        "amount",
        "language",
        "attributes",
    }
)


@dataclass(slots=True, frozen=True)
class Customer:
    id: str
    name: str | None = None
    contact: str | None = None
    tier: str | None = None
    region: str | None = None


@dataclass(slots=True, frozen=True)
class Record:
    channel: str
    external_id: str
    received_at: datetime
    customer: Customer
    text: str
    subject: str = ""
    product: str | None = None
    order_id: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    language: str | None = None
    attributes: Mapping[str, Any] | None = None


def _string(data: Mapping[str, Any], name: str, limit: int, required: bool = False) -> Any:
    value = data.get(name)
    if value is None:
        if required:
            raise ValueError(f"{name} is required")
        return None
    if type(value) is not str or len(value) > limit or _BAD_CHAR.search(value):
        raise ValueError(f"{name} is not acceptable text")
    if required and not value.strip():
        raise ValueError(f"{name} is blank")
    return value


def _json_value(value: Any, depth: int = 0) -> None:
    kind = type(value)
    if kind is str:
        if _BAD_CHAR.search(value):
            raise ValueError("bad text in attributes")
    elif kind is int:
        if abs(value) >= 10**400:
            raise ValueError("huge integer")
    elif kind is float:
        if not math.isfinite(value):
            raise ValueError("non-finite number")
    elif kind is dict or kind is list:
        if depth >= 32:
            raise ValueError("too deep")
        items = value.items() if kind is dict else enumerate(value)
        for key, item in items:
            if kind is dict and (type(key) is not str or _BAD_CHAR.search(key)):
                raise ValueError("bad key")
            _json_value(item, depth + 1)
    elif value is not None and kind is not bool:
        raise ValueError("not JSON")


def hand_parse(data: Mapping[str, Any]) -> Record:
    """The dict checked into a ``Record``; ValueError for anything a store must not keep."""
    if not data.keys() <= _FIELDS:
        raise ValueError("unknown field")
    raw = data.get("customer")
    if type(raw) is not dict or not raw.keys() <= _CUSTOMER_FIELDS:
        raise ValueError("customer must be an object of known fields")
    contact = _string(raw, "contact", 1000)
    if contact is not None and (any(c in contact for c in ",;\r\n") or contact.count("@") > 1):
        raise ValueError("one contact address")
    customer = Customer(
        _string(raw, "id", 256, True),
        _string(raw, "name", 1000),
        contact,
        _string(raw, "tier", 256),
        _string(raw, "region", 256),
    )
    when = data.get("received_at")
    if type(when) is not str:
        raise ValueError("received_at must be text")
    received = datetime.fromisoformat(when)
    if received.tzinfo is None or not 1900 <= received.year < 2200:
        raise ValueError("received_at must be aware, in 1900-2199")
    amount = currency = None
    if (money := data.get("amount")) is not None:
        if type(money) is not dict or money.keys() != {"amount", "currency"}:
            raise ValueError("amount must be {amount, currency}")
        if type(money["amount"]) not in (str, int):
            raise ValueError("amount must be text or an integer")
        try:
            amount = Decimal(money["amount"])
        except InvalidOperation:
            raise ValueError("amount is not a number") from None
        currency = money["currency"]
        if not amount.is_finite() or amount < 0 or currency not in MINOR_UNITS:
            raise ValueError("bad amount")
    attributes = data.get("attributes")
    if attributes is not None:
        if type(attributes) is not dict:
            raise ValueError("attributes must be an object")
        _json_value(attributes)
    return Record(
        _string(data, "channel", 256, True),
        _string(data, "external_id", 256, True),
        received,
        customer,
        _string(data, "text", 100_000, True),
        _string(data, "subject", 1000) or "",
        _string(data, "product", 256),
        _string(data, "order_id", 256),
        amount,
        currency,
        _string(data, "language", 16),
        attributes,
    )


# --- the peer: pydantic ------------------------------------------------------------------

_NO_NUL = r"^[^\x00]*$"
Id = Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=r"\S")]
Short = Annotated[str, StringConstraints(max_length=256, pattern=_NO_NUL)]
Long = Annotated[str, StringConstraints(max_length=1000, pattern=_NO_NUL)]
Contact = Annotated[
    str, StringConstraints(max_length=1000, pattern=r"^[^,;\r\n\x00@]*@?[^,;\r\n\x00@]*$")
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=100_000, pattern=r"\S")]
Currency = Literal[tuple(MINOR_UNITS)]  # type: ignore[valid-type]


class PCustomer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Id
    name: Long | None = None
    contact: Contact | None = None
    tier: Short | None = None
    region: Short | None = None


class PMoney(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    amount: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
    currency: Currency  # type: ignore[valid-type]


class PComplaint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    channel: Id
    external_id: Id
    received_at: AwareDatetime
    customer: PCustomer
    text: Text
    subject: Long = ""
    product: Short | None = None
    order_id: Short | None = None
    amount: PMoney | None = None
    language: Annotated[str, StringConstraints(max_length=16)] | None = None
    attributes: dict[str, pydantic.JsonValue] = {}

    @pydantic.field_validator("received_at")
    @classmethod
    def _years(cls, value: datetime) -> datetime:
        if not 1900 <= value.year < 2200:
            raise ValueError("outside 1900-2199")
        return value

    @pydantic.field_validator("text", "subject")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("holds a NUL character")
        return value


# --- the contenders -------------------------------------------------------------------------


def contenders(
    data: list[dict[str, Any]], earlier: list[int]
) -> dict[str, Callable[[], list[Any]]]:
    policy = load_policy(demo_policy_path())
    assess = policy.assess
    from_json = Complaint.from_json
    validate = PComplaint.model_validate
    pairs = list(zip(data, earlier, strict=True))

    def ours() -> list[Any]:
        return [assess(from_json(record), Earlier(n)) for record, n in pairs]

    def hand() -> list[Any]:
        out = []
        for record, n in pairs:
            r = hand_parse(record)
            out.append(hand_assess(r.subject, r.text, r.channel, r.customer.tier, n))
        return out

    def peer() -> list[Any]:
        out = []
        for record, n in pairs:
            r = validate(record)
            out.append(hand_assess(r.subject, r.text, r.channel, r.customer.tier, n))
        return out

    return {
        "complaintkit": ours,
        "hand-written": hand,
        "pydantic + hand-written": peer,
        "complaintkit parse": lambda: [from_json(record) for record in data],
        "hand-written parse": lambda: [hand_parse(record) for record in data],
        "pydantic parse": lambda: [validate(record) for record in data],
    }


def same_answers(runs: Mapping[str, Callable[[], list[Any]]]) -> None:
    """Every contender decides every record the same way (asserted before timing)."""
    ours = [
        (a.category, a.severity, a.priority, a.tags, a.team, a.owner)
        for a in runs["complaintkit"]()
    ]
    for name in ("hand-written", "pydantic + hand-written"):
        theirs = [r[:6] for r in runs[name]()]
        wrong = [i for i, (x, y) in enumerate(zip(ours, theirs, strict=True)) if x != y]
        assert not wrong, f"{name} decides record {wrong[0]} differently: {theirs[wrong[0]]}"
    parsed = [
        (c.external_id, c.received_at, c.customer.tier, c.text, c.amount and c.amount.amount)
        for c in runs["complaintkit parse"]()
    ]
    for name in ("hand-written parse", "pydantic parse"):
        theirs = [
            (
                r.external_id,
                r.received_at,
                r.customer.tier,
                r.text,
                r.amount if isinstance(r.amount, Decimal | None) else r.amount.amount,
            )
            for r in runs[name]()
        ]
        assert parsed == theirs, f"{name} reads the records differently"


def hostile(base: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Records every contender must refuse: one poison each."""
    customer = dict(base["customer"])
    return [
        {**base, "text": "bad\x00byte"},
        {**base, "received_at": "2026-11-23T09:00:00"},
        {**base, "received_at": "1800-01-01T09:00:00+00:00"},
        {**base, "amount": {"amount": "NaN", "currency": "CNY"}},
        {**base, "amount": {"amount": "-1", "currency": "CNY"}},
        {**base, "amount": {"amount": "1", "currency": "XXX"}},
        {**base, "text": "   "},
        {**base, "surprise": 1},
        {**base, "customer": {**customer, "contact": "a@x.cn, b@y.cn"}},
        {**base, "attributes": {"x": float("inf")}},
    ]


def refuse_alike(sample: Mapping[str, Any]) -> None:
    parsers: dict[str, Callable[[Any], object]] = {
        "complaintkit": Complaint.from_json,
        "hand-written": hand_parse,
        "pydantic": PComplaint.model_validate,
    }
    for record in hostile(sample):
        for name, parse in parsers.items():
            try:
                parse(record)
            except (InvalidInput, ValueError):
                continue
            raise AssertionError(f"{name} accepted a hostile record: {record}")


def on_cpu(
    runs: Mapping[str, Callable[[], list[Any]]],
) -> tuple[dict[str, Callable[[], list[Any]]], dict[str, list[float]]]:
    """``runs`` that also note their CPU seconds (``time.process_time``): on a machine
    shared with other work the wall figure moves with the load, the CPU figure much less."""
    cpu: dict[str, list[float]] = {name: [] for name in runs}

    def noting(name: str, run: Callable[[], list[Any]]) -> Callable[[], list[Any]]:
        def call() -> list[Any]:
            start = time.process_time()
            result = run()
            cpu[name].append(time.process_time() - start)
            return result

        return call

    return {name: noting(name, run) for name, run in runs.items()}, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    data = records(args.records)
    earlier = earlier_counts(data)
    runs = contenders(data, earlier)
    same_answers(runs)
    refuse_alike(data[1])
    timed, cpu = on_cpu(runs)
    times = harness.interleave(timed, args.repeats, warmup=1)
    names = list(runs)
    cpu_workload = f"{WORKLOAD}, CPU time"
    whole = harness.figures(WORKLOAD, {k: times[k] for k in names[:3]}, len(data))
    parse = harness.figures(PARSE, {k: times[k] for k in names[3:]}, len(data))
    # the first run of each was the warm-up
    on_cpu_whole = harness.figures(cpu_workload, {k: cpu[k][1:] for k in names[:3]}, len(data))
    on_cpu_parse = harness.figures(
        f"{PARSE}, CPU time", {k: cpu[k][1:] for k in names[3:]}, len(data)
    )
    measured = (*whole.values(), *parse.values(), *on_cpu_whole.values(), *on_cpu_parse.values())
    for figure in measured:
        print(f"{figure.workload[:44]:44} {figure.contender:24} {figure.per_second:>9,.0f}/s")
    ours = whole["complaintkit"]
    rate = harness.at_least_rate(WORKLOAD, ours, TARGET)
    # one row, as in the table; the CPU rate and the ratios are read beside it
    cpu_rate = on_cpu_whole["complaintkit"].per_second
    cpu_ratio = on_cpu_whole["complaintkit"].seconds / on_cpu_whole["hand-written"].seconds
    wall_ratio = ours.seconds / whole["hand-written"].seconds
    parse_ratio = (
        on_cpu_parse["complaintkit parse"].seconds / on_cpu_parse["pydantic parse"].seconds
    )
    context = (
        f" (CPU time: {cpu_rate:,.0f}/s, {cpu_ratio:.2f}x the hand-written path's;"
        f" wall: {wall_ratio:.2f}x it; parsing alone: {parse_ratio:.2f}x pydantic's CPU time)"
    )
    checks = [attrs.evolve(rate, measured=rate.measured + context)]
    harness.save(
        "intake_path",
        measured,
        checks,
        {"records": len(data), "repeats": args.repeats, "storage": "none", "policy": "demo"},
    )


if __name__ == "__main__":
    main()
