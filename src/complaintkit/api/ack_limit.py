"""How many acknowledgements the public form has the desk send to one address.

No one signs the form (nor POST /complaints on a server without a secret), so anyone may type a stranger's address into it again and again;
each complaint is kept, but past ``count`` in ``period`` its address is sent nothing more
on opening. Counted in this process's memory: a server restarted, or several behind one
address, count apart.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import UTC, datetime, timedelta

import attrs

#: Acknowledgements to one address, and the period they are counted over, by default.
DEFAULT_COUNT = 5
DEFAULT_PERIOD = timedelta(hours=1)
#: Addresses remembered before those with nothing left in their period are forgotten.
_TIDY_AT = 10_000


@attrs.define
class AcknowledgementLimit:
    """At most ``count`` acknowledgements per address in any ``period``."""

    count: int = DEFAULT_COUNT
    period: timedelta = DEFAULT_PERIOD
    _sent: dict[str, deque[datetime]] = attrs.field(factory=dict, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def withheld(self, address: str, now: datetime) -> str | None:
        """Why the acknowledgement of a complaint giving ``address`` now is not sent, or
        ``None`` (it is sent, and counted)."""
        now = now.astimezone(UTC)  # a period in real time, across a change of the clocks
        with self._lock:
            if len(self._sent) >= _TIDY_AT:
                self._tidy(now)
            sent = self._sent.setdefault(address, deque())
            while sent and sent[0] <= now - self.period:
                sent.popleft()
            if len(sent) >= self.count:
                return (
                    f"{len(sent)} acknowledgements were sent to this address in the last "
                    f"{_spoken(self.period)}, the form's limit"
                )
            sent.append(now)
            return None

    def _tidy(self, now: datetime) -> None:
        for address in [
            a for a, sent in self._sent.items() if not sent or sent[-1] <= now - self.period
        ]:
            del self._sent[address]


def _spoken(period: timedelta) -> str:
    seconds = int(period.total_seconds())
    for unit, size in (("hours", 3600), ("minutes", 60)):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} seconds"
