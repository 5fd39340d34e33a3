"""Status tokens cut from an event's text as it leaves the store.

A status token opens its customer's status page and answers the case's offers. The store
keeps it, but the history leaves the store widely (``GET /events``, webhooks, brokers),
and customers paste their status link where we never put it: in a second complaint, in a
reply to another case, read out on a call an agent notes down. So every run of the
characters a token is made of, as long as one, in an event's reason and data is looked up,
and one that opens a case is written ``…`` in what is published; text that only looks
like a token (an order number) is published as written, and the stored event and its hash
stay as they were.

A link wrapped where the customer's mail program broke its line — quoted (``> …/abcd`` then
``> efgh…``), a flowed line's soft break (``abcd `` then ``efgh…``), a quoted-printable
soft break quoted raw (``abcd=``) — holds its token in two runs: the runs of one line-end
break are joined when looking (``wrapped``), and a token found so is cut whole, break and all.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage

#: A whole run of ``secrets.token_urlsafe(16)``'s alphabet at its length (``model.ids``).
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])")
#: A break a mail program may wrap a token at, between two of its characters: a soft break's
#: ``=`` or a flowed line's spaces, one line end, the next line's quote marks and spaces.
_BREAK = r"=?[ \t]*\r?\n(?:[ \t]*>)*[ \t]*"
#: Runs of a token's characters joined by such breaks; ``_PIECE`` finds the runs in one.
_WRAPPED = re.compile(rf"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]+(?:{_BREAK}[A-Za-z0-9_-]+)+")
_PIECE = re.compile(r"[A-Za-z0-9_-]+")
#: The length of a status token (``model.ids``).
_LENGTH = 22
#: What stands where a token was, as in a reply quoting our letter (``desk.replies``).
CUT = "…"


class TokenCut:
    """Cuts the status tokens of ``storage``'s cases from events; each run looked up once."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._known: dict[str, bool] = {}

    def published(self, event: CaseEvent) -> dict[str, Any]:
        """``event.published_json()`` with every stored case's token cut from its text."""
        body = event.published_json()
        body["reason"] = self._text(body["reason"])
        body["data"] = self._value(body["data"])
        return body

    def _value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, list):
            return [self._value(item) for item in value]
        if isinstance(value, dict):
            return {key: self._value(item) for key, item in value.items()}
        return value

    def _text(self, text: str) -> str:
        if len(text) < _LENGTH:
            return text
        return wrapped(_CANDIDATE.sub(self._cut, text), self._is_token)

    def _cut(self, found: re.Match[str]) -> str:
        run = found.group()
        return CUT if self._is_token(run) else run

    def _is_token(self, run: str) -> bool:
        if run not in self._known:
            self._known[run] = self._storage.find_by_token(run) is not None
        return self._known[run]


def cut_token(text: str, token: str) -> str:
    """``text`` with ``token`` cut where it stands, on one line or wrapped over two."""
    if not token:
        return text
    return wrapped(text.replace(token, CUT), lambda run: run == token)


def wrapped(text: str, is_token: Callable[[str], bool]) -> str:
    """``text`` with each token wrapped over a line break (``_BREAK``) that ``is_token``
    knows cut, the break with it: it begins a run of a token's characters or a line's run,
    and ends one; the joined runs are its length. A token on one line is not looked for."""
    if "\n" not in text:
        return text
    spans: list[tuple[int, int]] = []
    for found in _WRAPPED.finditer(text):
        pieces = list(_PIECE.finditer(text, found.start(), found.end()))
        runs = [piece.group() for piece in pieces]
        before = list(itertools.accumulate(map(len, runs), initial=0))  # characters before each
        for first in range(len(runs)):
            # the fewest runs from ``first`` (two at least) that reach a token's length
            last = max(first + 1, bisect_left(before, before[first] + _LENGTH) - 1)
            joined = before[last + 1] - before[first] == _LENGTH if last < len(runs) else False
            if joined and is_token("".join(runs[first : last + 1])):
                spans.append((pieces[first].start(), pieces[last].end()))
    kept: list[str] = []
    at = 0
    for start, end in spans:
        if start >= at:  # two found over one span: cut once
            kept += [text[at:start], CUT]
            at = end
    return "".join(kept) + text[at:]
