"""What a JSON syntax error means for a policy author, in the author's terms.

The json module names the token it expected ("Expecting ',' delimiter"); an author wants
the mistake: a comma missing between two entries, a key not in double quotes. Its reasons
are a small fixed set, each matched here by its words; the parser's text goes to the hint.
"""

from __future__ import annotations

from typing import Final

from complaintkit.policy.stray_characters import stray_character

#: (words of the parser's reason, what that means to an author), first match wins.
_MEANINGS: Final = (
    ("',' delimiter", "a ',' is missing between two entries or items (or a '}' or ']')"),
    ("':' delimiter", "a key is not followed by ':' before its value"),
    ("property name", "a key is not in double quotes, or a ',' comes before a '}'"),
    ("unterminated string", "a double quote opens a text that is never closed"),
    ("extra data", "more follows the policy's closing '}': a JSON policy holds one value"),
    ("escape", "an unknown backslash escape in a text: write \\\\ for a backslash"),
    ("control character", "a text holds a line break or tab: write \\n or \\t for it"),
    (
        "expecting value",
        "a value is missing here (or is not JSON: quote text, write true, "
        "false or null in lower case)",
    ),
)
_UNKNOWN: Final = "JSON cannot read the text at this position"
#: How a comment starts in the config files an author knows; JSON has none, and the parser
#: names the token it expected there instead (a key in quotes, a ',').
_COMMENTS: Final = ("//", "/*", "#")
_COMMENT: Final = (
    "JSON has no comments: remove it, or write the policy in YAML, whose comments start with #"
)


def json_meaning(reason: str, here: str = "") -> str:
    """What the json module's ``reason`` means for a policy, where the text from the error's
    position on is ``here``."""
    if here.startswith(_COMMENTS):
        return _COMMENT
    if (typed := stray_character(here)) is not None:
        return typed
    said = reason.lower()
    return next((meant for words, meant in _MEANINGS if words in said), _UNKNOWN)
