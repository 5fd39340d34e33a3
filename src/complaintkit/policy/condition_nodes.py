"""The compiled forms of a condition: a tree of small nodes, each callable on a case's
facts, able to say why it was false, to describe itself, and to write its part of the
generated hot path (:mod:`complaintkit.policy.codegen`). ``ConditionCompiler`` builds
them; the policy checks (shadowed rows, overlaps, coverage) read their structure.

A condition is true, false, or undecided: an amount in another currency than the policy's
cannot be compared with a bare number (:mod:`~complaintkit.policy.currency_nodes`), and a comparison that
cannot be made is unmet both ways, ``not`` of it too. So each node answers two questions,
"does it hold" (``__call__``) and "is it surely false" (``refuted``), in Kleene's logic:
``not`` holds when its condition is refuted, ``all`` is refuted when one part is, ``any``
when every part is. Everything but the amount's test is decided, refuted when not held."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterator, Sequence

from complaintkit.policy.codegen import Generator
from complaintkit.policy.facts import MISSING, Facts
from complaintkit.policy.keywords import KeywordSet
from complaintkit.policy.operators import BuiltinTest, Contains, Exists, ValueTest, render_value


class Node:
    """A compiled condition: call it, ask why it was false, or render it."""

    path: str
    key: Hashable  # structural identity: equal keys mean logically identical conditions

    def __call__(self, facts: Facts) -> bool:
        raise NotImplementedError

    def refuted(self, facts: Facts) -> bool:
        """Whether the condition is surely false: not held, and not undecided."""
        return not self(facts)

    def undecided(self, facts: Facts) -> str | None:
        """Why the condition is neither true nor false (what cannot be compared), or None."""
        return None

    def explain(self, facts: Facts) -> str | None:
        """None when true, else the first failing sub-condition, readably."""
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def source(self, gen: Generator) -> str:
        """A Python expression for the generated hot path (may raise TypeError)."""
        raise NotImplementedError

    def refuted_source(self, gen: Generator) -> str:
        """The expression for :meth:`refuted`."""
        return f"(not {self.source(gen)})"


class AllNode(Node):
    def __init__(self, path: str, children: Sequence[Node]) -> None:
        self.path, self.children = path, tuple(children)
        self.key = ("all", frozenset(c.key for c in children))

    def __call__(self, facts: Facts) -> bool:
        return all(child(facts) for child in self.children)

    def refuted(self, facts: Facts) -> bool:
        return any(child.refuted(facts) for child in self.children)

    def undecided(self, facts: Facts) -> str | None:
        if self(facts) or self.refuted(facts):
            return None
        return next(filter(None, (child.undecided(facts) for child in self.children)), None)

    def explain(self, facts: Facts) -> str | None:
        for child in self.children:
            reason = child.explain(facts)
            if reason is not None:
                return reason
        return None

    def describe(self) -> str:
        return "(" + " and ".join(c.describe() for c in self.children) + ")"

    def source(self, gen: Generator) -> str:
        return "(" + " and ".join(c.source(gen) for c in self.children) + ")"

    def refuted_source(self, gen: Generator) -> str:
        return "(" + " or ".join(c.refuted_source(gen) for c in self.children) + ")"


class AnyNode(Node):
    def __init__(self, path: str, children: Sequence[Node]) -> None:
        self.path, self.children = path, tuple(children)
        self.key = ("any", frozenset(c.key for c in children))

    def __call__(self, facts: Facts) -> bool:
        return any(child(facts) for child in self.children)

    def refuted(self, facts: Facts) -> bool:
        return all(child.refuted(facts) for child in self.children)

    def undecided(self, facts: Facts) -> str | None:
        if self(facts) or self.refuted(facts):
            return None
        return next(filter(None, (child.undecided(facts) for child in self.children)), None)

    def explain(self, facts: Facts) -> str | None:
        reasons = [child.explain(facts) for child in self.children]
        if any(reason is None for reason in reasons):
            return None
        return "none of the alternatives held: " + "; ".join(map(str, reasons))

    def describe(self) -> str:
        return "(" + " or ".join(c.describe() for c in self.children) + ")"

    def source(self, gen: Generator) -> str:
        return "(" + " or ".join(source for _, source in self._alternatives(gen)) + ")"

    def refuted_source(self, gen: Generator) -> str:
        refuted = (
            f"(not {source})" if child is None else child.refuted_source(gen)
            for child, source in self._alternatives(gen)
        )
        return "(" + " and ".join(refuted) + ")"

    def _alternatives(self, gen: Generator) -> Iterator[tuple[Node | None, str]]:
        """Each child with its source, but a run of ``contains`` of text on one subject as
        one test (child None): ``any`` of a row's words asks the text's scan once."""
        tests = [(child, _text_test(child, gen)) for child in self.children]
        by_subject = itertools.groupby(tests, key=lambda t: None if t[1] is None else t[1][0])
        for subject, run in by_subject:
            pairs = list(run)
            if subject is None or len(pairs) == 1:
                yield from ((child, child.source(gen)) for child, _ in pairs)
            else:
                words = [test[1] for _, test in pairs if test is not None]
                yield None, Contains.inline_any(words, subject, gen)


def _text_test(node: Node, gen: Generator) -> tuple[str, str] | None:
    """The subject's variable and the text when ``node`` tests that its subject contains a
    text, else None."""
    if type(node) is TestNode and isinstance(node.test, Contains) and node.test.text is not None:
        return node.subject(gen), node.test.text
    return None


class NotNode(Node):
    def __init__(self, path: str, child: Node) -> None:
        self.path, self.child = path, child
        self.key = ("not", child.key)

    def __call__(self, facts: Facts) -> bool:
        return self.child.refuted(facts)

    def refuted(self, facts: Facts) -> bool:
        return self.child(facts)

    def undecided(self, facts: Facts) -> str | None:
        return self.child.undecided(facts)

    def explain(self, facts: Facts) -> str | None:
        if self.child(facts):
            return f"{self.describe()} was false ({self.child.describe()} was true)"
        why = self.child.undecided(facts)
        if why is not None:
            return (
                f"{self.describe()} was false ({self.child.describe()} cannot be compared: {why})"
            )
        return None

    def describe(self) -> str:
        return f"not {self.child.describe()}"

    def source(self, gen: Generator) -> str:
        return self.child.refuted_source(gen)

    def refuted_source(self, gen: Generator) -> str:
        return self.child.source(gen)


class TestNode(Node):
    """A subject (a field or a history fact) under one operator's test."""

    def __init__(
        self,
        path: str,
        *,
        label: str,
        value: Callable[[Facts], object],
        subject_source: Callable[[Generator], str],
        test: ValueTest,
        key: Hashable,
        rendered: str,
    ) -> None:
        self.path, self.label, self.value, self.test, self.key = path, label, value, test, key
        self._subject_source = subject_source
        self._rendered = rendered
        self._sees_missing = isinstance(test, Exists)

    def __call__(self, facts: Facts) -> bool:
        value = self.value(facts)
        if value is MISSING and not self._sees_missing:
            return False
        return self.test(value)

    def explain(self, facts: Facts) -> str | None:
        if self(facts):
            return None
        value = self.value(facts)
        found = "missing" if value is MISSING else f"= {render_value(value)}"
        return f"{self._rendered} was false ({self.label} {found})"

    def describe(self) -> str:
        return self._rendered

    def subject(self, gen: Generator) -> str:
        """The expression holding the subject's value in the generated function."""
        return self._subject_source(gen)

    def source(self, gen: Generator) -> str:
        var = self._subject_source(gen)
        if isinstance(self.test, BuiltinTest):
            return self.test.inline(var, gen)
        return f"({var} is not _M and {gen.const(self.test)}({var}))"


class KeywordNode(Node):
    def __init__(self, path: str, keywords: KeywordSet) -> None:
        self.path, self.keywords = path, keywords
        words = frozenset(k.identity for k in keywords.keywords)
        self.key = ("keywords", words, frozenset(keywords.fields))

    def __call__(self, facts: Facts) -> bool:
        return self.keywords.matches(facts)

    def explain(self, facts: Facts) -> str | None:
        if self(facts):
            return None
        return f"{self.describe()} was false (none found)"

    def describe(self) -> str:
        words = ", ".join(k.describe() for k in self.keywords.keywords)
        return f"keywords [{words}] in {', '.join(self.keywords.fields)}"

    def source(self, gen: Generator) -> str:
        # the index may be shared with tables compiled later, so it and this set's codes
        # are looked up when the function runs, not now
        builder = self.keywords.builder
        hits = gen.lazy(builder, f"{gen.const(builder)}.index.hits(facts)")
        return f"(not {gen.const(self.keywords)}.codes.isdisjoint({hits}))"
