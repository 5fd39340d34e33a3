"""Why RE2 refused a pattern, in a policy author's terms and at a character of it.

RE2 says why in its own words ("missing ): foo(bar"), which name neither the place in the
pattern nor what to do. Its reason starts with one of a fixed set of phrases (RE2's
``ErrorCodeText``), followed by the piece of the pattern at fault; this module turns that
into a sentence naming the piece and the character it starts at (1-based, counted in the
pattern as written). A reason it does not know still gets a sentence of ours; RE2's text
is then only a detail of the hint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final


def refusal(pattern: str, reason: str) -> str:
    """What is wrong with ``pattern``, given RE2's ``reason`` for refusing it."""
    code, _, piece = reason.partition(": ")
    describe = _DESCRIBED.get(code.strip())
    if describe is None:
        return "the pattern cannot be read as a regular expression"
    return describe(pattern, piece)


def _at(pattern: str, piece: str) -> int:
    """The 1-based character where ``piece`` begins in ``pattern`` (1 when it is absent)."""
    return pattern.find(piece) + 1 if piece and piece in pattern else 1


def _unbalanced(pattern: str) -> tuple[int | None, int | None]:
    """The 1-based characters of the first ')' closing nothing and of the last '(' left
    open, outside escapes and sets of characters."""
    opened: list[int] = []
    escaped = in_set = False
    for i, char in enumerate(pattern, 1):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            opened.append(i)
        elif char == ")":
            if not opened:
                return i, None
            opened.pop()
    return None, opened[-1] if opened else None


def _never_closed(pattern: str, _piece: str) -> str:
    at = _unbalanced(pattern)[1] or 1
    return f"the '(' at character {at} opens a group that is never closed with ')'"


def _never_opened(pattern: str, _piece: str) -> str:
    at = _unbalanced(pattern)[0] or len(pattern)
    return (
        f"the ')' at character {at} closes a group that was never opened "
        "(write \\) for the character itself)"
    )


def _set_never_closed(pattern: str, piece: str) -> str:
    return f"the '[' at character {_at(pattern, piece)} opens a set of characters that is never closed with ']'"


def _bad_range(pattern: str, piece: str) -> str:
    at = _at(pattern, piece)
    if piece.startswith(("\\p", "\\P")):
        return f"{piece} at character {at} names no Unicode class (such as \\p{{Han}} or \\p{{Nd}})"
    if piece.startswith("[:"):
        return (
            f"{piece} at character {at} names no character class (such as [:digit:] or [:alpha:])"
        )
    return f"the range {piece} at character {at} runs backwards: write the smaller character first"


def _bad_set(pattern: str, piece: str) -> str:
    return f"the set of characters {piece} at character {_at(pattern, piece)} cannot be read"


def _nothing_to_repeat(pattern: str, piece: str) -> str:
    return (
        f"the repeat '{piece}' at character {_at(pattern, piece)} has nothing before it to "
        f"repeat (write \\{piece[:1]} for the character itself)"
    )


def _repeated_repeat(pattern: str, piece: str) -> str:
    return (
        f"'{piece}' at character {_at(pattern, piece)} repeats a repeat: write one (a* or a+ or a?)"
    )


def _bad_count(pattern: str, piece: str) -> str:
    if not _usable_alone(piece):
        return (
            f"the count {piece} at character {_at(pattern, piece)} cannot be used: counts go "
            "up to 1000, the smaller number first"
        )
    # RE2 refuses a count on a group whose own counts it multiplies past 1000: the outer
    # count, which stands after the group's ')'
    after_group = pattern.rfind(")" + piece)
    at = after_group + 2 if after_group >= 0 else _at(pattern, piece)
    return (
        f"the count {piece} at character {at} repeats counts nested inside it, and the "
        "repeats multiply past 1000, the most a pattern may have: lower a count, or leave "
        "the group out"
    )


def _usable_alone(piece: str) -> bool:
    """Whether the count ``piece`` (``{n}``, ``{n,}``, ``{n,m}``) is one RE2 takes on its
    own: numbers up to 1000, the smaller first."""
    numbers = piece.strip("{}").split(",")
    if not all(n.isascii() and n.isdecimal() for n in numbers if n) or not numbers[0]:
        return False
    values = [int(n) for n in numbers if n]
    return max(values) <= 1000 and values == sorted(values)


def _lone_backslash(pattern: str, _piece: str) -> str:
    return (
        f"the pattern ends in a lone backslash at character {len(pattern)} "
        "(write \\\\ for a backslash itself)"
    )


def _unknown_group(pattern: str, piece: str) -> str:
    return f"the group '{piece}' at character {_at(pattern, piece)} is not one RE2 knows"


def _unknown_escape(pattern: str, piece: str) -> str:
    return f"the escape {piece} at character {_at(pattern, piece)} means nothing in a regex"


def _bad_name(pattern: str, piece: str) -> str:
    return (
        f"the group name in {piece} at character {_at(pattern, piece)} is not usable: "
        "names are letters, digits and _, each used once"
    )


def _not_text(_pattern: str, _piece: str) -> str:
    return "the pattern holds a character that is not text (re-save it as UTF-8)"


#: RE2's ErrorCodeText phrases, each with how to say it to an author.
_DESCRIBED: Final[dict[str, Callable[[str, str], str]]] = {
    "missing )": _never_closed,
    "unexpected )": _never_opened,
    "missing ]": _set_never_closed,
    "invalid character class range": _bad_range,
    "invalid character class": _bad_set,
    "no argument for repetition operator": _nothing_to_repeat,
    "missing argument to repetition operator": _nothing_to_repeat,
    "bad repetition operator": _repeated_repeat,
    "invalid repetition size": _bad_count,
    "trailing \\": _lone_backslash,
    "invalid perl operator": _unknown_group,
    "invalid escape sequence": _unknown_escape,
    "invalid named capture group": _bad_name,
    "invalid UTF-8": _not_text,
}
