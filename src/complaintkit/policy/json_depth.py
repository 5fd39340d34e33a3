"""Where a JSON policy nests deeper than the reader allows.

Checked before the text is parsed, so that no recursive code sees a deep text: the first
``[`` or ``{`` outside a string past the limit is where the error names.
"""

from __future__ import annotations


def too_deep_at(text: str, limit: int) -> tuple[int, int] | None:
    """``(line, column)``, 1-based, of the first array or object nested deeper than
    ``limit`` levels; None when there is none."""
    depth, in_string, escaped = 0, False, False
    line, line_start = 1, 0
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line, i - line_start + 1
        elif ch in "]}":
            depth -= 1
        if ch == "\n":
            line, line_start = line + 1, i + 1
    return None
