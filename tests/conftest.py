import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

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
