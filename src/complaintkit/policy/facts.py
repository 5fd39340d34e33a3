"""What conditions read: a read-only view of one record as dotted field paths.

A record arrives as nested mappings (``{"complaint": {...}, "customer": {...}}``) because
that is what the loader, the desk and JSON give us; flattening every record up front would
cost more than the few fields a table reads. So :class:`Facts` keeps the nested data and
compiled conditions resolve each dotted path once, at compile time, into a getter
(:func:`field_getter`). Seen as a ``Mapping`` it is flat: ``facts["complaint.amount"]``.

Customer-history facts (complaints in the last N days…) need a database, so they are
computed lazily through a :data:`HistoryProvider` and cached per record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Final, final

from complaintkit.errors import InvalidInput

#: ``provider(name, argument)`` answers one history fact, e.g.
#: ``provider("complaints_in_last_days", 30) -> 4``. ``argument`` is ``None`` when the
#: condition gave none. Return ``None`` when the fact is unknown for this customer.
HistoryProvider = Callable[[str, object], object]

#: A field path segment: identifier-like, so paths stay unambiguous in every policy format.
PATH_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")


@final
class Missing:
    """The value of an absent (or null) field: every comparison with it is false.

    Rich comparisons return ``False`` rather than raising so that compiled conditions can
    compare a fact with a literal without checking for absence first.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return False

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __ge__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


MISSING: Final = Missing()


@final
class Facts(Mapping[str, object]):
    """One record as conditions see it: nested data read through dotted paths.

    ``memo`` is a per-record cache for compiled engine parts (keyword scans, history facts)
    so several rules that need the same expensive answer compute it once.
    """

    __slots__ = ("_flat", "_history", "data", "memo")

    def __init__(self, data: Mapping[str, object], history: HistoryProvider | None = None) -> None:
        self.data = data
        self.memo: dict[object, object] = {}
        self._history = history
        self._flat: dict[str, object] | None = None

    @classmethod
    def from_flat(
        cls, values: Mapping[str, object], history: HistoryProvider | None = None
    ) -> Facts:
        """Build facts from ``{"complaint.amount": 42, ...}`` (tests, CSV rows)."""
        root: dict[str, object] = {}
        for path, value in values.items():
            *parents, leaf = path.split(".")
            node = root
            for part in parents:
                child = node.setdefault(part, {})
                if not isinstance(child, dict):
                    raise InvalidInput(path, f"{part!r} is both a value and a parent")
                node = child
            node[leaf] = value
        return cls(root, history)

    def history(self, name: str, argument: object = None) -> object:
        """The history fact ``name(argument)``, computed once per record."""
        key = ("history", name, argument)
        known = self.memo.get(key)
        if known is not None:
            return known
        if self._history is None:
            raise InvalidInput(
                f"history.{name}",
                "the policy reads a customer-history fact but these facts have no history "
                "provider; pass history=... when building Facts",
            )
        value = self._history(name, argument)
        result = MISSING if value is None else value
        self.memo[key] = result
        return result

    def lookup(self, path: str) -> object:
        """The value at ``path`` or :data:`MISSING`; resolves the path each call."""
        return field_getter(path)(self)

    def _flatten(self) -> dict[str, object]:
        if self._flat is None:
            flat: dict[str, object] = {}
            stack: list[tuple[str, Mapping[str, object]]] = [("", self.data)]
            while stack:
                prefix, node = stack.pop()
                for key, value in node.items():
                    path = f"{prefix}{key}"
                    if isinstance(value, Mapping):
                        stack.append((f"{path}.", value))
                    elif value is not None:
                        flat[path] = value
            self._flat = flat
        return self._flat

    def __getitem__(self, path: str) -> object:
        value = self.lookup(path)
        if value is MISSING:
            raise KeyError(path)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._flatten())

    def __len__(self) -> int:
        return len(self._flatten())

    def __repr__(self) -> str:
        return f"Facts({self._flatten()!r})"


def field_getter(path: str) -> Callable[[Facts], object]:
    """Resolve ``path`` once into a getter returning the value or :data:`MISSING`.

    Null counts as missing: a policy cannot tell an absent field from an explicit null.
    """
    parts = tuple(path.split("."))

    def get(facts: Facts) -> object:
        node: object = facts.data
        try:
            for part in parts:
                node = node[part]  # type: ignore[index]
        except (KeyError, TypeError, IndexError):
            return MISSING
        return MISSING if node is None else node

    return get
