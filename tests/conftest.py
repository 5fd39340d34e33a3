import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from opened import OPENED

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile(
    "ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def restore_collector() -> Iterator[None]:
    """Leave Python's cyclic garbage collector as the test found it (tests that pause it)."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture(autouse=True)
def close_the_stores_helpers_opened() -> Iterator[None]:
    """A store a helper opened from a URL stays open after the test, its threads running,
    unless closed: helpers name them in ``opened.OPENED``, and they are closed here."""
    yield
    while OPENED:
        OPENED.pop().close()
