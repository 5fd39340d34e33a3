"""``dead-letters retry`` of an HTTP body dates its complaint by the rule its intake applied:
a body refused for back-dating its complaint unsigned was taken in back-dated on retry,
its clocks run out, since the letter did not say whether the request had been signed."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from complaintkit.api.app import create_app
from complaintkit.channels.read_with import split_options, with_options
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.notify.signing import HEADER, TIMESTAMP_HEADER, sign_request
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
SECRET = "intake-secret-of-the-shop"


def _body(external_id: str, received_at: datetime, **more: object) -> bytes:
    data = {"external_id": external_id, "customer": {"id": "c"}, "text": "漏水", **more}
    return json.dumps({**data, "received_at": received_at.isoformat()}).encode()


def _retry(db: str) -> dict[str, str]:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", "--json"])
    return json.loads(result.stdout)[-1]  # type: ignore[no-any-return]


def test_a_back_dated_unsigned_body_stays_refused_on_retry(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    body = _body("U-1", datetime.now(UTC) - timedelta(days=30))
    with SQLiteStorage(db) as storage:
        with running_server(create_app(Desk(storage=storage))) as url, loopback_client() as client:
            answer = client.post(f"{url}/complaints", content=body)
        assert answer.status_code == 422, answer.text
        (letter,) = storage.dead_letters()
        assert split_options(letter.source)[1].get("signed") is None
    outcome = _retry(db)
    assert outcome["outcome"] == "refused", outcome
    assert "received_at" in outcome["reason"]
    with SQLiteStorage(db) as storage:
        assert storage.find_by_key("http", "U-1") is None


def test_a_letter_kept_before_letters_said_so_is_read_as_unsigned(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    at = datetime.now(UTC)
    with SQLiteStorage(db) as storage:
        storage.dead_letter("http:http:req-1", _body("U-2", at - timedelta(days=9)), "x", at)
    assert _retry(db)["outcome"] == "refused"


def test_a_signed_body_is_kept_as_signed_and_dated_as_it_says_on_retry(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    stamp = int(time.time())
    week_ago = datetime.fromtimestamp(stamp, UTC) - timedelta(days=7)
    body = _body("S-1", week_ago, amount={"amount": "1,000.50", "currency": "CNY"})
    headers = {TIMESTAMP_HEADER: str(stamp), HEADER: sign_request(SECRET, body, stamp)}
    with SQLiteStorage(db) as storage:
        app = create_app(Desk(storage=storage), secret=SECRET)
        with running_server(app) as url, loopback_client() as client:
            answer = client.post(f"{url}/complaints", content=body, headers=headers)
        assert answer.status_code == 422, answer.text
        (letter,) = storage.dead_letters()
        assert split_options(letter.source)[1] == {"signed": True}
        source = with_options(split_options(letter.source)[0], {"signed": True})
        at = datetime.fromtimestamp(stamp, UTC)
        storage.dead_letter(source, _body("S-2", week_ago), "fixed by hand", at)
    outcome = _retry(db)
    with SQLiteStorage(db) as storage:
        case = storage.find_by_key("http", "S-2")
        assert case is not None, outcome
        assert case.complaint.received_at == week_ago
