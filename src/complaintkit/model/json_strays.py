"""Characters between a JSON document's tokens that look like a space, or like nothing.

JSON takes only space, tab and line ends there. An ideographic space typed with a Chinese
input method (U+3000), a no-break space pasted from a web page, a zero-width space, or the
record separator ``jq --seq`` writes before each record (RFC 7464) leaves a line that looks
like good JSON refused as ``Expecting value: line 1 column 1``. ``parse_json`` names it,
for a JSON line, an HTTP body or a stored value alike.
"""

from __future__ import annotations

import json
import re
import unicodedata

#: Controls but tab and line ends, Unicode's spaces but the ASCII one, and the invisible
#: format characters (zero-width space and joiners, marks, the byte order mark).
_STRAY = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]"
)

#: A JSON string, or what is left of one the line does not close, or one stray character.
#: A string never fails to match once opened, so no quote is scanned from twice: linear.
_TOKEN = re.compile(rf'"[^"\\]*(?:\\.[^"\\]*)*"?|({_STRAY})', re.DOTALL)

#: Characters no name in ``unicodedata`` describes well enough; it names no control at all,
#: so any other is a ``CONTROL``.
_NAMES = {
    "\x00": "NULL",
    "\x1e": "RECORD SEPARATOR",
    "\x0c": "FORM FEED",
    "\x0b": "LINE TABULATION",
}


def stray_reason(line: str) -> str | None:
    """Why ``line``, which did not parse, is not JSON when strays outside its strings are
    the cause — it parses with them read as spaces — or ``None``. A byte order mark first
    on the line is read past, as ``parse_json`` reads it. A document of many lines (a
    pretty-printed HTTP body) names the character's line as well as its column."""
    start = 1 if line.startswith("\ufeff") else 0
    found: list[int] = []

    def spaced(token: re.Match[str]) -> str:
        if token.group(1) is None:
            return token.group()
        found.append(token.start())
        return " "

    cleaned = _TOKEN.sub(spaced, line[start:])
    if not found:
        return None
    try:
        json.loads(cleaned)
    except (ValueError, RecursionError):  # another cause, or one besides them
        return None
    at = start + found[0]
    stray = line[at]
    row, line_start = line.count("\n", 0, at), line.rfind("\n", 0, at)
    place = f"column {at - line_start}"
    if row:
        place = f"line {row + 1}, {place}"
    code = f"U+{ord(stray):04X}"
    name = _NAMES.get(stray) or unicodedata.name(stray, "CONTROL")
    more = f" (and {len(found) - 1} more such)" if len(found) > 1 else ""
    reason = (
        f"is not JSON: it holds {stray!r} ({code} {name}) at {place}{more}, "
        "outside any string, where JSON takes only spaces, tabs and line ends: remove it"
    )
    if stray == "\x1e":
        reason += " (JSON text sequences start each record with it, as `jq --seq` writes; "
        reason += "`jq -c` writes JSON lines)"
    return reason
