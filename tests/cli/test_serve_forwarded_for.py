"""Whose address ``complaintkit serve`` counts a refused body against (``refusals_kept``).

uvicorn reads ``X-Forwarded-For`` from 127.0.0.1 unless told otherwise, so a client
connecting on loopback with no proxy before the server could name any address in the
header and get a fresh allowance with each one. ``serve`` now reads it only from the
proxies ``--forwarded-allow-ips`` names; without the option every sender is the address
it connected from, whatever the header says."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.prompt_server import PromptServer
from complaintkit.testing.server import free_port
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

#: Seconds a server may take to start; never waited out when the test passes.
GENEROUS = 30


@contextmanager
def serving(monkeypatch: pytest.MonkeyPatch, db: Path, *options: str) -> Iterator[str]:
    """``complaintkit serve`` run on a thread on a free loopback port, under uvicorn's
    server as serve configures it, stopped promptly at the end; its base URL."""
    started: list[PromptServer] = []

    class Recorded(PromptServer):
        def __init__(self, config: uvicorn.Config) -> None:
            super().__init__(config)
            started.append(self)

    monkeypatch.setattr(uvicorn, "Server", Recorded)
    port = free_port()
    command = ["--db", f"sqlite:///{db}", "serve", "--port", str(port), "--refusals-kept", "2"]
    results: list[Result] = []
    thread = threading.Thread(
        target=lambda: results.append(CliRunner().invoke(CLI, [*command, *options])), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + GENEROUS
    while not (started and started[0].started):
        assert not results, results[0].output
        assert time.monotonic() < deadline, "serve did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        started[0].stop()
        thread.join(GENEROUS)


def _kept_of_five_named_senders(url: str) -> int:
    """Dead letters kept of five refused bodies each naming another address forwarded for."""
    with loopback_client(base_url=url) as client:
        answers = [
            client.post(
                "/complaints", content=b"{not json", headers={"X-Forwarded-For": f"203.0.113.{n}"}
            )
            for n in range(1, 6)
        ]
    assert {answer.status_code for answer in answers} == {422}
    return sum(answer.json().get("kept", True) for answer in answers)


def test_a_forwarded_address_is_not_believed_without_the_option(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with serving(monkeypatch, tmp_path / "cases.db") as url:
        assert _kept_of_five_named_senders(url) == 2  # all one sender: 127.0.0.1
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with desk.storage:
        assert len(desk.storage.dead_letters()) == 2


def test_a_forwarded_address_is_believed_from_a_proxy_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with serving(monkeypatch, tmp_path / "cases.db", "--forwarded-allow-ips", "127.0.0.1") as url:
        assert _kept_of_five_named_senders(url) == 5  # five senders behind the proxy


def test_a_forwarded_address_is_not_believed_from_a_proxy_not_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with serving(
        monkeypatch, tmp_path / "cases.db", "--forwarded-allow-ips", "10.0.0.0/8, ::1"
    ) as url:
        assert _kept_of_five_named_senders(url) == 2


@pytest.mark.parametrize(
    "given", ["*", "", "proxy.example", "10.0.0.1,,10.0.0.2", "300.1.1.1", "10.0.0.0/33"]
)
def test_a_proxy_list_that_names_no_address_is_a_usage_error(given: str) -> None:
    """``*`` would believe any client's header: whoever sends one names their address."""
    result = CliRunner().invoke(
        CLI, ["--db", "memory:", "serve", "--host", "999.1.1.1", "--forwarded-allow-ips", given]
    )
    assert result.exit_code == 2, result.output
    assert "--forwarded-allow-ips" in result.stderr
    assert "Traceback" not in result.output + result.stderr
