"""Tamper evidence: the store-wide ledger of case heads, its key, checkpoints and the audit.

``docs/audit.md`` tells operators what is detected and what is not.
"""

from complaintkit.audit.checkpoint import Checkpoint
from complaintkit.audit.findings import Finding
from complaintkit.audit.keys import AuditKey, load_key
from complaintkit.audit.verify import AuditReport, verify_store

__all__ = ["AuditKey", "AuditReport", "Checkpoint", "Finding", "load_key", "verify_store"]
