"""Customer-history facts answered from storage, looked up only when a rule asks."""

from __future__ import annotations

from datetime import datetime, timedelta

from complaintkit.storage.base import CaseQuery, Storage


class StoredHistory:
    """A customer's past cases as seen at ``now``; each answer costs one indexed count."""

    def __init__(self, storage: Storage, customer_id: str, now: datetime) -> None:
        self._storage = storage
        self._customer_id = customer_id
        self._now = now

    def complaints_in_last_days(self, days: int) -> int:
        since = self._now - timedelta(days=days)
        return self._storage.count(CaseQuery(customer_id=self._customer_id, opened_since=since))

    def open_cases(self) -> int:
        return self._storage.count(CaseQuery(customer_id=self._customer_id, open_only=True))
