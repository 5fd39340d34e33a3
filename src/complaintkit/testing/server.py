"""Serving an ASGI app (the HTTP API, an embedding web app) for tests, on loopback only."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(app: Any, *, startup_timeout: float = 10, http: Any = "auto") -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL.
    ``http``: uvicorn's protocol, e.g. ``api.header_deadline.headers_in_time(...)`` as
    ``complaintkit serve`` runs it."""
    import uvicorn  # noqa: PLC0415 -- the `server` extra; only tests that serve need it

    from complaintkit.testing.prompt_server import PromptServer  # noqa: PLC0415 -- uvicorn's

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=http)
    server = PromptServer(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:  # waits for startup readiness; no logic depends on timing
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"uvicorn did not start on port {port} in {startup_timeout} s")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        thread.join(5)
