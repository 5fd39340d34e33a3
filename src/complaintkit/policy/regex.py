"""Bounded regular expressions: patterns that cannot backtrack catastrophically.

Policy authors write regexes, and one bad pattern such as ``(a+)+$`` can pin a CPU for
minutes on a 40-character complaint. Python's ``re`` has no timeout, so we refuse the
shapes that cause exponential backtracking before they run: a repeated group containing
another unbounded repeat, and a repeated alternation whose branches can start with the same
character. Possessive quantifiers and atomic groups never backtrack and are allowed. Every
search also stops at :data:`MAX_TEXT` characters.

The check reads the parse tree from ``re._parser``: private, but it is the only parser that
agrees exactly with ``re`` and has kept its shape since Python 3.11.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any, Final

sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

#: Characters of a text a regex condition looks at; longer texts are cut, not rejected.
MAX_TEXT: Final = 10_000

# Characters used to decide whether two alternatives can start alike: ASCII, some Latin
# and CJK letters, full-width digits and ideographic space.
_PROBES: Final = [chr(c) for c in range(9, 127)] + list("éü一变质投诉０　")
_EMPTY: Final = ""  # marks "this part can match the empty string"

_REPEATS: Final = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_CATEGORIES: Final[dict[Any, Callable[[str], bool]]] = {
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    sre.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(),
    sre.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    sre.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def compile_bounded(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` or raise ``ValueError`` saying why it is refused."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"does not compile: {exc}") from None
    _check(list(sre_parse.parse(pattern)), repeating=None)
    return compiled


def _check(items: list[Any], repeating: bool | None) -> None:
    """Walk the tree; ``repeating`` is None outside a repeat, else whether it is unbounded."""
    for op, av in items:
        if op in _REPEATS:
            _check_repeat(av, repeating)
        elif op is sre.SUBPATTERN:
            _check(list(av[3]), repeating)
        elif op is sre.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
            if repeating is not None:
                _check_disjoint(alternatives)
            for alt in alternatives:
                _check(alt, repeating)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _check(list(av[1]), repeating)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _check(list(branch), repeating)


def _check_repeat(av: Any, repeating: bool | None) -> None:
    _low, high, body = av
    if high <= 1:  # x? repeats nothing
        _check(list(body), repeating)
        return
    unbounded = high == sre.MAXREPEAT
    if repeating is not None and (repeating or unbounded):
        raise ValueError(
            "has a nested quantifier such as (a+)+, which can backtrack catastrophically"
        )
    _check(list(body), repeating=unbounded)


def _check_disjoint(alternatives: list[list[Any]]) -> None:
    seen: set[str] = set()
    for alt in alternatives:
        firsts = _first_chars(alt)
        if _EMPTY in firsts or firsts & seen:
            raise ValueError(
                "repeats an alternation whose branches can match the same text, such as "
                "(a|ab)*, which can backtrack catastrophically"
            )
        seen |= firsts


def _first_chars(items: list[Any]) -> set[str]:
    """Probe characters that can start a match of ``items`` (plus _EMPTY if it can be empty)."""
    for index, (op, av) in enumerate(items):
        rest = items[index + 1 :]
        if op is sre.AT:
            continue
        if op is sre.SUBPATTERN:
            return _first_chars(list(av[3]) + rest)
        if op is sre.BRANCH:
            return set().union(*(_first_chars(list(alt) + rest) for alt in av[1]))
        if op in (*_REPEATS, sre.POSSESSIVE_REPEAT):
            low, _high, body = av
            firsts = _first_chars(list(body))
            if low == 0 or _EMPTY in firsts:
                firsts = (firsts - {_EMPTY}) | _first_chars(rest)
            return firsts
        return {ch for ch in _PROBES if _matches(op, av, ch)}
    return {_EMPTY}


def _matches(op: Any, av: Any, ch: str) -> bool:
    if op is sre.LITERAL:
        return bool(ch == chr(av))
    if op is sre.NOT_LITERAL:
        return bool(ch != chr(av))
    if op is sre.IN:
        negate = bool(av) and av[0][0] is sre.NEGATE
        hit = any(_in_item(item_op, item_av, ch) for item_op, item_av in av)
        return hit != negate
    return True  # ANY, lookarounds, backreferences: assume anything


def _in_item(op: Any, av: Any, ch: str) -> bool:
    if op is sre.RANGE:
        return bool(av[0] <= ord(ch) <= av[1])
    if op is sre.CATEGORY:
        test = _CATEGORIES.get(av)
        return True if test is None else bool(test(ch))
    if op is sre.NEGATE:
        return False
    return _matches(op, av, ch)
