"""Stores test helpers opened from a URL: tests/conftest.py closes them after each test, so
their threads (a SQLite file's checkpointing, a PostgreSQL pool's workers) end with it."""

from __future__ import annotations

from complaintkit.storage.base import Storage

#: Opened and not yet closed, oldest first.
OPENED: list[Storage] = []
