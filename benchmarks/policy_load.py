"""Loading a policy with a large decision table, next to PyYAML alone and PyYAML with jsonschema.

The policy is the online shop's (policies/ecommerce) with ``--rows`` more classification
rows put in front of its own: half of them route a product (``complaint.product ==
SKU-…``), half match two keywords each, Chinese and English words taken from the real
complaint texts (corpus.py) — a catalogue-sized table such as an organisation generates
from its product list, about 1.8 MB at the default 12,000 rows (the loader's limit is
2 MiB a file).

Contenders, interleaved, on the same file:

* ``complaintkit load_policy``: reading with locations, the schema check, every section
  compiled (tables to code, keyword automata), as every command and the server do at start;
* ``PyYAML + jsonschema``: what a hand-written loader would do with the shipped schema —
  libyaml's ``CSafeLoader`` and ``Draft202012Validator`` (built once) over the data; it
  neither compiles anything nor knows where a problem is;
* ``PyYAML``: ``yaml.load`` with ``CSafeLoader`` alone, the floor of reading the file.

The two references run with the cyclic garbage collector paused, as ``load_policy`` runs
(``complaintkit.collector``): with it running, collections take about half of each.

    PYTHONPATH=src python benchmarks/policy_load.py [--rows 12000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import harness

from complaintkit.collector import collector_paused
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.schema import SCHEMA_FILE

POLICY = Path(__file__).parents[1] / "policies/ecommerce/online-shop.yaml"
FIRST_ROW = "      - id: batch-incident\n"
WORD = re.compile(r"[\u4e00-\u9fff]{2,4}|[A-Za-z]{5,12}")


def words(count: int) -> list[str]:
    """``count`` distinct words of the real complaint texts, in the order they appear."""
    seen: dict[str, None] = {}
    for text in corpus.texts(40_000):
        for word in WORD.findall(text):
            seen.setdefault(word.lower(), None)
            if len(seen) == count:
                return list(seen)
    raise SystemExit(f"the corpus holds only {len(seen):,} distinct words; ask for fewer rows")


def policy_text(rows: int) -> str:
    """The shop's policy with ``rows`` more classification rows before its own."""
    vocabulary = words(rows)
    lines = []
    for n in range(rows):
        if n % 2:
            pair = ", ".join(json.dumps(w, ensure_ascii=False) for w in vocabulary[n - 1 : n + 1])
            condition = f"{{keywords: [{pair}]}}"
        else:
            condition = f"{{field: complaint.product, ==: SKU-{n:05d}}}"
        lines.append(
            f"      - id: generated-{n}\n        when: {condition}\n"
            "        then: {category: product, severity: minor, priority: normal}\n"
        )
    text = POLICY.read_text(encoding="utf-8")
    at = text.index(FIRST_ROW)
    return text[:at] + "".join(lines) + text[at:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=12_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="complaintkit-policy-load-"))
    path = folder / "catalogue.yaml"
    path.write_text(policy_text(args.rows), encoding="utf-8")
    size = path.stat().st_size
    policy = load_policy(path)
    table = policy.section("assess").classification[0]
    assert len(table.rows) == args.rows + 10, len(table.rows)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))

    def read() -> object:
        with collector_paused():  # as load_policy reads: else collections take half the time
            return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def with_schema() -> None:
        data = read()
        with collector_paused():
            assert next(validator.iter_errors(data), None) is None

    contenders = {
        "complaintkit load_policy": lambda: load_policy(path),
        "PyYAML + jsonschema": with_schema,
        "PyYAML": read,
    }
    runs = harness.interleave(contenders, args.repeats)
    workload = f"loading a policy with a {args.rows:,}-row table ({size / 1e6:.1f} MB)"
    found = harness.figures(workload, runs, args.rows)
    ours, checked, floor = found.values()
    for figure in found.values():
        print(f"  {figure.contender:26} {figure.seconds:6.2f} s (median)")
    checks = [
        harness.reported(workload, f"{ours.seconds:.1f} s"),
        harness.reported(
            f"{workload}, next to PyYAML + jsonschema and PyYAML alone",
            f"{ours.seconds / checked.seconds:.1f}x PyYAML + jsonschema, "
            f"{ours.seconds / floor.seconds:.1f}x PyYAML",
        ),
    ]
    harness.save(
        "policy_load",
        found.values(),
        checks,
        {"rows": args.rows, "bytes": size, "repeats": args.repeats, "policy": str(POLICY.name)},
    )


if __name__ == "__main__":
    main()
