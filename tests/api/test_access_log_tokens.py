"""A status token never reaches the access log: it is the customer's key to their case
page, and ``complaintkit serve`` logged every ``GET /status/<token>`` in full, so whoever
reads the server's logs could open every customer's case."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from complaintkit.api.access_log import StatusTokensHidden
from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.server import free_port

ACCESS = logging.getLogger("uvicorn.access")


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(name="kept")
def kept_fixture() -> Iterator[_Kept]:
    """A handler to attach once uvicorn has set its logging up (it drops handlers before)."""
    kept, filters = _Kept(), list(ACCESS.filters)
    try:
        yield kept
    finally:
        ACCESS.removeHandler(kept)
        ACCESS.filters[:] = filters


def test_the_servers_access_log_shows_status_paths_without_their_tokens(kept: _Kept) -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "T-1",
            "received_at": desk.clock.now().isoformat(),
            "customer": {"id": "c"},
            "text": "漏水",
        }
    )
    port = free_port()
    ACCESS.filters.clear()  # create_app hides them, for any server: serve, uvicorn --factory,
    app = create_app(desk)  # or an application's own uvicorn.run (examples/webapp)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port))
    ACCESS.addHandler(kept)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # startup readiness, not a timing assertion
        time.sleep(0.01)
    try:
        base = f"http://127.0.0.1:{port}"
        for path in (f"/status/{case.status_token}", f"/status/{case.status_token}?lang=zh"):
            assert httpx.get(base + path).status_code == 200
    finally:
        server.should_exit = True
        thread.join(5)
    status_lines = [line for line in kept.lines if "/status/" in line]
    assert len(status_lines) == 2, kept.lines
    assert not any(case.status_token in line for line in kept.lines)
    assert "lang=zh" in status_lines[1]


@pytest.mark.parametrize(
    ("msg", "args"),
    [
        ('%s - "%s %s HTTP/%s" %d', ("127.0.0.1:5", "GET", "/status/abc-DEF_123?x=1", "1.1", 200)),
        ("%(path)s answered", ({"path": "/shop/status/abc-DEF_123"},)),
        ("GET /status/abc-DEF_123 HTTP/1.1", None),
    ],
)
def test_a_token_is_hidden_wherever_the_record_holds_the_path(msg: str, args: Any) -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, msg, args, None)
    assert StatusTokensHidden().filter(record)
    shown = record.getMessage()
    assert "abc-DEF_123" not in shown
    assert "/status/…" in shown


def test_serve_hides_tokens_in_uvicorns_access_log(monkeypatch: pytest.MonkeyPatch) -> None:
    class Served:
        def __init__(self, config: Any) -> None:
            self.started = True

        def run(self, sockets: Any) -> None:
            assert any(isinstance(f, StatusTokensHidden) for f in ACCESS.filters)

    filters = list(ACCESS.filters)
    ACCESS.filters[:] = [f for f in filters if not isinstance(f, StatusTokensHidden)]
    monkeypatch.setattr(uvicorn, "Server", Served)
    try:
        cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
        port = str(free_port())
        result = CliRunner().invoke(cli, ["--db", "memory:", "serve", "--port", port])
    finally:
        ACCESS.filters[:] = filters
    assert result.exit_code == 0, result.output
