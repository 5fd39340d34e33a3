"""How many refused bodies a server without a secret keeps as dead letters.

Anyone may post to it, and a refused body is no complaint anyone accepted: its sender is
answered with the 4xx naming what is wrong, and the dead letter is for an operator to see
what a client gets wrong. Were every refusal kept, a client sending garbage in a loop
would fill the store without end. So each sender address (an IPv6 address's /64 network,
which one host holds whole) has at most ``count`` kept in any ``period``, and all senders
together ``total``; past that a body is answered all the same, saying it was not kept.
Counted in this process's memory, as ``ack_limit`` counts: behind a proxy every sender is
the proxy's address unless the server is told whom it forwards for.
"""

from __future__ import annotations

import ipaddress
import threading
from collections import deque
from datetime import UTC, datetime, timedelta

import attrs

from complaintkit.api.ack_limit import spoken
from complaintkit.errors import ConfigError

#: Refused bodies kept per sender address, and the period they are counted over.
DEFAULT_COUNT = 20
DEFAULT_PERIOD = timedelta(minutes=10)
#: All senders' allowance together, as a multiple of one sender's.
TOTAL_TIMES = 10
#: Senders remembered before those with nothing left in their period are forgotten.
_TIDY_AT = 10_000


def sender(host: str | None) -> str:
    """The sender ``host`` is counted as: its IPv6 /64 network, else the address as given."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # an IPv4 sender on a dual-stack socket
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@attrs.define
class RefusalsKept:
    """At most ``count`` refused bodies kept per sender, and ``total`` for all senders
    (``TOTAL_TIMES`` a sender's if not given), in any ``period``."""

    count: int = DEFAULT_COUNT
    period: timedelta = DEFAULT_PERIOD
    total: int | None = None
    _kept: dict[str, deque[datetime]] = attrs.field(factory=dict, init=False)
    _all: deque[datetime] = attrs.field(factory=deque, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def __attrs_post_init__(self) -> None:
        if type(self.count) is not int or self.count < 0:
            raise ConfigError(
                f"refusals_kept must be a whole number, 0 or more (got {self.count!r:.60})"
            )
        if not isinstance(self.period, timedelta) or self.period <= timedelta(0):
            raise ConfigError(
                f"refusals_kept_period must be a positive timedelta (got {self.period!r:.60})"
            )
        if self.total is None:
            self.total = self.count * TOTAL_TIMES

    def unkept(self, host: str | None, now: datetime) -> str | None:
        """Why a body refused now from ``host`` is not kept, or ``None`` (it is kept, and
        counted)."""
        now = now.astimezone(UTC)  # a period in real time, across a change of the clocks
        since = now - self.period
        who = sender(host)
        with self._lock:
            if len(self._kept) >= _TIDY_AT:
                self._tidy(since)
            kept = self._kept.setdefault(who, deque())
            for times in (kept, self._all):
                while times and times[0] <= since:
                    times.popleft()
            if len(kept) >= self.count:
                return self._reason(len(kept), "from this address")
            if len(self._all) >= (self.total or 0):
                return self._reason(len(self._all), "from all addresses")
            kept.append(now)
            self._all.append(now)
            return None

    def _reason(self, kept: int, whose: str) -> str:
        return (
            f"not kept as a dead letter: {kept} refused bodies {whose} were kept in the last "
            f"{spoken(self.period)}, the limit for a server without a secret; mend it and "
            "send it again"
        )

    def _tidy(self, since: datetime) -> None:
        for who in [w for w, kept in self._kept.items() if not kept or kept[-1] <= since]:
            del self._kept[who]
