"""A JSON body in Big5 declaring ``charset=gbk`` (a sender's wrong label) was refused, its
dead letter keeping the charset, and ``dead-letters retry`` read its bytes as GBK, which
reads them whole: the case opened saying 癳繺獶盽е for 送餐非常快. The refusal and the
retry now make the CSV reader's check (``model.readable_as.misread``): the body reads as
GBK only as characters no one writes together, and both name big5hkscs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def test_big5_declared_gbk_is_refused_advising_big5_and_never_stored(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    complaint = {"external_id": "B5-1", "customer": {"id": "c"}, "text": "送餐非常快"}
    body = json.dumps(complaint, ensure_ascii=False).encode("big5")
    with SQLiteStorage(db) as storage:
        app = create_app(Desk(storage=storage))
        with running_server(app) as url, loopback_client(base_url=url) as client:
            kind = "application/json; charset=gbk"
            answer = client.post("/complaints", content=body, headers={"Content-Type": kind})
    assert answer.status_code == 422, answer.text
    assert "big5hkscs" in answer.json()["error"]
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", "--json"])
    (outcome,) = json.loads(result.stdout)
    assert outcome["outcome"] == "refused", outcome
    assert "big5hkscs" in outcome["reason"]
    with SQLiteStorage(db) as storage:
        assert storage.find_by_key("http", "B5-1") is None
        assert storage.dead_letters()[-1].raw == body
    again = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", "-o", "charset=big5hkscs"]
    )
    (taken,) = json.loads(again.stdout)
    assert taken["outcome"] == "taken", taken
    with SQLiteStorage(db) as storage:
        case = storage.find_by_key("http", "B5-1")
        assert case is not None
        assert case.complaint.text == "送餐非常快"
