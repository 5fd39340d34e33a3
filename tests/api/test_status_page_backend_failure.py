"""A storage backend of a plugin failing under the status page is a store that failed.

docs/plugins.md: a backend's bug is a ``PluginError`` naming it, "which its caller handles
as any failing store". The status page did not: a customer opening their link while the
backend raised got a raw JSON 422, "the request could not be processed: PluginError", in
their browser, where a ``StorageError`` gives them the "try again later" page (503), and
an API client was told to mend a request that had nothing wrong with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

import complaintkit
from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client


class _Flaky(SQLiteStorage):
    """A plugin's SQLite store whose token lookups fail once ``broken``."""

    broken = False

    def find_by_token(self, token: str) -> Case | None:
        if self.broken:
            raise RuntimeError("the replica went away")
        return super().find_by_token(token)


class _FlakyPlugin:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.kind: type[_Flaky] = _Flaky

    @complaintkit.hookimpl
    def register_storage(self, register: Callable[..., None]) -> None:
        register("flaky", lambda url: self.kind(f"sqlite:///{self.folder / 'cases.db'}"))


@pytest.mark.parametrize("html", [True, False], ids=["page", "json"])
def test_a_failing_backend_is_the_try_again_later_answer(
    tmp_path: Path, html: bool, caplog: pytest.LogCaptureFixture
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_FlakyPlugin(tmp_path), name="flaky-db")
    clock = ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC))
    desk = Desk(storage="flaky://replica", plugins=Plugins(pm), clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "店员态度差",
        }
    )
    assert isinstance(desk.storage, _Flaky)
    desk.storage.broken = True
    accept = "text/html" if html else "application/json"
    with (
        caplog.at_level(logging.ERROR),
        running_server(create_app(desk)) as url,
        loopback_client(base_url=url) as client,
    ):
        answer = client.get(f"/status/{case.status_token}?lang=zh", headers={"Accept": accept})
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"].startswith(accept)
    if html:
        assert say("unavailable", "zh") in answer.text
    assert "flaky" not in answer.text  # the store's plugin is not the customer's business
    assert "'flaky-db'" in caplog.text  # the server's log names it


class _FlakySaves(_Flaky):
    """The same store, failing as it saves a change."""

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        if self.broken:
            raise RuntimeError(f"cannot write {self.path}")
        super().save(case, events)


def test_an_agents_step_the_store_fails_is_storage_unavailable_naming_no_path(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As a ``StorageError`` is answered: what the backend raised may name its files."""
    plugin = _FlakyPlugin(tmp_path)
    plugin.kind = _FlakySaves
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="flaky-db")
    clock = ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC))
    desk = Desk(storage="flaky://replica", plugins=Plugins(pm), clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-2",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "店员态度差",
        }
    )
    assert isinstance(desk.storage, _Flaky)
    desk.storage.broken = True
    token = "agent-token-0123456789"
    with (
        caplog.at_level(logging.ERROR),
        running_server(create_app(desk, agent_tokens={token: "li.na"})) as url,
        loopback_client(base_url=url) as client,
    ):
        answer = client.post(
            f"/cases/{case.id}/note",
            json={"text": "供应商批次 B-17"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert answer.status_code == 503, answer.text
    assert str(tmp_path) not in answer.text
    assert "flaky" not in answer.text
    assert "'flaky-db'" in caplog.text
