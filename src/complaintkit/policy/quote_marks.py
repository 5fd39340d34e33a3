"""Text wrapped in the quotation marks a Chinese input method types for ``"``.

With the input method on, the quote key types “ ” (or U+2018 U+2019, or 「 」 in some layouts;
in full-width mode U+FF02 or U+FF07 on both sides). YAML sees no quotes in them, so ``keywords: [“变质”]`` holds the keyword “变质”, marks and all,
which no complaint saying 变质 contains: the policy loads and the row never matches. A
plain value wholly wrapped in such marks is reported where it is written; marks inside
text (顾客说“变质”了) and a value in ASCII quotes (``"“变质”"``) are text as written.
"""

from __future__ import annotations

from typing import Final

#: Each opening mark with the closing one that ends a quotation begun by it.
_PAIRS: Final = {
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\uff02": "\uff02",  # the full-width forms of " and ', typed in full-width mode
    "\uff07": "\uff07",
}


def chinese_quoted(written: str) -> tuple[str, str] | None:
    """``(message, hint)`` when the plain value ``written`` is wholly wrapped in
    quotation marks YAML does not read as quotes; None otherwise."""
    if len(written) < 2 or _PAIRS.get(written[0]) != written[-1]:
        return None
    inside = written[1:-1]
    if any(mark in inside for mark in (written[0], written[-1])):
        return None  # 「a」和「b」: two quotations, not one value in quotes
    return (
        f"{written} is wrapped in the quotation marks {written[0]} {written[-1]}, "
        "which YAML keeps as part of the text",
        f'quote with ASCII double quotes, "{inside}", or leave the quotes out: '
        "switch the input method to half-width to type them",
    )
