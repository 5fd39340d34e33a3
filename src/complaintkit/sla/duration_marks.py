"""The marks around a duration copied out of an SOP's sentence: the punctuation that ends
its clause (a full stop, a semicolon, ASCII or full-width) and quotation marks pasted
inside YAML's own ("3 business days", or 3个工作日 in the marks a Chinese input method
types). They are not read; the refusal names the duration without them.
"""

from __future__ import annotations

from typing import Final

#: Opening quotation marks and the closing mark each pairs with: ASCII, the curly ones, the
#: corner brackets and the full-width forms of " and ' (as ``policy.quote_marks`` lists).
_QUOTES: Final = {
    '"': '"',
    "'": "'",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\uff02": "\uff02",
    "\uff07": "\uff07",
}
#: What ends a clause or sentence: 。 、 and the full-width ; , ! . beside the ASCII ones.
_ENDS: Final = frozenset(";,!.\u3002\u3001\uff1b\uff0c\uff01\uff0e")


def unmarked(text: str) -> str:
    """``text`` without the quotation marks around it and the punctuation ending it
    (inside the quotes or after them), and the blanks between; one pass, from both ends."""
    start, end = 0, len(text)
    while start < end:
        if text[end - 1] in _ENDS or text[end - 1].isspace():
            end -= 1
        elif text[start].isspace():
            start += 1
        elif end - start >= 2 and _QUOTES.get(text[start]) == text[end - 1]:
            start, end = start + 1, end - 1
        else:
            break
    return text[start:end]
