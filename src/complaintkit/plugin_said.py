"""What a plugin's exceptions and answers say of themselves, read without failing.

An error naming a plugin quotes what it raised or answered, and quoting runs the plugin's
own code (an exception's ``__str__``, a value's ``__repr__``) or meets Python's limits (an
int of over 4,300 digits has no text). Either failing while the error was written replaced
it with one naming neither the plugin nor its hook: a ``classify_complaint`` answering
``{"category": 10**5000}`` became the dead letter "ValueError: Exceeds the limit...".
"""

from __future__ import annotations


def said(error: BaseException) -> str:
    """``Kind: message`` of what plugin code raised; its kind alone when the message is
    empty, and a note in its place when it cannot be read."""
    kind = type(error).__name__
    try:
        message = str(error)
    except Exception as unreadable:
        return f"{kind} (its message could not be read: {type(unreadable).__name__})"
    return f"{kind}: {message}" if message else kind


def shown(value: object, limit: int = 120) -> str:
    """``repr(value)`` cut to ``limit`` characters; its type when it has no readable repr."""
    try:
        text = repr(value)
    except Exception as unreadable:
        reason = type(unreadable).__name__
        return f"a {type(value).__name__} that could not be shown ({reason})"
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
