"""What an owner (or team) id may hold: one line of visible text, with no blank at either
end, of at most ``MAX_ID_CHARS`` characters. It is printed as a row of ``cases list``, a
column of reports and an address of notifications, and looked up by ``--owner``: a newline
or control character would forge a row, and an invisible or direction-changing character
or a trailing blank would make two owners look alike. Letters of any script, digits,
punctuation, symbols and inner ASCII spaces are ids (every character ``str.isprintable``
passes), and so are the zero-width joiners some scripts spell names with; other spaces,
control, format, private-use and unassigned characters are not."""

from __future__ import annotations

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import MAX_ID_CHARS, checked_text

#: Format characters that spell names in some scripts (Persian, the Indic scripts).
_JOINERS = "\u200c\u200d"


def check_owner_id(value: object, field: str = "owner") -> str:
    """``value`` if it is an id as above, else ``InvalidInput`` naming ``field``."""
    text = checked_text(value, field, MAX_ID_CHARS)
    if text != text.strip():
        raise InvalidInput(field, "must not begin or end with a blank")
    for position, char in enumerate(text):
        if not char.isprintable() and char not in _JOINERS:
            raise InvalidInput(
                field,
                f"holds U+{ord(char):04X} at position {position}; an id is one line of "
                "visible text",
            )
    return text
