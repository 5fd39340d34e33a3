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
def running_server(
    app: Any,
    *,
    startup_timeout: float = 10,
    http: Any = "auto",
    forwarded_allow_ips: tuple[str, ...] = (),
) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL.
    ``http``: uvicorn's protocol, e.g. ``api.header_deadline.headers_in_time(...)`` as
    ``complaintkit serve`` runs it. ``X-Forwarded-For`` is believed only from
    ``forwarded_allow_ips`` (addresses or networks), as ``serve --forwarded-allow-ips``:
    uvicorn alone believes it from 127.0.0.1, where every test's client connects from."""
    from complaintkit.cli.serve import server_config  # noqa: PLC0415 -- serve's settings
    from complaintkit.testing.prompt_server import PromptServer  # noqa: PLC0415 -- uvicorn's

    port = free_port()
    config = server_config(app, "127.0.0.1", port, http, forwarded_allow_ips, "warning")
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
