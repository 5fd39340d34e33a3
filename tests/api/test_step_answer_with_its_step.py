"""A step sent with an ``Idempotency-Key`` and its kept answer commit together: when the
answer cannot be kept, the step is not recorded either (a retry records it once), and
plugins hear of the step only once both are committed — never of one undone."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.step_answers import StepAnswer
from complaintkit.testing import step_retry_contract as contract


class Listener:
    """Reads the store from a connection of its own at each event it is told of."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.seen: list[tuple[str, int]] = []

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        if event.kind == "noted":
            with SQLiteStorage(self.url) as other:
                stored = sum(e.kind == "noted" for e in other.events(event.case_id))
            self.seen.append((event.kind, stored))


def _served(tmp_path: Path) -> tuple[contract.Served, Listener]:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    listener = Listener(url)
    pm = plugin_manager(load_entrypoints=False)
    pm.register(listener, name="listener")
    storage = SQLiteStorage(url)
    desk = Desk(storage=storage, clock=ManualClock(contract.T0), plugins=Plugins(pm))
    app = create_app(desk, agent_tokens={contract.AGENT: "li.na"})
    return contract.Served(storage, desk, app), listener


def test_a_step_whose_answer_cannot_be_kept_is_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served, listener = _served(tmp_path)
    case_id = contract.opened_case(served, "WITH-1")

    def full_disk(agent: str, key: str, answer: StepAnswer) -> None:
        raise StorageError("the disk is full")

    with monkeypatch.context() as failing:
        failing.setattr(served.storage, "keep_step_answer", full_disk)
        refused = served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-1")
    assert refused.status_code == 503, refused.text
    assert served.recorded(case_id, "noted") == 0
    assert listener.seen == []
    retried = served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-1")
    assert retried.status_code == 200, retried.text
    assert served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-1").text == retried.text
    assert served.recorded(case_id, "noted") == 1
    served.stop()


def test_plugins_hear_of_a_step_once_it_is_committed_with_its_answer(tmp_path: Path) -> None:
    served, listener = _served(tmp_path)
    case_id = contract.opened_case(served, "WITH-2")
    assert served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-2").status_code == 200
    assert served.post(f"/cases/{case_id}/note", {"text": "x"}, "k-2").status_code == 200
    assert listener.seen == [("noted", 1)]  # told once, the note already readable
    served.stop()
