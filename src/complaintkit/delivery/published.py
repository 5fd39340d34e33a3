"""Status tokens cut from an event's text as it leaves the store.

A status token opens its customer's status page and answers the case's offers. The store
keeps it, but the history leaves the store widely (``GET /events``, webhooks, brokers),
and customers paste their status link where we never put it: in a second complaint, in a
reply to another case, read out on a call an agent notes down. So every run of the
characters a token is made of, as long as one, in an event's reason and data is looked up,
and one that opens a case is written ``…`` in what is published; text that only looks
like a token (an order number) is published as written, and the stored event and its hash
stay as they were.
"""

from __future__ import annotations

import re
from typing import Any

from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage

#: A whole run of ``secrets.token_urlsafe(16)``'s alphabet at its length (``model.ids``).
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])")
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
        return _CANDIDATE.sub(self._cut, text) if len(text) >= 22 else text

    def _cut(self, found: re.Match[str]) -> str:
        run = found.group()
        if run not in self._known:
            self._known[run] = self._storage.find_by_token(run) is not None
        return CUT if self._known[run] else run
