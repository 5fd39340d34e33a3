"""Keywords holding a list the author meant as several: 退款 退货, 退款|退货, a full-width comma.

Each is one keyword to YAML, found only where a complaint holds that very separator: a
Chinese input method's comma, a space between Chinese words (Chinese text has none), or a
'|' written as if keywords were patterns. Each is refused at the character, with the list
that was meant. So is an item of ``in: [...]`` holding such a comma (U+FF0C between 金卡 and
银卡), which no field equals, or the full-width semicolon (U+FF1B) an SOP lists with too.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.policy.as_written import as_written
from complaintkit.policy.file_formats import items_to_write

#: Separators a Chinese input method types where a YAML list needs ``,``.
FULL_WIDTH_SEPARATORS: Final = {
    "\uff0c": "comma",
    "\u3001": "enumeration comma",
    "\uff1b": "semicolon",  # what an SOP lists with as with its commas
}


def list_in_keyword(keyword: str, *, yaml: bool = True) -> tuple[int, str, str, str] | None:
    """``(index, message, hint, code)`` for the first separator in ``keyword``, or None;
    ``yaml`` says the policy is YAML, whose lists write their items bare."""
    for at, mark in enumerate(keyword):
        if mark in FULL_WIDTH_SEPARATORS:
            parts = items_to_write(_parts(keyword, mark), yaml)
            return (
                at,
                f"full-width {FULL_WIDTH_SEPARATORS[mark]} {mark!r} inside the keyword "
                f"{keyword!r}: "
                + ("YAML reads it as one keyword" if yaml else "the list holds it as one keyword"),
                (
                    f"separate keywords with an ASCII comma and a space: {parts}"
                    if yaml
                    else f"write each keyword in its own quotes: {parts}"
                ),
                "full-width",
            )
        if mark == "|":
            return (
                at,
                f"'|' inside the keyword {keyword!r} is matched as itself: keywords are "
                "words, not patterns",
                f"write [{', '.join(_parts(keyword, mark))}] for any of them, or use regex: for a "
                "pattern",
                "bad-keyword",
            )
        if mark.isspace() and _between_chinese(keyword, at):
            return (
                at,
                f"a space between Chinese words inside the keyword {keyword!r}: Chinese "
                "text has none, so it is found only where the complaint has that space too",
                f"write [{', '.join(keyword.split())}] for any of them, or "
                f"{''.join(keyword.split())} for the phrase",
                "bad-keyword",
            )
    return None


def list_in_item(
    item: str,
    read_as: str = "one item of the list, which the field never equals",
    *,
    yaml: bool = True,
) -> tuple[int, str, str, str] | None:
    """``(index, message, hint, code)`` for the first full-width comma in an item of a list
    (``in``'s, ``not in``'s, a row's tags: ``read_as`` says what the list holds it as), or
    None; ``yaml`` says the policy is YAML, whose lists write their items bare."""
    at = next((n for n, mark in enumerate(item) if mark in FULL_WIDTH_SEPARATORS), None)
    if at is None:
        return None
    mark = item[at]
    parts = [part.strip() for part in re.split("[\uff0c\u3001\uff1b]", item) if part.strip()]
    listed = items_to_write(parts, yaml)
    shown = f": {listed}" if len(listed) <= 80 else ""
    return (
        at,
        f"full-width {FULL_WIDTH_SEPARATORS[mark]} {mark!r} inside {as_written(item)}: "
        + (f"YAML reads it as {read_as}" if yaml else f"the list holds it as {read_as}"),
        f"separate items with an ASCII ',' and a space{shown}"
        if yaml
        else f"write each item in its own quotes{shown}",
        "full-width",
    )


def _parts(keyword: str, mark: str) -> list[str]:
    return [part.strip() for part in keyword.split(mark) if part.strip()]


def _between_chinese(text: str, at: int) -> bool:
    """Whether the run of spaces at ``at`` has a Chinese character on either side."""
    before = text[:at].rstrip()
    after = text[at:].lstrip()
    return bool(before and after) and _is_han(before[-1]) and _is_han(after[0])


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
