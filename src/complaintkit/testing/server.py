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
    http: Any = None,
    forwarded_allow_ips: tuple[str, ...] = (),
) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL.
    ``http``: uvicorn's protocol; by default the one ``complaintkit serve`` runs
    (``api.header_deadline.headers_in_time()``: its header deadline, its JSON answer to
    what it cannot parse, an answer to a client that half-closed, its lingering close),
    ``"h11"`` for uvicorn's own. ``X-Forwarded-For`` is believed only from
    ``forwarded_allow_ips`` (addresses or networks), as ``serve --forwarded-allow-ips``:
    uvicorn alone believes it from 127.0.0.1, where every test's client connects from."""
    from complaintkit.cli.serve import server_config  # noqa: PLC0415 -- serve's settings
    from complaintkit.testing.prompt_server import PromptServer  # noqa: PLC0415 -- uvicorn's

    if http is None:
        from complaintkit.api.header_deadline import headers_in_time  # noqa: PLC0415 -- uvicorn's

        http = headers_in_time()
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
