"""What a JSON syntax error means for a policy author, in the author's terms.

The json module names the token it expected ("Expecting ',' delimiter"), in words that
change with the Python version (3.13 says "Illegal trailing comma" where 3.11 expected a
property name). An author wants the mistake: a comma missing between two entries, a key
not in double quotes. Only the error's position is taken from the parser; what the JSON
before it calls for is read from the text itself.
"""

from __future__ import annotations

from typing import Final, Literal

from complaintkit.policy.stray_characters import stray_character

#: What the JSON before an error's position calls for next.
_Next = Literal["key", "key after comma", "colon", "value", "value after comma", "comma", "end"]

_MEANINGS: Final[dict[_Next, str]] = {
    "comma": "a ',' is missing between two entries or items (or a '}' or ']')",
    "colon": "a key is not followed by ':' before its value",
    "key": "a key is not in double quotes",
    "key after comma": "a key is not in double quotes",
    "end": "more follows the policy's closing '}': a JSON policy holds one value",
    "value": (
        "a value is missing here (or is not JSON: quote text, write true, "
        "false or null in lower case)"
    ),
}
_MEANINGS["value after comma"] = _MEANINGS["value"]
_TRAILING_COMMA: Final = "a ',' comes before a '{}': remove it (JSON allows none after the last)"
_UNCLOSED: Final = "a double quote opens a text that is never closed"
_ESCAPE: Final = "an unknown backslash escape in a text: write \\\\ for a backslash"
_CONTROL: Final = "a text holds a line break or tab: write \\n or \\t for it"
#: How a comment starts in the config files an author knows; JSON has none, and the parser
#: names the token it expected there instead (a key in quotes, a ',').
_COMMENTS: Final = ("//", "/*", "#")
_COMMENT: Final = (
    "JSON has no comments: remove it, or write the policy in YAML, whose comments start with #"
)
_BLANKS: Final = " \t\r\n"
_LITERAL_ENDS: Final = frozenset(f'{_BLANKS},:[]{{}}"')


def json_meaning(text: str, pos: int) -> str:
    """What is wrong with the JSON ``text`` where reading it stopped, at ``pos``."""
    here = text[pos:]
    if here.startswith(_COMMENTS):
        return _COMMENT
    if (typed := stray_character(here)) is not None:
        return typed
    wanted = _next_after(text, pos)
    if wanted is None:  # stopped inside a text: at a backslash or a raw control character
        return _ESCAPE if here.startswith("\\") else _CONTROL
    if here.startswith('"') and _never_closed(text, pos):
        return _UNCLOSED
    closing = here[:1]
    if (wanted, closing) in {("key after comma", "}"), ("value after comma", "]")}:
        return _TRAILING_COMMA.format(closing)
    return _MEANINGS[wanted]


def _next_after(text: str, pos: int) -> _Next | None:
    """What the JSON ``text[:pos]`` (read without error) calls for next; None when ``pos``
    is inside a quoted text."""
    open_brackets: list[str] = []
    wanted: _Next = "value"
    i = 0
    while i < pos:
        char = text[i]
        if char in _BLANKS:
            i += 1
            continue
        if char == '"':
            i = _text_end(text, i)
            if i > pos:
                return None
            wanted = "colon" if wanted.startswith("key") else _after_value(open_brackets)
            continue
        if char in "{[":
            open_brackets.append(char)
            wanted = "key" if char == "{" else "value"
        elif char in "}]":
            open_brackets.pop()
            wanted = _after_value(open_brackets)
        elif char == ":":
            wanted = "value"
        elif char == ",":
            wanted = "key after comma" if open_brackets[-1] == "{" else "value after comma"
        else:  # a number, true, false or null
            while i < pos and text[i] not in _LITERAL_ENDS:
                i += 1
            wanted = _after_value(open_brackets)
            continue
        i += 1
    return wanted


def _after_value(open_brackets: list[str]) -> _Next:
    return "comma" if open_brackets else "end"


def _text_end(text: str, quote: int) -> int:
    """The position after the quote closing the text opened at ``quote`` (past the end of
    ``text`` when none closes it)."""
    i = quote + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        else:
            i += 1
    return len(text) + 1


def _never_closed(text: str, quote: int) -> bool:
    """Whether the quote at ``quote`` opens a text that runs to the end unclosed."""
    return _text_end(text, quote) > len(text)
