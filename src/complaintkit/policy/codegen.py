"""Turn validated condition trees into one specialised Python function.

Why generate source at all: a tree of small node objects costs a method call per node, and
a 50-row table would then run several times slower than the if/elif chain a developer would
write by hand. Like attrs generating ``__init__``, we emit Python source — but only
structure we produce ourselves (operators, ``and``/``or``, generated names). Every value
taken from a policy (literals, paths, patterns, plugin callables) enters the function
through its namespace under a generated name, so policy text is never executed as code.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from decimal import InvalidOperation
from types import MappingProxyType
from typing import Any, Final, Protocol

from complaintkit.policy.facts import MISSING

_counter = itertools.count()
#: Rows per compiled function. CPython compiles a function whole: one function for a
#: 12,000-row table took 120 MB while compiling, functions of this many rows a few MB.
CHUNK_ROWS: Final = 500

#: The records whose every field is there, null where it has no value (``Projection.record``
#: writes each field a table reads): read by subscript. Other paths often end at a key not
#: there (``case.tags`` of a case with no tags yet, a fact not supplied): read by ``get``.
WRITTEN_WHOLE: Final = frozenset({"complaint", "customer"})
#: What a field's path steps through: a dict, or a read-only view of one (a case's outcome
#: as the tables after the first and the clocks read it), answered by its ``get``.
KEYED: Final = frozenset({dict, MappingProxyType})


class TextGroup(Protocol):
    """Items tested on one text, answered by one pass over it (see :meth:`Generator.found`)."""

    def add(self, item: str, /) -> int: ...

    def seal(self) -> None: ...

    def __call__(self, text: str, /) -> Collection[int]: ...


class Generator:
    """Collects the namespace, field prefetches and expressions for one function."""

    def __init__(self) -> None:
        # a Decimal NaN fact raises from an ordering: the node tree answers it as no number
        self.namespace: dict[str, object] = {
            "_M": MISSING,
            "_NaN": InvalidOperation,
            "_item": _item_of,
            "_keyed": KEYED,
            "_no_number": _no_number,
        }
        self._consts: dict[int, str] = {}
        self._fields: dict[str, str] = {}
        self._typed: dict[str, str] = {}
        self._lazy: dict[int, str] = {}
        self._groups: dict[tuple[str, Callable[[], TextGroup]], TextGroup] = {}
        self._histories: dict[tuple[str, object], object] = {}

    def const(self, value: object) -> str:
        """A name bound to ``value`` in the function's namespace."""
        name = self._consts.get(id(value))
        if name is None:
            name = f"_k{len(self._consts)}"
            self._consts[id(value)] = name
            self.namespace[name] = value
        return name

    def field(self, path: str) -> str:
        """A local variable holding the value at ``path``, fetched once at the top."""
        var = self._fields.get(path)
        if var is None:
            var = f"v{len(self._fields)}"
            self._fields[path] = var
        return var

    def type_of(self, var: str) -> str:
        """An expression for ``type(var)``: for a field's variable, a local set once at the
        top, as a row's tests ask a field's type once a test (number, flag or text?)."""
        if var not in self._fields.values():
            return f"type({var})"
        typed = self._typed.get(var)
        if typed is None:
            typed = self._typed[var] = f"t{var}"
        return typed

    def lazy(self, owner: object, call: str) -> str:
        """An expression evaluating ``call`` at most once per function run.

        For answers only some rows need (a keyword scan): computed where first used, then
        read from a local, so rows after the first skip even the per-record cache lookup.
        """
        var = self._lazy.get(id(owner))
        if var is None:
            var = f"_l{len(self._lazy)}"
            self._lazy[id(owner)] = var
            self.namespace[f"_owner{var}"] = owner  # keeps id(owner) unique while we build
        return f"({var} if {var} is not None else ({var} := {call}))"

    def history(self, name: str, argument: object) -> str:
        """An expression reading the customer-history fact ``name(argument)`` at most once
        per function run (:meth:`lazy`): a comparison with it reads it up to four times, its
        type and then its value, and each read was a call building a key."""
        owner = self._histories.setdefault((name, argument), object())
        return self.lazy(owner, f"facts.history({self.const(name)}, {self.const(argument)})")

    def found(self, var: str, kind: Callable[[], TextGroup], item: str) -> str:
        """An expression true when ``item`` occurs in the text held by ``var`` (a ``str``).

        The items of one ``kind`` tested on one variable form a group: the first row that
        asks scans the text for all of them, later rows read the answer (:meth:`lazy`).
        """
        return self.found_any(var, kind, [item])

    def found_any(self, var: str, kind: Callable[[], TextGroup], items: Sequence[str]) -> str:
        """An expression true when any of ``items`` occurs in the text held by ``var``: the
        scan's answer asked once, where a row testing several words asked once a word."""
        group = self._groups.get((var, kind))
        if group is None:
            group = self._groups[var, kind] = kind()
        hits = self.lazy(group, f"{self.const(group)}({var})")
        indexes = frozenset(group.add(item) for item in items)
        if len(indexes) == 1:
            return f"({next(iter(indexes))} in {hits})"
        return f"(not {self.const(indexes)}.isdisjoint({hits}))"

    def _prefetch(self) -> list[str]:
        lines = [f"    {var} = None" for var in self._lazy.values()]
        for path, var in self._fields.items():
            parts = path.split(".")
            if parts[0] in WRITTEN_WHOLE:  # a subscript in a try: the fastest read of a key
                keys = "".join(f"[{self.const(part)}]" for part in parts)
                lines += [
                    "    try:",
                    f"        {var} = facts.data{keys}",
                    "    except (KeyError, TypeError, IndexError):",
                    f"        {var} = _M",
                ]
            else:  # a get: a KeyError raised and caught costs more than the rest of a row
                first, *rest = map(self.const, parts)
                lines.append(f"    {var} = {_item_source('facts.data', first)}")
                lines += [
                    f"    if {var} is not _M:\n        {var} = {_item_source(var, k)}" for k in rest
                ]
            lines.append(f"    if {var} is None:\n        {var} = _M")
            if var in self._typed:
                lines.append(f"    {self._typed[var]} = type({var})")
        return lines

    def first_match(self, exprs: Sequence[str], slow: Callable[[Any], int]) -> Callable[[Any], int]:
        """``f(facts) -> index`` of the first true expression, or -1.

        An expression may raise ``TypeError`` when a fact has an unexpected type (a string
        compared with a number); the node tree then answers with exact semantics.
        """
        name = f"_complaintkit_compiled_{next(_counter)}"
        if len(exprs) <= CHUNK_ROWS:
            rows = [f"if {expr}:\n    return {i}" for i, expr in enumerate(exprs)]
            return self._build(name, ["try:", *_indented(rows), "    return -1"], slow)
        carried = "".join(f"{var}, " for var in self._lazy.values())
        rows = [f"if {expr}:\n    return ({i}, {carried})" for i, expr in enumerate(exprs)]
        parts = self._parts(name, rows, f"return (-1, {carried})")
        calls = [f"(_i, {carried}) = {call}\nif _i >= 0:\n    return _i" for call in parts]
        return self._build(name, ["try:", *_indented(calls), "    return -1"], slow)

    def all_matches(
        self, exprs: Sequence[str], slow: Callable[[Any], tuple[int, ...]]
    ) -> Callable[[Any], tuple[int, ...]]:
        """``f(facts) -> (index, ...)`` of every true expression, in order."""
        name = f"_complaintkit_compiled_{next(_counter)}"
        rows = [f"if {expr}:\n    m.append({i})" for i, expr in enumerate(exprs)]
        if len(exprs) > CHUNK_ROWS:
            carried = "".join(f"{var}, " for var in self._lazy.values())
            parts = self._parts(name, rows, f"return ({carried})", "m")
            rows = [f"({carried}) = {call}" for call in parts]
        return self._build(name, ["m = []", "try:", *_indented(rows), "    return tuple(m)"], slow)

    def _parts(self, name: str, rows: list[str], end: str, *shared: str) -> list[str]:
        """Define ``rows`` as functions of :data:`CHUNK_ROWS` rows each, ending with ``end``;
        the call of each as the main function makes it. The fields and lazy answers go in
        as arguments and the lazy answers come back (in ``end``), so each is still
        computed at most once per run, and a ``TypeError`` still reaches the main
        function, which answers with the node tree."""
        values = [*self._fields.values(), *self._typed.values(), *self._lazy.values()]
        params = ", ".join(["facts", *shared, *values])
        calls = []
        for number, at in enumerate(range(0, len(rows), CHUNK_ROWS)):
            part = f"{name}_{number}"
            chunk = _indented(rows[at : at + CHUNK_ROWS])
            self._define(part, [f"def {part}({params}):", *chunk, f"    {end}"])
            calls.append(f"{part}({params})")
        return calls

    def _build(
        self, name: str, body: list[str], slow: Callable[[Any], Any]
    ) -> Callable[[Any], Any]:
        self.namespace["_slow"] = slow
        for group in self._groups.values():
            group.seal()
        lines = [
            f"def {name}(facts):",
            *self._prefetch(),
            *_indented(body),
            "    except (TypeError, _NaN):",
            "        return _slow(facts)",
        ]
        return self._define(name, lines)

    def _define(self, name: str, lines: list[str]) -> Callable[[Any], Any]:
        code = compile("\n".join(lines), f"<complaintkit {name}>", "exec")
        exec(code, self.namespace)  # noqa: S102 - source built only from generated names
        function: Callable[[Any], Any] = self.namespace[name]  # type: ignore[assignment]
        return function


def _no_number() -> bool:
    """Raise ``TypeError`` for text compared as a number that spells none, as an ordering
    on it does: the slow path then answers, and names it."""
    raise TypeError("text compared as a number spells none")


def _item_source(value: str, key: str) -> str:
    """An expression for ``value[key]``, or ``_M`` where there is none (not a key of it, or
    ``value`` holds no keys): ``field_getter``'s answer."""
    return f"({value}.get({key}, _M) if type({value}) in _keyed else _item({value}, {key}))"


def _item_of(value: object, key: str) -> object:
    """``value[key]`` of a value that is not :data:`KEYED` (another mapping, a list, a
    number), or :data:`MISSING` where there is none."""
    try:
        return value[key]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return MISSING


def _indented(lines: list[str]) -> list[str]:
    """``lines`` (each maybe several) one level deeper."""
    return ["    " + line.replace("\n", "\n    ") for line in lines]
