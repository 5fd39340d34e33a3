"""Pick the report source that suits a storage: SQL aggregates where the backend has them."""

from __future__ import annotations

from complaintkit.reports.source import ReportSource
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.reports.storage_source import StorageReportSource
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage


def open_source(storage: Storage) -> ReportSource:
    """The storage's own source when it has one (``report_source()``, e.g. PostgreSQL's),
    SQL over the facts tables for SQLite, else the generic walk over ``Storage.find``."""
    own = getattr(storage, "report_source", None)
    if callable(own):
        source: ReportSource = own()
        return source
    if isinstance(storage, SQLiteStorage):
        return SQLiteReportSource(storage)
    return StorageReportSource(storage)
