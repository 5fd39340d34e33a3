"""What a YAML syntax error means for a policy author, in the author's terms.

The parser names what it was reading in grammar terms ("while scanning a simple key",
"expected <block end>, but found '-'"), and LibYAML and PyYAML word the same mistake
differently. Each is matched here by the construct it names (a flow sequence is a list in
``[...]``), so the author reads what to do; the parser's words go to the hint only.
"""

from __future__ import annotations

from typing import Final

#: (words of the parser's problem or context, what that means to an author), first match
#: wins: the more particular construct comes first.
_MEANINGS: Final = (
    (
        ("escape",),
        "an unknown backslash escape inside double quotes: write \\\\ for a backslash, "
        "or put the text in single quotes",
    ),
    (
        ("quoted scalar",),
        "a quote opens a text here that is never closed: add the closing quote",
    ),
    (
        ("flow sequence",),
        "a list opened with '[' is not closed with ']', or two of its items lack a ',' "
        "between them",
    ),
    (
        ("flow mapping",),
        "a mapping opened with '{' is not closed with '}', or two of its entries lack a ',' "
        "between them",
    ),
    (("simple key",), "a line here has a key with no ':' after it (write key: value)"),
    (
        ("mapping values are not allowed",),
        "a second ': ' on one line, or a key indented under a value: put a value that holds "
        "': ' in quotes, or line the key up with the keys above",
    ),
    (
        ("block scalar",),
        "after | or > only + or - (and an indentation digit) may follow on the line: "
        "write the text on the next lines",
    ),
    (
        ("directive",),
        "a line starting with '%' is a YAML directive: put the text in quotes, or remove it",
    ),
    (
        ("document",),
        "the file holds more than one document ('---' starts another): a policy file is "
        "one document; remove the '---' or split the policy into files of a folder",
    ),
    (("tag",), "a '!' starts a YAML tag here: put the value in quotes"),
    (
        ("cannot start any token",),
        "a value starts with a character YAML reserves (such as @, ` or %): put the value "
        "in quotes",
    ),
    (
        ("block mapping", "block collection", "block end", "block sequence", "indent"),
        "this line is not indented like the keys or list items above it: indent it to line "
        "up with them",
    ),
    (
        ("node content", "block node", "flow node"),
        "a value here starts with a stray character (such as ']', '}' or ','): put the "
        "value in quotes, or remove the character",
    ),
)
_UNKNOWN: Final = "YAML cannot read the text at this position"


#: What a flow collection the file ends inside means, whatever the parser names in it (an
#: item it found no content for: "a stray character" would send the author looking for one).
_UNCLOSED: Final = (
    "a list opened with '[' or a mapping opened with '{' is never closed: close it with ']' or '}'"
)


def meaning(problem: str, context: str, at_end: bool = False) -> str:
    """What the parser's ``problem`` while reading ``context`` means for a policy;
    ``at_end``: the parser gave up where the file ends."""
    said = f"{problem} {context}".lower()
    if at_end and "flow" in said:
        return _UNCLOSED
    return next(
        (meant for words, meant in _MEANINGS if any(word in said for word in words)),
        _UNKNOWN,
    )
