"""What a command Ctrl-C or SIGTERM ended says and exits with. It imports nothing of
complaintkit's, so that ``complaintkit.cli.main`` can say it before the command line has
loaded.

SIGTERM (a service manager stopping its unit, ``docker stop``, ``timeout``) ends a
command that runs once as Ctrl-C does: raised as ``Terminated``, a ``KeyboardInterrupt``,
where Ctrl-C's would be, so whatever says what Ctrl-C left behind says it for SIGTERM too.
The worker loops and ``serve`` take SIGTERM over while they run, to stop between passes.
"""

import signal
from types import FrameType

#: 128 + SIGINT, what a shell reports for a program Ctrl-C ended.
INTERRUPTED = 130
#: 128 + SIGTERM, what a shell reports for a program SIGTERM ended.
TERMINATED = 143
_KEPT = (
    "each change committed before it is kept and none is half-made; run the command again to finish"
)
INTERRUPTED_MESSAGE = f"interrupted (Ctrl-C): {_KEPT}"
TERMINATED_MESSAGE = f"stopped (SIGTERM): {_KEPT}"
#: What a command that only reads (``report``, ``cases list``, ``validate``) left.
UNCHANGED = "this command only reads, so nothing was changed; run it again for its output"


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while a command ran once."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def terminate_as_ctrl_c() -> None:
    """Make SIGTERM raise ``Terminated`` in the main thread from now on."""
    signal.signal(signal.SIGTERM, _terminate)


def stopped_by(exc: KeyboardInterrupt) -> str:
    """What stopped the command, as its messages name it."""
    return "SIGTERM" if isinstance(exc, Terminated) else "Ctrl-C"


def ended_by(exc: KeyboardInterrupt | None) -> tuple[int, str]:
    """The exit code and message of a command ``exc`` ended (``None``: Ctrl-C)."""
    if isinstance(exc, Terminated):
        return TERMINATED, TERMINATED_MESSAGE
    return INTERRUPTED, INTERRUPTED_MESSAGE
