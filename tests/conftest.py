import gc
import os
import signal
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from opened import OPENED

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile(
    "ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# Started as a background job of a shell script (`cmd &`, nohup), the suite inherits SIGINT
# ignored, as does every child it starts, and the Ctrl-C tests wait for an interrupt that
# never comes: the suite and its children take Ctrl-C as a foreground command does.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def restore_signal_handlers() -> Iterator[None]:
    """A test that runs the CLI's ``main()`` in this process leaves its SIGTERM handler
    installed for every later test of the worker: each test finds the handlers as the
    session set them."""
    before = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in before.items():
        if handler is not None and signal.getsignal(number) is not handler:
            signal.signal(number, handler)


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
