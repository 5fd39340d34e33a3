"""Pick the report source that suits a storage: SQL aggregates where the backend has them."""

from __future__ import annotations

from complaintkit.reports.source import ReportSource
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.reports.storage_source import StorageReportSource
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage


def open_source(storage: Storage) -> ReportSource:
    if isinstance(storage, SQLiteStorage):
        return SQLiteReportSource(storage)
    return StorageReportSource(storage)
