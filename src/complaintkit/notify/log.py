"""The log notifier: writes each message to the ``complaintkit.notify`` logger."""

from __future__ import annotations

import logging

from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.visible_text import visible

log = logging.getLogger("complaintkit.notify")


class LogNotifier:
    """Useful in development and as a record beside real notifiers; ``level`` is a name."""

    def __init__(self, level: str = "INFO") -> None:
        levels = logging.getLevelNamesMapping()
        if not isinstance(level, str) or level.upper() not in levels or level.upper() == "NOTSET":
            # a typo read as INFO would hide every message, each counted as delivered
            raise ConfigError(
                f"log notifier: level {level!r} is not one of "
                f"{', '.join(sorted(set(levels) - {'NOTSET'}))}"
            )
        self.level = levels[level.upper()]

    def send(self, message: Message) -> None:
        # the customer's words reach a log, and through it a terminal: one inert line (a
        # Message an application built may hold anything in any field)
        log.log(
            self.level,
            "notify %s %s about %s (%s): %s",
            visible(message.role or "recipient"),
            visible(message.to),
            visible(message.case_id),
            visible(message.event),
            visible(message.subject),
        )
