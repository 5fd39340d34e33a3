"""The hint for an unknown key: the keys allowed where it was written, led by the one a
typo most likely meant (``wehn`` → ``when``), for policies and policy tests alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Final

#: How alike an unknown key and a known one must be to suggest it (a typo, not a guess:
#: catgory → categories, but not intake → name).
_CLOSE_ENOUGH: Final = 0.7


def unknown_key_hint(key: object, allowed: Iterable[str]) -> str:
    """The keys allowed here, led by the one a typo most likely meant."""
    known = sorted(allowed)
    if not known:
        return "nothing may be written here: remove it"
    listed = f"use one of {', '.join(known)}"
    meant = meant_key(key, known)
    return f"did you mean {meant!r}? {listed}" if meant else listed


def meant_key(key: object, allowed: Iterable[str]) -> str | None:
    """The allowed key a typo of ``key`` most likely meant, if any is close enough."""
    meant = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=_CLOSE_ENOUGH)
    return meant[0] if meant else None
