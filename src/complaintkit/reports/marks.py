"""Stored text told apart from the marks a report writes where there is no value.

A report shows a group without the fact as ``(none)`` (``(未填)`` in Chinese), a blank
value as ``""`` and a figure there is none of as ``-``. A product, owner or attribute is
stored text anyone typed, and may be one of those marks: shown as typed, a product ``-``
beside the products no complaint names reads as one more row of missing ones.
"""

from __future__ import annotations

from complaintkit.reports.labels import LANGS, label

#: What a report writes for no value, in every language: a stored text reading as one is
#: quoted in either, as a report in one language is read beside one in another.
MARKS = frozenset({"-", '""', *(label("none", lang) for lang in LANGS)})


def as_stored(text: str) -> str:
    """``text`` as a report cell: in double quotes, its own ``"`` doubled, when it is
    blank, reads as a mark or starts with ``"`` (so an unquoted cell is the text itself and
    a quoted one is always quoted text); unchanged otherwise."""
    if text and text not in MARKS and not text.startswith('"'):
        return text
    return '"' + text.replace('"', '""') + '"'
