# ruff: noqa: RUF002 -- a Cyrillic letter in an id is what the check reads
"""Whether two actors name one person, as the four-eyes checks of an approval ask.

An actor is whatever the caller wrote (``--actor``, ``COMPLAINTKIT_ACTOR``, a Python
argument), stored as written. An id written again with what no screen shows — a blank or a
newline at an end, a zero-width space, a direction mark, a soft hyphen, a variation
selector — in full-width letters, another case, or with the dash a word processor makes of
a hyphen (an en dash or U+2010 in ``li-na``), or with a Cyrillic or Greek letter that reads
as a Latin one (``li-nа`` with a Cyrillic ``а``: a Russian keyboard layout left on, or a
spoof) reads as the same person on every screen, so
a check that one person does not both propose and approve compares actors by what they
show.
"""

from __future__ import annotations

from complaintkit.model.as_it_reads import as_it_reads


def shown_as(actor: str) -> str:
    """``actor`` as a reader tells people apart (:func:`as_it_reads`): compatibility forms
    folded (NFKC), any run of white space one blank and none at the ends, invisible and
    unprintable characters dropped, case folded, every dash the hyphen, look-alike letters
    of other scripts Latin."""
    return as_it_reads(actor, unprintable=True, look_alikes=True)


def same_person(one: str, other: str) -> bool:
    """Whether actors ``one`` and ``other`` read as one person's id."""
    return one == other or shown_as(one) == shown_as(other)
