"""Test kit for plugin and policy authors.

* ``complaintkit.testing.strategies`` — hypothesis strategies for money, customers,
  complaints and lifecycle walks (needs ``hypothesis``).
* ``StorageContract`` — subclass it in your storage plugin's tests and provide a ``storage``
  fixture; every behaviour the Desk relies on is checked against your backend.
* ``complaintkit.testing.poison`` — hostile records (JSON lines, e-mails) as raw bytes, with
  good ones to mix them with: every channel and backend must dead-letter each, alone.
* The pytest plugin (registered under ``pytest11``) provides ``manual_clock`` and
  ``memory_desk`` fixtures.
"""

from complaintkit.testing.storage_contract import StorageContract

__all__ = ["StorageContract"]
