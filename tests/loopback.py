"""An HTTP client for a server a test runs on loopback (``running_server``).

httpx reads certifi's certificate store into a new SSL context for every client, some
44 ms, and the suite makes hundreds of clients for plain-HTTP servers that never use it;
this client is given an SSL context that reads no store (an https URL is refused by
its handshake, never trusted unverified)."""

from __future__ import annotations

import ssl
from typing import Any

import httpx

#: Trusts no certificate: a client of plain-HTTP servers has none to check.
_NO_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def loopback_client(base_url: str = "", **options: Any) -> httpx.Client:
    """``httpx.Client(base_url=base_url, **options)`` without reading a certificate store."""
    return httpx.Client(base_url=base_url, verify=_NO_TLS, **options)
