"""Built-in storage backends: ``memory:`` and ``sqlite:///path``."""

from __future__ import annotations

from complaintkit.hookspecs import Register, hookimpl
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage


@hookimpl
def register_storage(register: Register) -> None:
    register("memory", MemoryStorage)
    register("sqlite", SQLiteStorage)
