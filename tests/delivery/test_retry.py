"""Backoff doubles up to a ceiling with jitter in its upper half; a final failure and the
last attempt give up; Retry-After is honoured."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.retry import MAX_WAIT, RetryPolicy
from complaintkit.errors import ConfigError, PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@given(attempt=st.integers(min_value=1, max_value=30), seed=st.integers())
def test_delay_doubles_up_to_the_ceiling_with_jitter(attempt: int, seed: int) -> None:
    policy = RetryPolicy(attempts=50, backoff=2, max_backoff=600, rng=random.Random(seed))
    full = min(600, 2 * 2 ** (attempt - 1))
    assert full / 2 <= policy.delay(attempt).total_seconds() <= full


def test_jitter_spreads_receivers_that_failed_together() -> None:
    policy = RetryPolicy(backoff=60, rng=random.Random(7))
    assert len({policy.delay(3) for _ in range(20)}) > 1


def test_the_last_attempt_gives_up() -> None:
    policy = RetryPolicy(attempts=3)
    failure = DeliveryFailed("HTTP 503")
    assert policy.retry_at(2, NOW, failure) is not None
    assert policy.retry_at(3, NOW, failure) is None


def test_a_final_failure_gives_up_at_once() -> None:
    assert RetryPolicy().retry_at(1, NOW, DeliveryFailed("HTTP 404", final=True)) is None


def test_any_other_exception_is_retried() -> None:
    assert RetryPolicy().retry_at(1, NOW, ConnectionResetError()) is not None


def test_retry_after_is_honoured_as_a_delay_or_an_instant() -> None:
    policy = RetryPolicy(backoff=1, max_backoff=3600)
    wait = DeliveryFailed("HTTP 429", retry_after=timedelta(seconds=120))
    assert policy.retry_at(1, NOW, wait) == NOW + timedelta(seconds=120)
    until = DeliveryFailed("HTTP 503", retry_after=NOW + timedelta(minutes=30))
    assert policy.retry_at(1, NOW, until) == NOW + timedelta(minutes=30)


def test_retry_after_beyond_the_ceiling_is_cut_to_it() -> None:
    policy = RetryPolicy(backoff=1, max_backoff=3600)
    wait = DeliveryFailed("HTTP 429", retry_after=timedelta(days=30))
    assert policy.retry_at(1, NOW, wait) == NOW + timedelta(hours=1)


def test_nonsense_settings_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="attempts >= 1"):
        RetryPolicy(attempts=0)


WISHES = st.one_of(
    st.none(),
    st.timedeltas(),
    st.datetimes(),  # naive: a notifier's bug, which must not stop the delivery pass
    st.datetimes(timezones=st.timezones()),
    st.text(),
)


@given(wish=WISHES)
def test_any_retry_after_a_notifier_gives_falls_between_now_and_the_ceiling(wish: object) -> None:
    policy = RetryPolicy(backoff=1, max_backoff=3600)
    failure = DeliveryFailed("HTTP 429")
    failure.retry_after = wish  # type: ignore[assignment]  # what a plugin may hand over
    retry_at = policy.retry_at(1, NOW, failure)
    assert retry_at is not None
    assert NOW <= retry_at <= NOW + timedelta(hours=1)


POLICY = (
    MINIMAL_POLICY
    + """\
notifications:
  notifiers: {log: {type: log}}
  delivery: {attempts: 3, backoff: 30, max_backoff: %s}
"""
)


@pytest.mark.parametrize("ceiling", ["1000000000000000", "31700000000"])
def test_a_ceiling_no_date_can_hold_is_refused_when_the_policy_loads(
    tmp_path: Path, ceiling: str
) -> None:
    """A wait of millions of years overflowed at the first failure, after the attempt was
    made and before it was recorded: the worker crashed and sent it again every pass."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY % ceiling, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    (problem,) = caught.value.problems
    assert problem.location.path == "notifications.delivery.max_backoff"
    with pytest.raises(ConfigError, match="max_backoff"):
        RetryPolicy(max_backoff=float(ceiling))


def test_the_longest_ceiling_is_honoured() -> None:
    policy = RetryPolicy(attempts=100, backoff=30, max_backoff=MAX_WAIT)
    wish = DeliveryFailed("HTTP 503", retry_after=timedelta(days=10_000))
    assert policy.retry_at(1, NOW, wish) == NOW + timedelta(seconds=MAX_WAIT)
    assert policy.retry_at(99, NOW, ConnectionResetError()) is not None


@given(attempt=st.integers(min_value=1, max_value=10**6))
def test_the_backoff_of_any_attempt_stays_within_the_ceiling(attempt: int) -> None:
    """A policy of many attempts (the Python API sets no upper bound): ``backoff * 2**n``
    overflowed a float after 1025 attempts, and the pass crashed before recording the
    attempt, so that delivery was sent again at every pass."""
    policy = RetryPolicy(attempts=10**7, backoff=0.5, max_backoff=3600, rng=random.Random(1))
    full = min(3600, 0.5 * 2 ** (attempt - 1)) if attempt < 64 else 3600
    assert timedelta(seconds=full / 2) <= policy.delay(attempt) <= timedelta(seconds=full)
    retry_at = policy.retry_at(attempt, NOW, OSError("reset"))
    assert retry_at is not None
    assert NOW + timedelta(seconds=1) <= retry_at <= NOW + timedelta(seconds=3600)
