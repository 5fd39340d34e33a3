"""Regular expressions that run in linear time, on the whole text: RE2.

Policy authors write regexes, and under a backtracking engine one pattern such as
``(a+)+$`` or ``^\\d*\\d*\\d*\\d*$`` pins a CPU for minutes on a few hundred characters of
complaint. RE2 (google-re2) matches in time linear in the text whatever the pattern, so a
policy's regex can neither hang intake nor be refused by a heuristic guard, and it reads
the whole text (no silent cut-off).

RE2 has no look-arounds and no back-references: those patterns are refused with a located
error that points at keyword exclusions (``not`` with ``keywords``). ``\\d``, ``\\w`` and
``\\b`` are ASCII classes in RE2; ``\\p{Nd}`` and ``\\p{Han}`` name Unicode ones.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final, Protocol

import re2

from complaintkit.policy.regex_refusals import refusal


class Pattern(Protocol):
    """What conditions use of a compiled pattern."""

    pattern: str

    def search(self, text: str) -> object | None: ...


_OPTIONS: Final = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is reported to the author, not to stderr
_OPTIONS.never_capture = True  # conditions only ask whether it matches
#: One escape (``\\x``), read left to right so an escaped backslash is not taken for one.
_ESCAPE: Final = re.compile(r"\\(.)", re.DOTALL)
#: ``{,5}``: zero to five in Python, but the literal text ``{,5}`` in RE2.
_NO_LOWER_BOUND: Final = re.compile(r"\{,(\d+)\}")
#: Escapes of other engines RE2 refuses, and how RE2 spells what they mean.
_SPELLED: Final = {
    "u": "; write a code point as \\x{4e00}, or a class such as \\p{Han}",
    "Z": "; write \\z for the end of the text",
}


def compile_bounded(pattern: str) -> Pattern:
    """Compile ``pattern`` for RE2 or raise ``ValueError`` saying why it is refused."""
    escapes = {found[1] for found in _ESCAPE.finditer(pattern)}
    count = _NO_LOWER_BOUND.search(_ESCAPE.sub("", pattern))
    if count is not None:  # RE2 compiles it, as text: refused, or it silently never counts
        raise ValueError(
            f"reads {count[0]!r} as that text, not as a count: write {{0,{count[1]}}} for "
            f"none to {count[1]}, or \\{count[0]} for the text"
        )
    try:
        compiled: Pattern = re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        hint = next((_SPELLED[e] for e in sorted(escapes) if e in _SPELLED), "")
        if "(?<" in pattern or "(?=" in pattern or "(?!" in pattern:
            hint = "; look-arounds are not supported: write an exclusion as not: {keywords: [...]}"
        elif escapes & set("123456789k") or "(?P=" in pattern:
            hint = "; back-references are not supported"
        refused = ValueError(f"cannot use the pattern: {refusal(pattern, reason)}{hint}")
        refused.add_note(f"'regex' takes a bounded regular expression (RE2 said: {reason})")
        raise refused from None
    return compiled


class PatternGroup:
    """Patterns tested on one text; ``group(text)`` is the indexes of those that match it.

    A table with a ``regex`` row per category searches the same text once per row, each
    search paying the Python wrapper's costs. RE2's FilteredRE2 (``re2.Filter``) finds the
    literal pieces ("atoms") of every pattern in one pass, then runs in C++ only the
    patterns whose atoms occur (and those with none), each exactly as ``search`` would.
    """

    def __init__(self) -> None:
        self._patterns: dict[str, int] = {}
        self._filter = re2.Filter()

    def add(self, pattern: str) -> int:
        """The index answering for ``pattern``; call before :meth:`seal`."""
        index = self._patterns.get(pattern)
        if index is None:
            index = self._patterns[pattern] = self._filter.Add(pattern, _OPTIONS)
        return index

    def seal(self) -> None:
        self._filter.Compile()

    def __call__(self, text: str) -> Collection[int]:
        return self._filter.Match(text) or ()
