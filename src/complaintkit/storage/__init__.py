"""Where cases live: the interface and the built-in backends (memory, SQLite)."""

from complaintkit.storage.base import CaseQuery, Storage

__all__ = ["CaseQuery", "Storage"]
