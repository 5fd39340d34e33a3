"""``running_server`` serves an app until the test's block ends, then stops at once, its
port closed: uvicorn's server, told to stop from the test's thread (``PromptServer``)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import uvicorn

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.prompt_server import PromptServer
from complaintkit.testing.server import free_port, running_server


def test_the_app_is_served_until_the_block_ends_and_the_port_is_closed_after() -> None:
    with running_server(create_app(Desk())) as url:
        assert httpx.get(f"{url}/openapi.json").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/openapi.json")


def test_a_server_told_to_stop_before_its_main_loop_runs_stops_when_it_gets_there() -> None:
    config = uvicorn.Config(create_app(Desk()), host="127.0.0.1", port=free_port())
    server = PromptServer(config)
    server.stop()
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    thread.join(30)  # a guard against a hang, not a timing
    assert not thread.is_alive()


def test_stopping_a_server_that_has_ended_is_harmless() -> None:
    config = uvicorn.Config(create_app(Desk()), host="127.0.0.1", port=free_port())
    server = PromptServer(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    server.stop()
    thread.join(30)
    assert not thread.is_alive()
    server.stop()  # its event loop is closed now


def test_a_request_being_answered_when_the_server_stops_is_answered_whole() -> None:
    """Stopping closes idle connections at once, and waits for one still answering."""
    answering, released = threading.Event(), threading.Event()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            answering.set()
            await asyncio.to_thread(released.wait, 30)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"whole"})

    port = free_port()
    server = PromptServer(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    with ThreadPoolExecutor(1) as pool:
        while not server.started:
            time.sleep(0.01)
        response = pool.submit(httpx.get, f"http://127.0.0.1:{port}/", timeout=30)
        assert answering.wait(30)
        server.stop()
        while _accepts(port):  # stopping: it takes no new connection, then ends the answer
            time.sleep(0.01)
        released.set()
        assert response.result().text == "whole"
    thread.join(30)
    assert not thread.is_alive()


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return False
    return True
