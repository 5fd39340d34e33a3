"""Two entries of one vocabulary that share a label.

A line copied and its id changed but not its label (``goods: {label: {zh: 产品}}`` beside
``product: {label: {zh: 产品}}``) makes two categories that reports, letters and the desk
show alike, and a label written where an id goes is read as the first of them. Labels are
compared as a reader sees them: in any width, and in simplified or traditional characters
(產品 is 产品); a label in another case (``M`` and ``m``) is another label. A label given as plain text is read in every
language, so it is compared with each of the other entry's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

from complaintkit.errors import Location, Problem
from complaintkit.policy.chinese_forms import forms
from complaintkit.policy.source import join

Locate = Callable[[str], Location]
#: The key of a label written as plain text rather than per language.
PLAIN = "default"


class _Entry:
    """What an entry needs to be compared: its id and its labels, each as read."""

    def __init__(self, entry_id: str, labels: Mapping[str, str]) -> None:
        self.id = entry_id
        self.labels = {language: _read(label) for language, label in labels.items()}


def label_twins(
    kind: str, labels: Mapping[str, Mapping[str, str]], path: str, locate: Locate
) -> list[Problem]:
    """A warning at each label of ``kind``'s entries (``labels``: id -> language -> label,
    as written) that an earlier entry has in the same language, naming the first such."""
    problems: list[Problem] = []
    earlier: list[_Entry] = []
    for entry_id, written in labels.items():
        entry = _Entry(entry_id, written)
        for language, label in written.items():
            twin = next((e for e in earlier if _shares(e, language, entry.labels[language])), None)
            if twin is None or not label.strip():
                continue
            at = join(join(join(path, kind), entry_id), "label")
            problems.append(
                Problem(
                    locate(at if language == PLAIN else join(at, language)),
                    f"{kind} {entry_id!r} has the label {label!r}, as {twin.id!r} has: "
                    "reports, letters and the desk show the two alike, and the label written "
                    f"where an id goes is read as {twin.id!r}",
                    f"give {entry_id!r} a label of its own, or, if they are one, remove it "
                    f"and name {twin.id!r}",
                    severity="warning",
                    code="duplicate-label",
                )
            )
        earlier.append(entry)
    return problems


def _shares(entry: _Entry, language: str, spellings: frozenset[str]) -> bool:
    """Whether ``entry`` has a label read as one of ``spellings`` in ``language``."""
    return any(
        theirs & spellings
        for other, theirs in entry.labels.items()
        if PLAIN in (language, other) or other == language
    )


def _read(label: str) -> frozenset[str]:
    """``label`` as a reader sees it, in each script: width folded."""
    folded = unicodedata.normalize("NFKC", label).strip()
    return frozenset(forms(folded)) if folded else frozenset()
