"""HMAC-SHA256 signatures over request bodies, shared by the webhook notifier and HTTP intake.

The header value is ``sha256=<hex digest of the raw body>`` (the GitHub webhook format), so
receivers can verify with any HMAC library.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Complaintkit-Signature"


def sign(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str | None) -> bool:
    """Constant-time check of a signature header value against the body."""
    return signature is not None and hmac.compare_digest(sign(secret, body), signature.strip())
