"""A customer's answer to an offer while a plugin's store fails: the "try again later" page.

A ``StorageError`` as the answer is recorded gives the customer's form the unavailable page
(503). A plugin's storage backend failing is a store failing (docs/plugins.md), but the
answer was taken for a plugin's bug in the Desk: kept as a dead letter — in the store that
had just failed — whose failure reached the browser as raw JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from offered_voucher import offered, voucher_desk

import complaintkit
from complaintkit.api.app import create_app
from complaintkit.api.wording import say
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client


class _FailsToSave(SQLiteStorage):
    broken = False

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        if self.broken:
            raise RuntimeError(f"cannot write {self.path}")
        super().save(case, events)

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: object) -> None:
        if self.broken:
            raise RuntimeError(f"cannot write {self.path}")
        super().dead_letter(source, raw, reason, at)  # type: ignore[arg-type]


class _Plugin:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @complaintkit.hookimpl
    def register_storage(self, register: Callable[..., None]) -> None:
        register("flaky", lambda url: _FailsToSave(f"sqlite:///{self.folder / 'c.db'}"))


@pytest.mark.parametrize("form", [True, False], ids=["form", "json"])
def test_an_answer_the_plugins_store_fails_is_try_again_later(tmp_path: Path, form: bool) -> None:
    plain = voucher_desk(tmp_path)
    plain.storage.close()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_Plugin(tmp_path), name="flaky-db")
    desk = Desk(
        tmp_path / "policy.yaml", storage="flaky://x", clock=plain.clock, plugins=Plugins(pm)
    )
    case = offered(desk)
    assert isinstance(desk.storage, _FailsToSave)
    desk.storage.broken = True
    path = f"/status/{case.status_token}/offers/comp-1?lang=zh"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        if form:
            sent = client.post(path, data={"answer": "accept"}, headers={"Accept": "text/html"})
        else:
            sent = client.post(path, json={"answer": "accept"})
    assert sent.status_code == 503, sent.text
    if form:
        assert sent.headers["content-type"].startswith("text/html")
        assert say("unavailable", "zh") in sent.text
    assert str(tmp_path) not in sent.text
    assert "flaky" not in sent.text
