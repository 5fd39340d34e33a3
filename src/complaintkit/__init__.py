"""complaintkit: complaint-handling SOPs as running software.

The names below are loaded when first used, so that ``import complaintkit.cli`` (the
``complaintkit`` command) loads nothing before it can handle Ctrl-C.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from complaintkit.clock import Clock, ManualClock, SystemClock
    from complaintkit.desk import Desk
    from complaintkit.hookspecs import hookimpl
    from complaintkit.model import (
        Case,
        CaseEvent,
        Complaint,
        Customer,
        Money,
        RootCause,
        Satisfaction,
        Status,
    )

#: Each public name and the module it is loaded from.
_HOMES = {
    **dict.fromkeys(["Clock", "ManualClock", "SystemClock"], "complaintkit.clock"),
    "Desk": "complaintkit.desk",
    "hookimpl": "complaintkit.hookspecs",
    **dict.fromkeys(
        [
            "Case",
            "CaseEvent",
            "Complaint",
            "Customer",
            "Money",
            "RootCause",
            "Satisfaction",
            "Status",
        ],
        "complaintkit.model",
    ),
}
__all__ = [
    "Case",
    "CaseEvent",
    "Clock",
    "Complaint",
    "Customer",
    "Desk",
    "ManualClock",
    "Money",
    "RootCause",
    "Satisfaction",
    "Status",
    "SystemClock",
    "hookimpl",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
