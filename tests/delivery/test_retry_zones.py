"""A retry waits real seconds, whatever zone the worker's clock reads in.

Python adds a timedelta to a zoned datetime on its wall clock, and subtracts two of one
zone on it too: a 30-second wait asked for just before the clocks went back came due an
hour and 30 seconds later.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.delivery import DeliveryFailed, RetryPolicy

NEW_YORK = ZoneInfo("America/New_York")
#: Ten seconds before the clocks go back from 02:00 EDT to 01:00 EST.
BEFORE_AUTUMN = datetime(2026, 11, 1, 1, 59, 50, tzinfo=NEW_YORK)
#: Ten seconds before they go forward from 02:00 EST to 03:00 EDT.
BEFORE_SPRING = datetime(2026, 3, 8, 1, 59, 50, tzinfo=NEW_YORK)


def waited(now: datetime, retry_at: datetime | None) -> timedelta:
    assert retry_at is not None
    return retry_at.astimezone(UTC) - now.astimezone(UTC)


def test_a_retry_after_delay_across_the_autumn_change_is_real_seconds() -> None:
    failure = DeliveryFailed("HTTP 429", retry_after=timedelta(seconds=30))
    retry_at = RetryPolicy().retry_at(1, BEFORE_AUTUMN, failure)
    assert waited(BEFORE_AUTUMN, retry_at) == timedelta(seconds=30)


def test_a_retry_after_instant_in_the_clock_zone_is_waited_for_until_then() -> None:
    until = (BEFORE_SPRING.astimezone(UTC) + timedelta(minutes=5)).astimezone(NEW_YORK)
    failure = DeliveryFailed("HTTP 503", retry_after=until)
    retry_at = RetryPolicy().retry_at(1, BEFORE_SPRING, failure)
    assert waited(BEFORE_SPRING, retry_at) == timedelta(minutes=5)


@given(
    st.sampled_from([BEFORE_AUTUMN, BEFORE_SPRING]),
    st.integers(min_value=1, max_value=7),
    st.integers(min_value=0, max_value=2**32),
)
def test_the_backoff_is_within_its_bounds_in_real_time(
    now: datetime, attempt: int, seed: int
) -> None:
    policy = RetryPolicy(attempts=8, backoff=30, max_backoff=3600, rng=random.Random(seed))
    full = min(3600.0, 30.0 * 2 ** (attempt - 1))
    wait = waited(now, policy.retry_at(attempt, now, ConnectionResetError()))
    assert timedelta(seconds=full / 2) <= wait <= timedelta(seconds=full)
