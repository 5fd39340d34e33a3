"""When to try a failed delivery again: exponential backoff with jitter, or the receiver's
``Retry-After``, for a bounded number of attempts."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError

#: The longest wait between attempts (a year, in seconds): a longer one overflows the
#: date of the next attempt, after the attempt was made and before it is recorded.
MAX_WAIT = 366 * 24 * 3600


@attrs.frozen
class RetryPolicy:
    """``attempts`` tries in all; the wait before try n+1 is ``backoff * 2**(n-1)`` seconds,
    at most ``max_backoff``, with "equal jitter" (a random point in its upper half) so
    receivers that failed together are not hit together again.

    ``rng`` is injectable so tests get the same jitter every run.
    """

    attempts: int = 8
    backoff: float = 30.0
    max_backoff: float = 6 * 3600.0
    rng: random.Random = attrs.field(factory=random.Random, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not (self.attempts >= 1 and 0 < self.backoff <= self.max_backoff <= MAX_WAIT):
            raise ConfigError(
                f"delivery retry policy: need attempts >= 1 and "
                f"0 < backoff <= max_backoff <= {MAX_WAIT} "
                f"(got attempts={self.attempts}, backoff={self.backoff}, "
                f"max_backoff={self.max_backoff})"
            )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RetryPolicy:
        """From the policy's ``notifications.delivery`` mapping (already schema-valid)."""
        names = ("attempts", "backoff", "max_backoff")
        return cls(**{name: data[name] for name in names if name in data})

    def delay(self, attempt: int) -> timedelta:
        """The jittered wait after failed attempt number ``attempt`` (1-based)."""
        try:
            full = min(self.max_backoff, math.ldexp(self.backoff, attempt - 1))
        except OverflowError:  # doubled past what a float holds (some 1025 attempts on)
            full = self.max_backoff
        return timedelta(seconds=self.rng.uniform(full / 2, full))

    def retry_at(self, attempt: int, now: datetime, failure: BaseException) -> datetime | None:
        """When to try again after failed attempt ``attempt``, or ``None``: give up."""
        # in UTC: a zoned clock's instant plus a wait is reckoned on its wall clock, an
        # hour off across a change of the clocks
        now = now.astimezone(UTC)
        # read with a default: a plugin's subclass whose __init__ skips ours has neither
        final = isinstance(failure, DeliveryFailed) and getattr(failure, "final", False)
        if final or attempt >= self.attempts:
            return None
        wish = (
            getattr(failure, "retry_after", None) if isinstance(failure, DeliveryFailed) else None
        )
        ceiling = timedelta(seconds=self.max_backoff)
        if isinstance(wish, datetime) and wish.utcoffset() is not None:
            wish = wish - now
        # no wish, or one that names no instant (a naive time: a notifier's bug): the backoff
        wait = min(wish, ceiling) if isinstance(wish, timedelta) else self.delay(attempt)
        # never due in the pass that just failed it, where it would be tried again at once
        # (a clock that has not moved, a wish of "now"), using up its attempts in one go
        return now + max(wait, SOONEST)


#: The soonest a failed delivery is tried again, whatever the receiver asks.
SOONEST = timedelta(seconds=1)
