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
from collections.abc import Callable, Sequence
from typing import Any

from complaintkit.policy.facts import MISSING

_counter = itertools.count()


class Generator:
    """Collects the namespace, field prefetches and expressions for one function."""

    def __init__(self) -> None:
        self.namespace: dict[str, object] = {"_M": MISSING}
        self._consts: dict[int, str] = {}
        self._fields: dict[str, str] = {}

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

    def _prefetch(self) -> list[str]:
        lines = []
        for path, var in self._fields.items():
            keys = "".join(f"[{self.const(part)}]" for part in path.split("."))
            lines += [
                "    try:",
                f"        {var} = facts.data{keys}",
                "    except (KeyError, TypeError, IndexError):",
                f"        {var} = _M",
                "    else:",
                f"        if {var} is None:",
                f"            {var} = _M",
            ]
        return lines

    def first_match(self, exprs: Sequence[str], slow: Callable[[Any], int]) -> Callable[[Any], int]:
        """``f(facts) -> index`` of the first true expression, or -1.

        An expression may raise ``TypeError`` when a fact has an unexpected type (a string
        compared with a number); the node tree then answers with exact semantics.
        """
        body = [f"        if {expr}:\n            return {i}" for i, expr in enumerate(exprs)]
        return self._build(["    try:", *body, "        return -1"], slow)

    def all_matches(
        self, exprs: Sequence[str], slow: Callable[[Any], list[int]]
    ) -> Callable[[Any], list[int]]:
        """``f(facts) -> [index, ...]`` of every true expression, in order."""
        body = [f"        if {expr}:\n            m.append({i})" for i, expr in enumerate(exprs)]
        return self._build(["    m = []", "    try:", *body, "        return m"], slow)

    def _build(self, body: list[str], slow: Callable[[Any], Any]) -> Callable[[Any], Any]:
        self.namespace["_slow"] = slow
        name = f"_complaintkit_compiled_{next(_counter)}"
        source = "\n".join(
            [
                f"def {name}(facts):",
                *self._prefetch(),
                *body,
                "    except TypeError:",
                "        return _slow(facts)",
            ]
        )
        code = compile(source, f"<complaintkit {name}>", "exec")
        exec(code, self.namespace)  # noqa: S102 - source built only from generated names
        function: Callable[[Any], Any] = self.namespace[name]  # type: ignore[assignment]
        return function
