"""``audit checkpoint`` and ``audit verify --against``: the ledger still holds what was seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tampering
from tampering import Tables, audit, fill, run

from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

store = tampering.store
url = tampering.url

KEY = "a checkpoint key of 32 bytes...."


def take(url: str, path: Path) -> dict[str, object]:
    result = run("--db", url, "audit", "checkpoint", "--out", str(path))
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text())  # type: ignore[no-any-return]


def test_checkpoint_records_the_ledger_head_and_totals(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    url, _, tables = store
    checkpoint = take(url, tmp_path / "cp.json")
    ((entries, head),) = tables.execute("SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1")
    assert checkpoint["ledger"] == {"entries": entries, "head": head}
    assert (checkpoint["cases"], checkpoint["events"]) == (3, 3 * 8)
    assert checkpoint["key_id"] is None
    assert audit(url, "--against", str(tmp_path / "cp.json")) == (0, [])


def test_a_store_that_grew_still_matches_its_checkpoint(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    url, ids, _ = store
    take(url, tmp_path / "cp.json")
    desk = Desk(storage=url)
    try:
        desk.note(ids[0], "later work", actor="li.na")
        desk.intake(make_complaint("later"))
    finally:
        desk.storage.close()
    assert audit(url, "--against", str(tmp_path / "cp.json")) == (0, [])


def test_removing_the_newest_entries_and_their_events_is_caught(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    """Cutting the tail of the ledger together with the events it committed leaves a
    consistent store: only a checkpoint kept elsewhere tells."""
    url, ids, tables = store
    take(url, tmp_path / "cp.json")
    last = tables.events(ids[2])[-1]
    tables.delete_events(ids[2], after=last["seq"] - 1)
    tables.execute("DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger)")
    body = tables.case(ids[2])
    tables.rechain(ids[2], last["seq"] - 1, {})  # rewrite the row from the shorter history
    assert body["version"] == last["seq"]
    exit_code, findings = audit(url, "--against", str(tmp_path / "cp.json"))
    assert exit_code == 1
    assert [f["code"] for f in findings] == ["checkpoint"]
    assert "newest entries were removed" in findings[0]["problem"]


def test_an_edited_checkpoint_is_refused(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    url, _, _ = store
    checkpoint = take(url, tmp_path / "cp.json")
    checkpoint["cases"] = 2
    (tmp_path / "cp.json").write_text(json.dumps(checkpoint))
    exit_code, findings = audit(url, "--against", str(tmp_path / "cp.json"))
    assert exit_code == 1
    assert findings[0]["code"] == "checkpoint"
    assert "altered" in findings[0]["problem"]


def test_a_checkpoint_in_gbk_is_refused_naming_the_file_and_how_it_reads(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    url, _, _ = store
    path = tmp_path / "cp.json"
    path.write_bytes('{"note": "\u68c0\u67e5\u70b9"}'.encode("gbk"))
    result = run("--db", url, "audit", "verify", "--against", str(path))
    assert result.exit_code == 2
    assert "cp.json" in result.output
    assert "not valid UTF-8" in result.output
    assert "GB18030" in result.output
    assert "codec" not in result.output  # Python's wording, not the user's


def test_a_keyed_checkpoint_needs_its_key(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", KEY)
    fill(url)
    checkpoint = take(url, tmp_path / "cp.json")
    assert isinstance(checkpoint["key_id"], str)
    assert audit(url, "--against", str(tmp_path / "cp.json")) == (0, [])
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", "another key of at least 16 bytes")
    exit_code, findings = audit(url, "--against", str(tmp_path / "cp.json"))
    assert exit_code == 1
    assert "checkpoint" in {f["code"] for f in findings}


def test_no_checkpoint_of_a_store_with_findings(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    url, ids, tables = store
    tables.execute("DELETE FROM events WHERE case_id = ? AND seq = 3", ids[0])
    result = run("--db", url, "audit", "checkpoint", "--out", str(tmp_path / "cp.json"))
    assert result.exit_code == 1
    assert "no checkpoint taken" in result.output
    assert not (tmp_path / "cp.json").exists()


def test_checkpoint_prints_to_stdout_without_out(store: tuple[str, list[str], Tables]) -> None:
    url, _, _ = store
    result = run("--db", url, "audit", "checkpoint")
    assert result.exit_code == 0
    assert json.loads(result.output)["format"] == "complaintkit-audit-checkpoint/1"


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"format": "complaintkit-audit-checkpoint/1"}',
        "[]",
        "[" * 100_000 + "]" * 100_000,  # Python's reader ends in RecursionError
    ],
    ids=["not json", "no fields", "a list", "nested too deeply"],
)
def test_a_malformed_checkpoint_file_is_a_usage_error(
    store: tuple[str, list[str], Tables], tmp_path: Path, text: str
) -> None:
    url, _, _ = store
    (tmp_path / "cp.json").write_text(text)
    result = run("--db", url, "audit", "verify", "--against", str(tmp_path / "cp.json"))
    assert result.exit_code == 2
    assert "cp.json" in result.output


def test_a_missing_checkpoint_file_is_named(
    store: tuple[str, list[str], Tables], tmp_path: Path
) -> None:
    """A usage error naming the option, as any other unusable checkpoint: exit code 1,
    which it was, is what a ledger failing the check exits with."""
    url, _, _ = store
    result = run("--db", url, "audit", "verify", "--against", str(tmp_path / "gone.json"))
    assert result.exit_code == 2
    assert "gone.json" in result.output
    assert "--against" in result.output


def test_a_checkpoint_of_an_empty_store_matches_it_and_what_it_grows_into(
    url: str, tmp_path: Path
) -> None:
    take(url, tmp_path / "cp.json")
    assert audit(url, "--against", str(tmp_path / "cp.json")) == (0, [])
    fill(url)
    assert audit(url, "--against", str(tmp_path / "cp.json")) == (0, [])
