"""How a notifier says a delivery failed, and whether trying again can help."""

from __future__ import annotations

from datetime import datetime, timedelta

from complaintkit.errors import ComplaintkitError


class DeliveryFailed(ComplaintkitError, RuntimeError):
    """One delivery attempt failed.

    ``final`` says retrying cannot help (an HTTP 4xx other than 408 and 429): the delivery is
    dead-lettered at once. ``retry_after`` is the receiver's own wish (HTTP ``Retry-After``),
    as a delay or an aware instant; the worker honours it, kept between a second from now
    and its ceiling, instead of its backoff (a naive instant names no time: the backoff applies). Any other
    exception a notifier raises counts as a failure worth retrying.

    ``unanswered`` says the receiver itself did not answer within the notifier's time limit
    (not that it refused this one delivery): the worker does not wait for it again in the same
    pass, and its other deliveries due then are retried later, each saying why.
    """

    def __init__(
        self,
        message: str,
        *,
        final: bool = False,
        retry_after: timedelta | datetime | None = None,
        unanswered: bool = False,
    ) -> None:
        super().__init__(message)
        self.final = final
        self.retry_after = retry_after
        self.unanswered = unanswered
