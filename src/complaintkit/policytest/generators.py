"""What ``complaintkit check`` generates, read from the policy itself.

A bank's policy says nothing about spoiled milk, so generating supermarket complaints for it
tests nothing. Everything here comes from the policy document and its tests:

* **texts** — every keyword of a classification row that decides the category (a text a
  rule claims to recognise), every other keyword, and the complaint texts of the policy
  tests beside it (what the author declared as examples), each as written and in simplified
  and traditional characters;
* **vocabulary** — every literal a condition compares a field with (``customer.tier in
  [gold, vip]``, ``flight.distance_km <= 1500``), and numbers either side of each bound;
* **money inputs** — every input a compensation formula names (``of: loss``), as Money in
  the policy's currency;
* **start dates** — every field a target starts its clock from (``from:``), a date, an
  instant or text that is neither;
* **deadline values** — every literal an SLA row's ``when`` compares a field of the
  complaint with, and every key of a calendar chosen by a field (``{field, map,
  default}``), drawn into the complaint (its channel, the customer's tier or region, an
  attribute) or left out, so each row and each calendar gets its cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.money import Money, finer_than_paid
from complaintkit.policy.chinese_forms import forms
from complaintkit.policy.compiled import Policy
from complaintkit.policytest.spec import find_test_files, load_test_file
from complaintkit.testing.strategies import aware_datetimes, money

#: Condition keys that are structure, not operators.
_STRUCTURE: Final = frozenset({"field", "all", "any", "not", "keywords", "fields", "history"})
#: Operators whose argument is no value the field holds: ``money: true`` asks for an amount
#: of money, which a formula's money input is generated as, never the flag true.
_NO_VALUE: Final = frozenset({"money"})
#: Fields that are part of the complaint record rather than supplied facts.
_RECORD: Final = ("complaint.", "customer.", "case.")
_NEUTRAL: Final = ("complaint", "投诉")
#: Where ``_walk`` collects the fields keyword conditions read (no condition field is empty).
_KEYWORD_FIELDS: Final = ""
_SUBJECT_AND_TEXT: Final = ("complaint.subject", "complaint.text")


@attrs.frozen
class Vocabulary:
    """The words, values and inputs a policy's conditions and formulas mention."""

    #: keywords of classification rows that set the category
    keywords: tuple[str, ...] = ()
    #: every other keyword, and the texts of the policy's tests
    examples: tuple[str, ...] = ()
    values: Mapping[str, tuple[object, ...]] = attrs.field(factory=dict)
    money_inputs: tuple[str, ...] = ()
    currency: str = "CNY"
    #: the fields keyword conditions read besides the subject and text (``fields:``)
    text_fields: tuple[str, ...] = ()
    #: the fields targets start their clocks from (``from:``)
    start_fields: tuple[str, ...] = ()
    #: the fields of the complaint the ``sla`` section's rows and calendars read
    sla_fields: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """Every text worth sending: keywords first, then declared examples."""
        return tuple(dict.fromkeys((*self.keywords, *self.examples))) or _NEUTRAL


def vocabulary(policy: Policy, tests: Iterable[Path] = ()) -> Vocabulary:
    """Read ``policy``'s vocabulary; ``tests`` are test files whose texts are examples."""
    data = policy.data
    deciding: dict[str, None] = {}
    for table in _tables(data.get("classification")):
        for row in table.get("rules") or ():
            then = row.get("then") if isinstance(row, Mapping) else None
            if isinstance(then, Mapping) and "category" in then:
                _walk(row.get("when"), deciding, {})
    keywords: dict[str, None] = {}
    values: dict[str, dict[object, None]] = {}
    for section in ("classification", "routing", "compensation", "escalation", "notifications"):
        _walk(data.get(section), keywords, values)
    timed: dict[str, dict[object, None]] = {}
    _walk(data.get("sla"), keywords, timed)
    for path, found in timed.items():
        values.setdefault(path, {}).update(found)
    read_in = values.pop(_KEYWORD_FIELDS, {})
    text_fields = [f for f in read_in if isinstance(f, str) and f not in _SUBJECT_AND_TEXT]
    compensation = data.get("compensation")
    currency = (
        str(compensation.get("currency", "CNY")) if isinstance(compensation, Mapping) else "CNY"
    )
    inputs: dict[str, None] = {}
    factors: dict[str, None] = {}
    _formula_inputs(compensation, inputs, factors)
    for name in factors:
        values.setdefault(name, dict.fromkeys((0, 1, 7, 30)))
    written = _in_both_scripts(deciding)
    return Vocabulary(
        keywords=written,
        examples=tuple(
            k
            for k in _in_both_scripts((*keywords, *_example_texts(policy, tests)))
            if k not in written
        ),
        values={path: tuple(found) for path, found in values.items()},
        money_inputs=tuple(inputs),
        currency=currency,
        text_fields=tuple(text_fields),
        start_fields=tuple(_start_fields(data.get("sla"))),
        sla_fields=tuple(path for path in timed if path != _KEYWORD_FIELDS),
    )


def _in_both_scripts(texts: Iterable[str]) -> tuple[str, ...]:
    """Each text as written and in simplified and traditional characters: a keyword finds
    either spelling, so a complaint in either must be decided as the policy says."""
    return tuple(dict.fromkeys(form for text in texts for form in forms(text)))


def policy_test_files(policy_path: Path) -> list[Path]:
    """The policy tests beside ``policy_path`` (its folder, or the folder it sits in)."""
    folder = policy_path if policy_path.is_dir() else policy_path.parent
    return find_test_files([folder])


def _tables(section: object) -> list[Mapping[str, Any]]:
    tables = section if isinstance(section, list) else [section]
    return [t for t in tables if isinstance(t, Mapping)]


def _example_texts(policy: Policy, tests: Iterable[Path]) -> list[str]:
    own = {Path(f).resolve() for f in policy.document.files}
    texts: list[str] = []
    for path in tests:
        try:
            test_file = load_test_file(path)
        except PolicyError:
            continue  # ``complaintkit test`` reports broken test files; check only borrows texts
        target = test_file.policy.resolve()
        if target not in own and not any(f.is_relative_to(target) for f in own):
            continue
        for test in test_file.tests:
            text = test.complaint.get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def _walk(node: object, keywords: dict[str, None], values: dict[str, dict[object, None]]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, keywords, values)
        return
    if not isinstance(node, Mapping):
        return
    _keywords(node, keywords, values)
    field, choices = node.get("field"), node.get("map")
    if isinstance(field, str) and isinstance(choices, Mapping):  # a calendar chosen by a field
        values.setdefault(field, {}).update(dict.fromkeys(map(str, choices)))
    elif isinstance(field, str):
        found = values.setdefault(field, {})
        for key, argument in node.items():
            if key not in _STRUCTURE and key not in _NO_VALUE:
                for literal in argument if isinstance(argument, list) else [argument]:
                    for value in _around(literal):
                        found[value] = None
    for value in node.values():
        _walk(value, keywords, values)


def _keywords(
    node: Mapping[str, Any], keywords: dict[str, None], values: dict[str, dict[object, None]]
) -> None:
    """A keyword condition's words, and the fields it reads them in."""
    raw = node.get("keywords")
    if not isinstance(raw, list):
        return
    for item in raw:
        word = item.get("text") if isinstance(item, Mapping) else item
        if isinstance(word, str):
            keywords[word] = None
    read_in = node.get("fields")
    if isinstance(read_in, list):
        values.setdefault(_KEYWORD_FIELDS, {}).update(dict.fromkeys(read_in))


def _start_fields(sla: object) -> dict[str, None]:
    """The field paths the targets of ``sla`` start their clocks from (``from:``)."""
    rows = sla.get("targets") if isinstance(sla, Mapping) else None
    found: dict[str, None] = {}
    for row in rows if isinstance(rows, list) else ():
        for body in row.values() if isinstance(row, Mapping) else ():
            start = body.get("from") if isinstance(body, Mapping) else None
            if isinstance(start, str):
                found[start] = None
    return found


def _start_values() -> st.SearchStrategy[str]:
    """What a field a clock starts from may hold: a date, an instant with its offset, or
    text that is neither, from which the clock counts from receipt."""
    instants = aware_datetimes()
    return st.one_of(
        instants.map(lambda moment: moment.date().isoformat()),
        instants.map(datetime.isoformat),
        st.sampled_from(["", "unknown", "2026-02-30"]),
    )


def _around(literal: object) -> list[object]:
    """A literal and, for a number, its neighbours: boundaries are where rules go wrong."""
    if isinstance(literal, bool) or not isinstance(literal, int | float | Decimal | str):
        return [literal] if isinstance(literal, bool) else []
    if isinstance(literal, str):
        return [literal]
    number = Decimal(str(literal))
    return [number - 1, number, number + 1]


def _formula_inputs(node: object, found: dict[str, None], factors: dict[str, None]) -> None:
    if isinstance(node, list):
        for item in node:
            _formula_inputs(item, found, factors)
    elif isinstance(node, Mapping):
        source, fact = node.get("of"), node.get("fact")
        if isinstance(source, str):
            found[source] = None
        if node.get("full") is True:  # a full refund is 100% of what the customer paid
            found["paid"] = None
        if isinstance(fact, str):
            factors[fact] = None
        for value in node.values():
            _formula_inputs(value, found, factors)


def _nested(flat: Mapping[str, object]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for path, value in flat.items():
        *parents, leaf = path.split(".")
        node = root
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[leaf] = value
    return root


def facts(vocab: Vocabulary) -> st.SearchStrategy[dict[str, Any]]:
    """Supplied facts: each condition field absent or one of its literals, money inputs set."""
    free = {p: v for p, v in vocab.values.items() if not p.startswith(_RECORD) and v}
    optional = {path: st.sampled_from(found) for path, found in sorted(free.items())}
    amounts = {
        name: money(vocab.currency, min_value=0, max_value=20_000)
        for name in vocab.money_inputs
        if name not in free
    }
    return st.fixed_dictionaries(amounts, optional=optional).map(_nested)


def complaints(
    vocab: Vocabulary, texts: tuple[str, ...] | None = None, *, pairs: bool = False
) -> st.SearchStrategy[Complaint]:
    """Complaints speaking the policy's language, from any customer, at any time; the words
    are the subject and the text both, so a keyword read only in one of them is found, and
    every other field a keyword condition reads (the product, an attribute). With
    ``pairs``, a text may say two of them (牛奶 变质), as a complaint names several things:
    two rows of a ``unique`` table each matching one word match it together. A field a
    target starts its clock from is absent or holds a date, an instant or other text."""
    one = st.sampled_from(texts if texts is not None else vocab.texts)
    said = st.lists(one, min_size=1, max_size=2).map(" ".join) if pairs else one
    words = st.shared(said, key="words")
    fields = vocab.text_fields
    product = words if "complaint.product" in fields else st.none()
    said_in = {_attribute(path): words for path in fields if _attribute(path)}
    starts: dict[str, st.SearchStrategy[object]] = {
        _attribute(path): _start_values() for path in vocab.start_fields
    }
    timed = {
        _attribute(path): st.sampled_from([_plain(v) for v in vocab.values[path]])
        for path in vocab.sla_fields
        if _attribute(path) and vocab.values.get(path)
    }
    starts.update({p: drawn for p, drawn in timed.items() if p not in starts})
    attributes = st.fixed_dictionaries(
        said_in, optional={p: dated for p, dated in starts.items() if p and p not in said_in}
    ).map(_nested)
    tiers = [v for v in vocab.values.get("customer.tier", ()) if isinstance(v, str)]
    regions = [v for v in vocab.values.get("customer.region", ()) if isinstance(v, str)]
    channels = [v for v in vocab.values.get("complaint.channel", ()) if isinstance(v, str)]
    bounds = [  # the amounts either side of each bound a condition sets, as paid
        Money(v, vocab.currency)
        for v in vocab.values.get("complaint.amount", ())
        if isinstance(v, Decimal) and v >= 0 and not finer_than_paid(v, vocab.currency)
    ]
    amounts = money(vocab.currency, min_value=0, max_value=20_000, finer=False)
    return st.builds(
        Complaint,
        channel=st.sampled_from(["web", *channels]),
        external_id=st.just("check"),
        received_at=aware_datetimes() | st.just(datetime(2026, 11, 23, 1, tzinfo=UTC)),
        customer=st.builds(
            Customer,
            id=st.sampled_from(["C-1", "C-2", "C-3"]),
            tier=st.none() | st.sampled_from(tiers or ["standard"]),
            region=st.none() | st.sampled_from(regions) if regions else st.none(),
        ),
        text=words,
        subject=words,
        product=product,
        attributes=attributes,
        amount=st.none() | (st.sampled_from(bounds) | amounts if bounds else amounts),
    )


def _plain(value: object) -> object:
    """A condition's literal as an attribute holds it: JSON, so a number as int or float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _attribute(path: str) -> str:
    """The attribute a field path names (``order.note``, ``complaint.attributes.order.note``:
    ``order.note``), or ``""`` for another field of the record."""
    if path.startswith("complaint.attributes."):
        return path.removeprefix("complaint.attributes.")
    return "" if path.startswith(_RECORD) else path
