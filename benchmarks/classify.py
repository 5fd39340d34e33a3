"""W1 classification: a 50-row first-hit table over 100,000 complaints, in two forms.

Run: .venv/bin/python benchmarks/classify.py [--records N] [--peer-records N] [--repeats N]

The table: 20 text rows, 15 amount + channel rows, 10 tier + channel rows and 5 text +
amount rows, shuffled. ``complaint.text`` is stored lowercased (the "lowered field"), so
nobody lowercases while timed. A text row is written in each form as a policy author would:

* ``contains``: ``any`` of ``{field: complaint.text, contains: refund}``, one per word;
* ``regex``: one ``{field: complaint.text, regex: "refund|退款"}`` per row.

Both forms pick the same row for every record; that is asserted too.

Contenders, every one asserted to pick the same row as the if/elif function:

* complaintkit: ``table.evaluate(Facts(record)).outputs["row"]``, the table compiled once;
* if/elif: the function a developer writes (``if "refund" in text or ...: return 3``),
  generated as plain source from the same row specs (``--show`` prints it); in the regex
  form, with one pattern per row precompiled by stdlib ``re`` and, separately, by ``re2``;
  the faster of the two is the reference;
* zen-engine: a GoRules decision table with one input column per field and cells in its
  own unary expressions (``contains($, "refund")``, ``>= 120 and < 250``, ``"web", "app"``),
  loaded once into a ``ZenEngine`` and evaluated with ``ZenEngine.evaluate(key, context)``
  (its fastest call here) on contexts converted beforehand (float amounts: zen has no
  decimals);
* CEL (``common-expression-language``): the table as one compiled program, a chain of
  ``cond ? row : ...`` ternaries, run with ``Program.execute`` on prepared contexts;
* rule-engine: one ``Rule`` per row, tried in order (``--rule-records``, 0 to skip).

Every contender runs in the same process, interleaved (``harness.interleave``), and figures
are medians. The peers are slow, so they run on the first ``--peer-records`` records and are
compared per record: complaintkit's median time is scaled to the same number of records.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import harness
import re2

from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import compile_table

WORDS = [
    ["变质", "异物", "spoiled"],
    ["超时", "太慢", "late"],
    ["送错", "漏送", "wrong item"],
    ["凉了", "冷了", "cold"],
    ["态度", "rude"],
    ["退款", "refund"],
    ["很贵", "overcharged"],
    ["少送", "missing"],
    ["难吃", "disgusting"],
    ["包装", "packaging"],
    ["骑手", "courier"],
    ["客服", "customer service"],
    ["赔付", "compensation"],
    ["fraud", "scam", "诈骗"],
    ["mortgage", "escrow"],
    ["debt", "collector"],
    ["credit report", "bureau"],
    ["fee", "charges"],
    ["interest", "apr"],
    ["loan", "lender"],
]
CHANNELS = ["phone", "email", "web", "wechat", "app"]
TIERS = ["basic", "silver", "gold", "vip"]
FORMS = ("contains", "regex")
Record = dict[str, Any]
Classify = Callable[[Any], int]


# ---- the table, as abstract row specs ------------------------------------------------------
# A spec is a list of tests that must all hold: ("text", words), ("amount", low, high),
# ("channel", values), ("tier", values). Each contender renders the specs in its own form.


def build_specs(rng: random.Random) -> list[list[tuple[Any, ...]]]:
    """50 rows: 20 text, 15 amount + channel, 10 tier + channel, 5 text + amount."""
    specs: list[list[tuple[Any, ...]]] = [[("text", words)] for words in WORDS]
    for _ in range(15):
        low = rng.randrange(0, 900, 10)
        high = low + rng.randrange(20, 200, 10)
        specs.append([("amount", low, high), ("channel", rng.sample(CHANNELS, 2))])
    combos = [(t, c) for t in TIERS for c in CHANNELS]
    for tier, channel in rng.sample(combos, 10):
        specs.append([("tier", [tier, "platinum"]), ("channel", [channel])])
    specs.extend(
        [("text", rng.choice(WORDS)), ("amount", rng.randrange(100, 500, 50), None)]
        for _ in range(5)
    )
    rng.shuffle(specs)
    return specs


def build_records(count: int, rng: random.Random) -> list[Record]:
    return [
        {
            "complaint": {
                "text": text.lower(),
                "amount": Decimal(rng.randrange(0, 100_000)) / 100,
                "channel": rng.choice(CHANNELS),
            },
            "customer": {"tier": rng.choice(TIERS)},
        }
        for text in corpus.texts(count, length=300)
    ]


def pattern(words: Sequence[str]) -> str:
    """The regex a policy author writes for a text row: the words as alternatives."""
    assert not any(re.escape(w) != w.replace(" ", "\\ ") for w in words), "plain words only"
    return "|".join(words)


# ---- complaintkit --------------------------------------------------------------------------


def policy_table(specs: Sequence[list[tuple[Any, ...]]], form: str) -> dict[str, Any]:
    def condition(test: tuple[Any, ...]) -> dict[str, Any]:
        kind = test[0]
        if kind == "text":
            if form == "regex":
                return {"field": "complaint.text", "regex": pattern(test[1])}
            words = [{"field": "complaint.text", "contains": w} for w in test[1]]
            return words[0] if len(words) == 1 else {"any": words}
        if kind == "amount":
            low = {"field": "complaint.amount", ">=": test[1]}
            if test[2] is None:
                return low
            return {"all": [low, {"field": "complaint.amount", "<": test[2]}]}
        field = "complaint.channel" if kind == "channel" else "customer.tier"
        if len(test[1]) == 1:
            return {"field": field, "==": test[1][0]}
        return {"field": field, "in": test[1]}

    rows = []
    for i, spec in enumerate(specs):
        parts = [condition(test) for test in spec]
        when = parts[0] if len(parts) == 1 else {"all": parts}
        rows.append({"id": f"row{i}", "when": when, "then": {"row": i}})
    return {"hit_policy": "first", "rules": rows, "default": {"row": -1}}


def complaintkit(specs: Sequence[list[tuple[Any, ...]]], form: str) -> Classify:
    table = compile_table(policy_table(specs, form), "classification")

    def classify(record: Record) -> int:
        return table.evaluate(Facts(record)).outputs["row"]  # type: ignore[return-value]

    return classify


# ---- the reference: the if/elif function a developer writes ---------------------------------


def if_elif_source(specs: Sequence[list[tuple[Any, ...]]], form: str) -> str:
    """Plain Python, one ``if`` per row; regex patterns are the globals ``P0``, ``P1``…"""

    def test(row: int, spec: tuple[Any, ...]) -> str:
        kind = spec[0]
        if kind == "text":
            if form == "regex":
                return f"P{row}.search(text)"
            return " or ".join(f"{w!r} in text" for w in spec[1])
        if kind == "amount":
            low = f"amount >= {spec[1]}"
            return low if spec[2] is None else f"{low} and amount < {spec[2]}"
        var = kind
        if len(spec[1]) == 1:
            return f"{var} == {spec[1][0]!r}"
        return f"{var} in ({', '.join(map(repr, spec[1]))})"

    lines = [
        "def classify(record):",
        "    complaint = record['complaint']",
        "    text = complaint['text']",
        "    amount = complaint['amount']",
        "    channel = complaint['channel']",
        "    tier = record['customer']['tier']",
    ]
    for i, spec in enumerate(specs):
        tests = [test(i, t) for t in spec]
        joined = " and ".join(f"({t})" if " or " in t else t for t in tests)
        lines += [f"    if {joined}:", f"        return {i}"]
    lines.append("    return -1")
    return "\n".join(lines) + "\n"


def if_elif(specs: Sequence[list[tuple[Any, ...]]], form: str, engine: Any = re) -> Classify:
    namespace: dict[str, Any] = {}
    for i, spec in enumerate(specs):
        for test in spec:
            if test[0] == "text" and form == "regex":
                namespace[f"P{i}"] = engine.compile(pattern(test[1]))
    exec(if_elif_source(specs, form), namespace)
    return namespace["classify"]  # type: ignore[no-any-return]


# ---- peers, each in its natural fast form, built once -----------------------------------------


def peer_context(record: Record) -> dict[str, Any]:
    """The record as JSON-like peers take it: the amount as a float (exact to the cent)."""
    complaint = record["complaint"]
    return {
        "complaint": {**complaint, "amount": float(complaint["amount"])},
        "customer": record["customer"],
    }


def zen_engine(specs: Sequence[list[tuple[Any, ...]]], form: str) -> Classify:
    import zen  # noqa: PLC0415 - a peer, imported only here

    def cell(spec: tuple[Any, ...]) -> str:
        kind = spec[0]
        if kind == "text":
            if form == "regex":
                return f"matches($, {json.dumps(pattern(spec[1]), ensure_ascii=False)})"
            return " or ".join(f"contains($, {json.dumps(w, ensure_ascii=False)})" for w in spec[1])
        if kind == "amount":
            return f">= {spec[1]}" if spec[2] is None else f">= {spec[1]} and < {spec[2]}"
        return ", ".join(json.dumps(v) for v in spec[1])

    columns = {"text": "complaint.text", "amount": "complaint.amount"}
    columns |= {"channel": "complaint.channel", "tier": "customer.tier"}
    rules = []
    for i, spec in enumerate(specs):
        rule = {"_id": f"r{i}", "row": str(i)} | dict.fromkeys(columns, "")
        rule |= {test[0]: cell(test) for test in spec}
        rules.append(rule)
    where = {"position": {"x": 0, "y": 0}}
    content = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", **where},
            {
                "id": "table",
                "type": "decisionTableNode",
                "name": "classify",
                **where,
                "content": {
                    "hitPolicy": "first",
                    "inputs": [{"id": k, "name": k, "field": f} for k, f in columns.items()],
                    "outputs": [{"id": "row", "name": "row", "field": "row"}],
                    "rules": rules,
                },
            },
            {"id": "out", "type": "outputNode", "name": "response", **where},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }
    # ZenEngine.evaluate on a loaded key is 5-6x faster than ZenDecision.evaluate (measured
    # on this table): the fastest API, so the one timed
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"w1": content}}})
    evaluate = engine.evaluate

    def classify(context: dict[str, Any]) -> int:
        row = evaluate("w1", context)["result"].get("row")
        return -1 if row is None else int(row)

    return classify


def cel_program(specs: Sequence[list[tuple[Any, ...]]], form: str) -> Classify:
    import cel  # noqa: PLC0415 - a peer, imported only here

    def test(spec: tuple[Any, ...]) -> str:
        kind = spec[0]
        if kind == "text":
            if form == "regex":
                return f"complaint.text.matches({json.dumps(pattern(spec[1]))})"
            words = [f"complaint.text.contains({json.dumps(w)})" for w in spec[1]]
            return "(" + " || ".join(words) + ")"
        if kind == "amount":
            low = f"complaint.amount >= {float(spec[1])}"
            return low if spec[2] is None else f"{low} && complaint.amount < {float(spec[2])}"
        field = "complaint.channel" if kind == "channel" else "customer.tier"
        return f"{field} in {json.dumps(spec[1])}"

    branches = [" && ".join(test(t) for t in spec) + f" ? {i}" for i, spec in enumerate(specs)]
    execute = cel.compile(" : ".join(branches) + " : -1").execute

    def classify(context: dict[str, Any]) -> int:
        return int(execute(context))

    return classify


def rule_engine_peer(specs: Sequence[list[tuple[Any, ...]]], form: str) -> Classify:
    import rule_engine  # noqa: PLC0415 - a peer, imported only here

    def test(spec: tuple[Any, ...]) -> str:
        kind = spec[0]
        if kind == "text":
            if form == "regex":
                return f"complaint.text =~~ {json.dumps(pattern(spec[1]))}"
            return "(" + " or ".join(f"{json.dumps(w)} in complaint.text" for w in spec[1]) + ")"
        if kind == "amount":
            low = f"complaint.amount >= {spec[1]}"
            return low if spec[2] is None else f"{low} and complaint.amount < {spec[2]}"
        field = "complaint.channel" if kind == "channel" else "customer.tier"
        return f"{field} in {json.dumps(spec[1])}"

    rules = [rule_engine.Rule(" and ".join(test(t) for t in spec)) for spec in specs]

    def classify(context: dict[str, Any]) -> int:
        return next((i for i, rule in enumerate(rules) if rule.matches(context)), -1)

    return classify


# ---- running ---------------------------------------------------------------------------------


def scaled(figure: harness.Figure, items: int) -> harness.Figure:
    """``figure`` as the time for ``items`` records at its median rate (per-record comparison)."""
    seconds = figure.seconds * items / figure.items
    return harness.Figure(figure.workload, figure.contender, seconds, items, figure.runs)


def run_form(
    form: str, specs: Sequence[list[tuple[Any, ...]]], records: list[Record], args: Any
) -> tuple[list[harness.Figure], list[harness.Check], list[int]]:
    workload = f"W1 {form}"
    peer_records = records[: args.peer_records]
    contexts = [peer_context(r) for r in peer_records]
    rule_contexts = contexts[: args.rule_records]
    fast: dict[str, tuple[Classify, list[Any]]] = {
        "complaintkit": (complaintkit(specs, form), records)
    }
    if form == "regex":
        fast["if/elif (re)"] = (if_elif(specs, form, re), records)
        fast["if/elif (re2)"] = (if_elif(specs, form, re2), records)
    else:
        fast["if/elif"] = (if_elif(specs, form), records)
    peers: dict[str, tuple[Classify, list[Any]]] = {
        "zen-engine": (zen_engine(specs, form), contexts),
        "CEL": (cel_program(specs, form), contexts),
    }
    if args.rule_records:
        peers["rule-engine"] = (rule_engine_peer(specs, form), rule_contexts)
    contenders = fast | peers

    by_hand = if_elif(specs, form)
    reference = [by_hand(r) for r in records]
    for name, (classify, items) in contenders.items():
        picks = [classify(item) for item in items]
        assert picks == reference[: len(items)], f"{form}: {name} disagrees with if/elif"

    def timed(classify: Classify, items: list[Any]) -> Callable[[], object]:
        return lambda: [classify(item) for item in items]

    # the answer checks above were the warm-up
    runs = harness.interleave(
        {name: timed(*pair) for name, pair in contenders.items()}, args.repeats, warmup=0
    )
    found: dict[str, harness.Figure] = {}
    for name, (_, items) in contenders.items():
        found |= harness.figures(workload, {name: runs[name]}, len(items))
    ours = found["complaintkit"]
    floors = [f for name, f in found.items() if name.startswith("if/elif")]
    floor = min(floors, key=lambda f: f.seconds)
    for figure in found.values():
        note = "" if figure.items == len(records) else f"  (first {figure.items:,} records)"
        per_record = figure.seconds / figure.items
        print(
            f"  {form:<8} {figure.contender:<14} {figure.per_second:>12,.0f} records/s"
            f"  {per_record / (ours.seconds / ours.items):7.2f}x complaintkit's time{note}"
        )
    limit = 1.5 if form == "contains" else 2.0
    checks = [
        harness.at_most_times(workload, ours, floor, limit),
        harness.at_least_faster(workload, scaled(ours, len(contexts)), found["zen-engine"], 20),
    ]
    return list(found.values()), checks, reference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--peer-records", type=int, default=5_000, help="zen-engine and CEL")
    parser.add_argument("--rule-records", type=int, default=200, help="rule-engine; 0 skips it")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--form", choices=FORMS, action="append", help="default: both")
    parser.add_argument("--show", action="store_true", help="print the if/elif source and exit")
    args = parser.parse_args()
    rng = random.Random(42)
    specs = build_specs(rng)
    if args.show:
        for form in args.form or FORMS:
            print(if_elif_source(specs, form))
        return
    started = time.perf_counter()
    records = build_records(args.records, rng)
    print(
        f"W1: 50-row first-hit table, {len(records):,} records ({time.perf_counter() - started:.1f} s"
        f" to build); peers on the first {min(args.peer_records, len(records)):,}, rule-engine on "
        f"{min(args.rule_records, args.peer_records, len(records)):,}; medians of {args.repeats}"
    )
    all_figures: list[harness.Figure] = []
    all_checks: list[harness.Check] = []
    answers = []
    for form in args.form or FORMS:
        found, checks, picks = run_form(form, specs, records, args)
        all_figures += found
        all_checks += checks
        answers.append(picks)
    if len(answers) == 2:
        assert answers[0] == answers[1], "the contains and regex forms pick different rows"
    picks = answers[0]
    print(
        f"  every contender agrees on every record; {len(set(picks))} distinct rows chosen, "
        f"default for {picks.count(-1):,} records"
    )
    harness.save(
        "classify",
        all_figures,
        all_checks,
        {
            "records": len(records),
            "peer_records": min(args.peer_records, len(records)),
            "rule_records": min(args.rule_records, args.peer_records, len(records)),
            "repeats": args.repeats,
            "forms": list(args.form or FORMS),
            "text": "lowercased when the records are built (not timed)",
        },
    )


if __name__ == "__main__":
    main()
