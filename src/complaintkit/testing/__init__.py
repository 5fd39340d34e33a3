"""Test kit for plugin and policy authors.

* ``complaintkit.testing.strategies`` — hypothesis strategies for money, customers,
  complaints and lifecycle walks (needs ``hypothesis``).
* ``StorageContract`` — subclass it in your storage plugin's tests and provide a ``storage``
  fixture; every behaviour the Desk relies on is checked against your backend (the outbox,
  nested transactions and the agents' step answers included).
* ``ChannelContract`` and ``NotifierContract`` — the same for intake channels (streaming
  ones included: acknowledgement after commit) and notifiers (delivery ids, publishing).
* ``complaintkit.testing.poison`` — hostile records (JSON lines, e-mails) as raw bytes, with
  good ones to mix them with: every channel and backend must dead-letter each, alone.
* ``complaintkit.testing.step_retry_contract`` — checks a backend keeping agents' step
  answers (``Storage.claim_step_key``): a step sent again with its ``Idempotency-Key``
  after a restart, to two servers at once, or with another body, is recorded once (needs
  the ``server`` extra and ``httpx``).
* ``complaintkit.testing.policies.MINIMAL_POLICY`` — the smallest whole policy, as YAML
  text, for a test to add the sections it is about to.
* The pytest plugin (registered under ``pytest11``) provides ``manual_clock`` and
  ``memory_desk`` fixtures.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from complaintkit.testing.channel_contract import ChannelContract
    from complaintkit.testing.notifier_contract import NotifierContract
    from complaintkit.testing.storage_contract import StorageContract

__all__ = ["ChannelContract", "NotifierContract", "StorageContract"]

#: The contracts are pytest test classes, imported when first named: ``complaintkit check``
#: uses ``complaintkit.testing.strategies``, and an installation without pytest (which is no
#: dependency of complaintkit) must still be able to import it.
_CONTRACTS = {
    "ChannelContract": "complaintkit.testing.channel_contract",
    "NotifierContract": "complaintkit.testing.notifier_contract",
    "StorageContract": "complaintkit.testing.storage_contract",
}


def __getattr__(name: str) -> Any:
    if name in _CONTRACTS:
        return getattr(import_module(_CONTRACTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
