"""The phrases of a keyword condition's ``except:``, each refused by its place in the list.

An author with five phrases told only "at when.except: a keyword is empty" has to find the
blank one themselves; ``when.except[3]`` points at it.
"""

from __future__ import annotations

from complaintkit.policy.keywords import normalise_keyword


class BadPhrase(ValueError):
    """A phrase that is none (blank, or not text), with the policy path it is at."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def except_phrases(given: object, path: str) -> tuple[str, ...]:
    """``given`` (one phrase, or a list of them, at ``path``) normalised as keywords are."""
    if not isinstance(given, list):
        return (_phrase(given, path),)
    return tuple(_phrase(phrase, f"{path}[{i}]") for i, phrase in enumerate(given))


def _phrase(phrase: object, where: str) -> str:
    try:
        return normalise_keyword(phrase)
    except ValueError as exc:
        raise BadPhrase(where, str(exc)) from None
