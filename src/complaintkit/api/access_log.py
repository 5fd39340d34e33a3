"""Status tokens kept out of access logs.

A status token is the customer's key to their case page (``/status/<token>``): whoever reads
it can see the case. Web servers log every request's path, and access logs are read, kept
and shipped far more widely than the store, so the token in a logged path is replaced by
``…`` before any handler writes the record.
"""

from __future__ import annotations

import logging
import re
from typing import Any

#: A status path's token: up to the next ``/``, ``?``, ``#``, space or quote.
_TOKEN = re.compile(r"(/status/)[^/?#\s\"']+")


def _hidden(value: Any) -> Any:
    return _TOKEN.sub(r"\1…", value) if isinstance(value, str) else value


class StatusTokensHidden(logging.Filter):
    """Replaces status tokens in a record's message and arguments, whatever their order."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _hidden(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_hidden(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _hidden(value) for key, value in record.args.items()}
        return True


def hide_status_tokens(logger: logging.Logger) -> None:
    """Filter ``logger``'s records (once, however often it is asked)."""
    if not any(isinstance(f, StatusTokensHidden) for f in logger.filters):
        logger.addFilter(StatusTokensHidden())
